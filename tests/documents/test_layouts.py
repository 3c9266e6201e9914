"""The same minutes in the layouts that archives hold (one label per line, a whole page on one line,
numbers alone on their line, web-page chrome around them), in words written for these tests."""

import datetime as dt

import pytest

from tryggsam.documents.extract import extract_text
from tryggsam.documents.parsing.attendees import attendance_count
from tryggsam.documents.parsing.clean import is_chrome
from tryggsam.documents.parsing.dates import find_compact_dates, find_dates, is_writing_date, resolve
from tryggsam.documents.readers.text import read_text

LINES = """PROTOKOLL
Trygghetsrådet i Norrvik
Sammanträdesdag: 2021-03-09
Tid: 18:00 – 19.30
Plats: Biblioteket, Storgatan 4
Närvarande: Lisa Berglund, ordförande; Omar Haddad, kommunpolis; Stina Lind-Åkesson, fältsekreterare
Anmält förhinder: Per Nyqvist, rektor
Adjungerade: Mona Ek, räddningstjänsten
1. Mötets öppnande
Ordföranden hälsade alla välkomna.
2. Lägesbild
Polisen berättade om skadegörelse vid skolan, se vidare under punkt 3.
Beslut: Att informationen antecknas.
3. Övriga frågor
Inga övriga frågor.
"""

FLAT = (
    "PROTOKOLL Trygghetsrådet i Norrvik Sammanträdesdag 2021-03-09 Tid: 18:00 – 19.30 Plats: Biblioteket, "
    "Storgatan 4 Närvarande Lisa Berglund, ordförande Omar Haddad, kommunpolis Stina Lind-Åkesson, "
    "fältsekreterare Anmält förhinder Per Nyqvist, rektor Adjungerade Mona Ek, räddningstjänsten "
    "1. Mötets öppnande Ordföranden hälsade alla välkomna. 2. Lägesbild Polisen berättade om skadegörelse "
    "vid skolan, se vidare under punkt 3. Beslut: Att informationen antecknas. 3. Övriga frågor Inga övriga "
    "frågor.\n"
)

NEXT_LINE = """PROTOKOLL
Trygghetsrådet i Norrvik
Sammanträdesdag
2021-03-09
Tid
18:00 – 19.30
Plats
Biblioteket, Storgatan 4
Närvarande
Lisa Berglund, ordförande
Omar Haddad, kommunpolis
Stina Lind-Åkesson, fältsekreterare
Anmält förhinder
Per Nyqvist, rektor
Adjungerade
Mona Ek, räddningstjänsten
1.
Mötets öppnande
Ordföranden hälsade alla välkomna.
2)
Lägesbild
Polisen berättade om skadegörelse vid skolan, se vidare under punkt 3.
Beslut: Att informationen antecknas.
3.
Övriga frågor
Inga övriga frågor.
"""


def _read(text):
    return extract_text(read_text(text.encode()))


@pytest.mark.parametrize("text", [LINES, FLAT, NEXT_LINE], ids=["one-per-line", "flattened", "value-next-line"])
def test_same_facts_in_every_layout(text):
    result = _read(text)
    meeting = result["meeting"]
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("2021-03-09", "18:00", "19:30")
    assert meeting["location"] == "Biblioteket, Storgatan 4"
    by_status = {}
    for person in result["attendees"]:
        by_status.setdefault(person["status"], []).append(person["name"])
    assert by_status["present"] == ["Lisa Berglund", "Omar Haddad", "Stina Lind-Åkesson", "Mona Ek"]
    assert by_status["absent"] == ["Per Nyqvist"]
    adjunct = next(p for p in result["attendees"] if p["name"] == "Mona Ek")
    assert adjunct["title"].startswith("adjungerad")
    assert [(i["number"], i["heading"]) for i in result["items"]] == [
        ("1", "Mötets öppnande"),
        ("2", "Lägesbild"),
        ("3", "Övriga frågor"),
    ]
    assert "Att informationen antecknas." in result["decisions"]


