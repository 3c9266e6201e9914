"""Parsers on documents written for these tests (other councils' ways of writing the same things)."""

import datetime as dt

import docx
import pytest

from tryggsam.documents.extract import extract
from tryggsam.documents.parsing.clean import clean_value, join_two
from tryggsam.documents.parsing.dates import find_dates, find_time_range, resolve


@pytest.mark.parametrize(
    ("text", "expected", "start", "end"),
    [
        ("Torsdagen den 16 september 2021 kl. 10.00-12.00", dt.date(2021, 9, 16), "10:00", "12:00"),
        ("2019-02-22", dt.date(2019, 2, 22), None, None),
        ("tisdag 3 mars 2020 klockan 13-15", dt.date(2020, 3, 3), "13:00", "15:00"),
        ("den 4 okt. 2022, kl 8.30–10", dt.date(2022, 10, 4), "08:30", "10:00"),
        ("onsdagen den 7:e juni 2023 kl. 17.00 – 18.30", dt.date(2023, 6, 7), "17:00", "18:30"),
        ("12/3 2024 13:00-14:30", dt.date(2024, 3, 12), "13:00", "14:30"),
        ("5.11.2020", dt.date(2020, 11, 5), None, None),
    ],
)
def test_dates__written_forms_with_year(text, expected, start, end):
    mention = find_dates(text)[0]
    assert resolve(mention, document_date=None, reference_year=None).date == expected
    assert find_time_range(text[mention.end :]) == (start, end) or find_time_range(text).start == start


@pytest.mark.parametrize(
    ("text", "document_date", "expected"),
    [
        ("22/2", dt.date(2019, 1, 10), dt.date(2019, 2, 22)),
        ("den 1/6", dt.date(2021, 3, 5), dt.date(2021, 6, 1)),
        ("10 maj klockan 9-11", dt.date(2019, 2, 22), dt.date(2019, 5, 10)),
        ("den 15 januari", dt.date(2020, 11, 20), dt.date(2021, 1, 15)),
    ],
)
def test_dates__without_year_take_document_year_forward(text, document_date, expected):
    mention = find_dates(text)[0]
    resolved = resolve(mention, document_date=document_date, reference_year=None, forward=True)
    assert resolved.date == expected
    assert resolved.warning and str(expected.year) in resolved.warning


def test_dates__weekday_decides_year_when_document_has_no_date():
    mention = find_dates("Torsdagen den 14 mars kl. 13")[0]
    resolved = resolve(mention, document_date=None, reference_year=2018, forward=True)
    assert resolved.date == dt.date(2019, 3, 14)
    assert "torsdag" in resolved.warning


def test_dates__no_year_no_weekday_no_document_date_is_not_guessed():
    resolved = resolve(find_dates("den 3 april")[0], document_date=None, reference_year=2020)
    assert resolved.date is None and "Året kunde inte avgöras" in resolved.warning


def test_dates__wrong_weekday_is_reported():
    resolved = resolve(find_dates("måndag 5 maj 2021")[0], document_date=None, reference_year=None)
    assert resolved.date == dt.date(2021, 5, 5) and "onsdag" in resolved.warning


@pytest.mark.parametrize("text", ["08-508 22 030", "2018-2021", "tel 070-123 45 67", "LOV3 (220902)", "1/2 timme"[:0]])
def test_dates__phone_numbers_and_periods_are_not_dates(text):
    assert find_dates(text) == []


def test_clean__markup_and_broken_words():
    assert clean_value(
        "<b>Torget:</b> **mer** ljus, se [sidan](http://x.se/a_b) \\_ &amp; <ul><li>a</li><li>b</li></ul>"
    ) == ("Torget: mer ljus, se sidan _ &; a; b")
    assert join_two("Hägersten-", " Liljeholmen") == "Hägersten-Liljeholmen"
    assert join_two("närings-", "och föreningsliv") == "närings- och föreningsliv"
    assert join_two("skola/", "fritid") == "skola/fritid"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINUTES = """Minnesanteckningar från trygghetsrådet i Norrby kommun

Datum: onsdag 9 oktober 2024
Tid: 13.30-15.00
Plats: Kommunhuset, sal Eken

Närvarande: Karin Ahl (ordförande), Jonas Berg, kommunpolis; Sara Lind, rektor Norrbyskolan
Frånvarande:
Olle Svensson, räddningstjänsten

§ 1 Mötets öppnande
Ordföranden hälsade alla välkomna.

§ 2 Läget i centrum
Klotter vid busstorget har ökat under hösten. Rådet beslutade att kommunen tar bort klottret inom två dygn.

§ 3 Beslut
Beslut: Polisen och skolan gör en gemensam kvällsvandring i november.

§ 4 Nästa möte
Nästa möte: 4/12 kl. 13.30-15.00 i Kommunhuset
Möten under våren: 12 februari och 9 april

Kontaktperson: Karin Ahl, 0570-123 45, karin.ahl@norrby.se
"""