def test_paragraph_numbers_running_on_through_the_year_in_a_flattened_line():
    text = (
        "Protokoll Samverkansgruppen Åby 2022-05-04 § 31 Föregående protokoll Protokollet lades till "
        "handlingarna utan ändringar. § 32 Lägesbild Kommunpolisen redogjorde för läget i centrum och vid "
        "badplatsen under våren. § 33 Nästa möte Gruppen träffas igen efter sommaren.\n"
    )
    result = _read(text)
    assert [(i["number"], i["heading"]) for i in result["items"]] == [
        ("31", "Föregående protokoll"),
        ("32", "Lägesbild"),
        ("33", "Nästa möte"),
    ]


def test_agenda_with_bare_numbers_a_lost_number_and_meeting_times():
    text = (
        "Kallelse Trygghetsrådet Västby Tid Tisdag den 4 oktober 2022, klockan 17:00 Plats Rådssalen Ärenden "
        "1 Godkännande av dagordningen 2 Rapport från fältgruppen Ali Rahimi, fältassistent 3 Budget för "
        "2023 KS-2022/ Mötestider 2023 Tisdagar kl. 17:00-18:30 7 februari 9 maj 5 september 5 Övriga frågor "
        "Västby den 20 september 2022 Hanna Sjö Ordförande\n"
    )
    result = _read(text)
    assert (result["meeting"]["date"], result["meeting"]["start"], result["meeting"]["location"]) == (
        "2022-10-04",
        "17:00",
        "Rådssalen",
    )
    assert [(i["number"], i["heading"]) for i in result["items"]] == [
        ("1", "Godkännande av dagordningen"),
        ("2", "Rapport från fältgruppen"),
        ("3", "Budget för 2023"),
        ("4", "Mötestider 2023"),
        ("5", "Övriga frågor"),
    ]
    assert [(m["date"], m["start"], m["end"]) for m in result["next_meetings"]] == [
        ("2023-02-07", "17:00", "18:30"),
        ("2023-05-09", "17:00", "18:30"),
        ("2023-09-05", "17:00", "18:30"),
    ]


def test_chrome_is_never_title_item_or_date():
    text = (
        "Hoppa till innehåll\nLyssna\nSök\nVi använder kakor för att webbplatsen ska fungera\n"
        "Publicerad 12 november 2021\nFoto: Lena Ström\n"
        "Anteckningar från trygghetsvandringen i Ekdalen\nNärvarande: Kim Ruud, Sara Bäck\n"
        "Vi gick från skolan till torget och antecknade trasig belysning.\n"
    )
    result = _read(text)
    assert result["title"] == "Anteckningar från trygghetsvandringen i Ekdalen"
    assert result["meeting"]["date"] is None
    assert [a["name"] for a in result["attendees"]] == ["Kim Ruud", "Sara Bäck"]
    assert not any("Lyssna" in (i["heading"] or "") or i["heading"] == "Sök" for i in result["items"])


@pytest.mark.parametrize(
    "line", ["Lyssna", "Sök", "Publicerad 3 maj 2020", "Senast uppdaterad 2020-05-03", "Foto: Per Ek", "info",
             "Transcription", "Storlek: px", "Webbplatsen använder cookies för statistik", "Sök på kommunen.se",
             "Sök i webbplatsen"]
)  # fmt: skip
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Lägesbild",
        "Information från polisen",
        "Sökes: fler nattvandrare i helgen",
        "Sök på stöd hos socialtjänsten i tid",
    ],
)
def test_content_is_not_chrome(line):
    assert not is_chrome(line)


def test_two_people_with_one_organisation_and_roles():
    text = (
        "Minnesanteckningar Trygghetsgruppen Strand 2023-02-01\nNärvarande: Eva Lund, fritid\n"
        "Jon Berg och Ann-Sofie Holm, Strandbostäder\nOrdförande: Ida Kron, socialchef\n"
        "Sekreterare: Ola Vik\nJusterare: Eva Lund\n1. Mötets öppnande\nMötet öppnades.\n"
    )
    result = _read(text)
    people = {a["name"]: a for a in result["attendees"]}
    assert list(people) == ["Eva Lund", "Jon Berg", "Ann-Sofie Holm", "Ida Kron", "Ola Vik"]
    assert people["Jon Berg"]["title"] == people["Ann-Sofie Holm"]["title"] == "Strandbostäder"
    assert people["Ida Kron"]["title"] == "ordförande, socialchef"
    assert all(a["status"] == "present" for a in result["attendees"])


def test_table_flattened_column_by_column_is_matched_back():
    text = (
        "Anteckningar Grannsamverkan Höjden 2023-04-12\nNamn\nAnna Fors\nBo Kemi\nCarl Ude\nTitel\n"
        "Organisation\nKontaktombud\nKommunpolis\nFastighetsvärd\nBrf Höjden\nPolisen\nHöjdenhem\n\n"
        "Mötet öppnas\nAlla hälsades välkomna.\n"
    )
    people = _read(text)["attendees"]
    assert [(p["name"], p["title"], p["organisation"]) for p in people] == [
        ("Anna Fors", "Kontaktombud", "Brf Höjden"),
        ("Bo Kemi", "Kommunpolis", "Polisen"),
        ("Carl Ude", "Fastighetsvärd", "Höjdenhem"),
    ]


def test_table_flattened_row_by_row_with_remarks_marks_absentees():
    text = (
        "Minnesanteckningar 230412\nNamn\nAnna Fors\nBo Kemi\nCarl Ude\nTitel\nOrganisation\nAnmärkning\n"
        "Kontaktombud\nBrf Höjden\nKommunpolis\nPolisen\nAnmält förhinder\nFastighetsvärd\nHöjdenhem\n\n"
        "Mötet öppnas\n"
    )
    result = _read(text)
    assert result["meeting"]["date"] == "2023-04-12"
    assert [(p["name"], p["status"]) for p in result["attendees"]] == [
        ("Anna Fors", "present"),
        ("Bo Kemi", "absent"),
        ("Carl Ude", "present"),
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("C:a 25 personer deltog i mötet.", "C:a 25 personer"),
        ("Ett tiotal boende var på plats vid lekparken.", "Ett tiotal boende"),
        ("På mötet deltog ungefär 30 medlemmar.", "ungefär 30 medlemmar"),
        ("Rådet diskuterade 12 inbrott under hösten.", None),
    ],
)
def test_attendance_counts(text, count):
    assert attendance_count(text) == count


def test_count_is_not_people():
    result = _read("Anteckningar från stormötet 2023-03-02\nEtt tjugotal boende deltog.\nVi pratade om belysning.\n")
    assert result["attendees"] == []
    assert any("Ett tjugotal boende" in w for w in result["warnings"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Protokoll 141203", dt.date(2014, 12, 3)), ("Minnesanteckningar 20190611", dt.date(2019, 6, 11))],
)
def test_compact_dates_in_titles(text, expected):
    assert find_compact_dates(text)[0].year == expected.year
    assert _read(f"{text}\nRådet gick igenom läget.\n")["meeting"]["date"] == expected.isoformat()


@pytest.mark.parametrize("text", ["Telefon 081234 56", "Ärende 991399", "Dnr 150121-3"])
def test_compact_dates_do_not_take_other_numbers(text):
    assert find_compact_dates(text) == []


def test_two_digit_year_after_a_dash():
    mention = find_dates("möte med boende 3/2-21 i skolans matsal")[0]
    assert resolve(mention, document_date=None, reference_year=None).date == dt.date(2021, 2, 3)
    assert find_dates("öppet 1/6-30/6")[0].year is None


def test_writing_date_is_not_a_meeting_date():
    assert is_writing_date("Norrvik den 2 mars 2021")
    assert not is_writing_date("Tisdagen den 2 mars 2021")
    result = _read("Norrvik den 2 mars 2021\nKallelse till rådets möte\nVälkomna!\n")
    assert result["meeting"]["date"] is None


def test_title_month_rules_out_a_date_in_another_month():
    result = _read("Anteckningar rådet mars 2021\n2021-04-15\nRådet gick igenom läget.\n")
    assert result["meeting"]["date"] is None
    assert any("2021-04-15" in w for w in result["warnings"])
    agreeing = _read("Anteckningar rådet mars 2021\n2021-03-15\nRådet gick igenom läget.\n")
    assert agreeing["meeting"]["date"] == "2021-03-15"


def test_lone_date_without_support_is_a_warning_not_a_fact():
    result = _read("Trygghetsrådet Norrvik\nStadsdelsförvaltningen\n\n2021-04-15\nRådet gick igenom läget.\n")
    assert result["meeting"]["date"] is None
    assert any("2021-04-15" in w for w in result["warnings"])