def test_extract__other_councils_minutes(tmp_path):
    result = extract(_write(tmp_path, "norrby.txt", MINUTES))
    assert result["kind"] == "minutes"
    assert result["organisation"] == "Norrby kommun"
    assert result["forum"] == "trygghetsrådet i Norrby"  # the place names which council
    assert result["meeting"] == {
        "date": "2024-10-09",
        "start": "13:30",
        "end": "15:00",
        "location": "Kommunhuset, sal Eken",
        "chair": None,
    }
    assert [(a["name"], a["title"], a["organisation"], a["status"]) for a in result["attendees"]] == [
        ("Karin Ahl", "ordförande", None, "present"),
        ("Jonas Berg", "kommunpolis", None, "present"),
        ("Sara Lind", "rektor Norrbyskolan", None, "present"),
        ("Olle Svensson", "räddningstjänsten", None, "absent"),
    ]
    assert [(i["number"], i["heading"]) for i in result["items"]] == [
        ("1", "Mötets öppnande"),
        ("2", "Läget i centrum"),
        ("3", "Beslut"),
        ("4", "Nästa möte"),
    ]
    assert result["decisions"] == [
        "Polisen och skolan gör en gemensam kvällsvandring i november.",
        "Rådet beslutade att kommunen tar bort klottret inom två dygn.",
    ]
    assert result["next_meetings"][0] == {
        "date": "2024-12-04",
        "start": "13:30",
        "end": "15:00",
        "location": "Kommunhuset",
    }
    assert [m["date"] for m in result["next_meetings"][1:]] == ["2025-02-12", "2025-04-09"]
    assert result["contacts"] == [{"name": "Karin Ahl", "phone": "0570-123 45", "email": "karin.ahl@norrby.se"}]


def test_extract__work_table_as_pipe_table_with_wrapped_cells(tmp_path):
    text = (
        "# Platssamverkan Stationsområdet\n\n"
        "| Problem | Åtgärd | Deltagare | Ansvarig | Status |\n|---|---|---|---|---|\n"
        "| Mörk gångtunnel | Ny belysning | Teknik, polis | Gatuenheten | Klar |\n"
        "| Nedskräpning | Fler papperskorgar | | Parkenheten | Pågår |\n\n"
        "## Utvecklingsområden\n\n"
        "Utvecklingsområde\tÅtgärd/insats\tDeltagare\tSammankallande/ansvarig\tStatus/uppföljning\n"
        "Torghandel\tDialog med\n"
        "handlarna\tFöretagare\tNäringslivschef\tStartar i vår\n"
    )
    tables = extract(_write(tmp_path, "tabell.md", text))["work_tables"]
    assert [(t["partnership"], t["kind"], len(t["rows"])) for t in tables] == [
        ("Platssamverkan Stationsområdet", "problem", 2),
        ("Platssamverkan Stationsområdet", "development", 1),
    ]
    assert tables[0]["rows"][1] == {
        "problem": "Nedskräpning",
        "measure": "Fler papperskorgar",
        "participants": "",
        "responsible": "Parkenheten",
        "status": "Pågår",
    }
    assert tables[1]["rows"][0]["measure"] == "Dialog med handlarna"
    assert tables[1]["rows"][0]["status"] == "Startar i vår"


def test_extract__agreement_with_focus_areas_in_word_table(tmp_path):
    document = docx.Document()
    document.add_heading("Samverkansöverenskommelse mellan Norrby kommun och polisen", level=1)
    document.add_heading("Fokusområde: Trygg skolväg", level=2)
    table = document.add_table(rows=0, cols=2)
    for label, value in [
        ("Mål:", "Fler barn går eller cyklar tryggt till skolan."),
        ("Syfte:", "Minska oron hos föräldrar."),
        ("Ansvarig:", "Kommunen"),
        ("Prioriterade aktiviteter:", "Skolvägsvandring"),
        ("Polisens åtagande:", "Trafikkontroller vid skolstart"),
        ("Kommunens kontakt:", "Trafikplanerare"),
        ("Uppföljning:", "Enkät till föräldrar varje vår"),
    ]:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = label, value
    path = tmp_path / "overenskommelse.docx"
    document.save(path)
    result = extract(path)
    assert result["kind"] == "agreement"
    assert result["organisation"] == "Norrby kommun"
    [area] = result["focus_areas"]
    assert area["name"] == "Trygg skolväg"
    assert area["goal"] == "Fler barn går eller cyklar tryggt till skolan."
    assert area["responsible"] == "Kommunen"
    assert area["activities"] == ["Skolvägsvandring"]
    assert area["police_commitment"] == "Trafikkontroller vid skolstart"
    assert area["district_contact"] == "Trafikplanerare"
    assert area["follow_up"] == "Enkät till föräldrar varje vår"
    assert area["funding"] is None


def test_extract__unknown_document_says_so(tmp_path):
    result = extract(_write(tmp_path, "brev.txt", "Hej!\nTack för senast, vi hörs.\n"))
    assert result["kind"] == "other"
    assert result["items"] == [] and result["attendees"] == []
    assert any("kändes inte igen" in w for w in result["warnings"])


def test_extract__attendee_lines_that_are_not_people_are_warned(tmp_path):
    text = "Protokoll\n\nDeltagare:\nAnna Ek\tSamordnare\nrepresentant från skolan\tRektor\n\n1. Öppnande\nText.\n"
    result = extract(_write(tmp_path, "p.txt", text))
    assert [a["name"] for a in result["attendees"]] == ["Anna Ek"]
    assert any("representant från skolan" in w for w in result["warnings"])
