"""The facts that ../shared/corpus/README.md states for the minutes and agendas of other councils (files
01–06, 08, 16, 17), read from the corpus at run time (its text is never copied here)."""

import pytest

from tryggsam.documents.extract import extract


@pytest.fixture
def corpus(shared_dir):
    cache = {}

    def get(prefix):
        if prefix not in cache:
            path = next((shared_dir / "corpus" / "documents").glob(f"{prefix}_*.txt"))
            cache[prefix] = extract(path)
        return cache[prefix]

    return get


def _present(result):
    return [a for a in result["attendees"] if a["status"] == "present"]


def test_01_date_alone_under_the_forum_name_and_numbered_items(corpus):
    result = corpus("01")
    assert result["meeting"]["date"] == "2015-05-07"
    assert [i["number"] for i in result["items"]] == ["1", "2", "3"]
    assert result["attendees"] == []


def test_02_header_date_is_not_the_november_meeting(corpus):
    result = corpus("02")
    assert result["meeting"]["date"] is None
    assert [i["number"] for i in result["items"]] == ["1", "2", "3"]


@pytest.mark.parametrize(("prefix", "date"), [("03", "2015-01-21"), ("04", "2015-05-12")])
def test_03_04_compact_title_date_is_the_meeting_and_writing_date_is_not(corpus, prefix, date):
    result = corpus(prefix)
    assert result["kind"] == "minutes"
    assert result["meeting"]["date"] == date


@pytest.mark.parametrize("prefix", ["03", "04"])
def test_03_04_column_flattened_table_gives_the_names_and_says_what_was_not_matched(corpus, prefix):
    result = corpus(prefix)
    names = [a["name"] for a in result["attendees"]]
    assert len(names) == 24
    assert "Olle Johnselius" in names
    assert not any("Stadsdels" in n or "Galleria" in n for n in names)  # no organisation cell as a person
    assert any("Deltagartabellen" in w and "Anmält förhinder" in w for w in result["warnings"])


def test_03_time_and_place_under_the_table(corpus):
    result = corpus("03")
    assert (result["meeting"]["start"], result["meeting"]["end"]) == ("10:00", "11:30")
    assert result["meeting"]["location"].startswith("Närpolisstationen")


def test_05_one_flattened_line(corpus):
    result = corpus("05")
    meeting = result["meeting"]
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("2015-02-17", "09:00", "11:15")
    assert meeting["location"].startswith("Stora sammanträdesrummet")
    present = [a for a in _present(result) if not (a["title"] or "").startswith("adjungerad")]
    assert len(present) == 8
    assert [a["name"] for a in present][:3] == ["Ulf Sjösten", "Gülsen Özdenkos", "Kjell-Åke Karlsson"]
    assert len([a for a in result["attendees"] if a["status"] == "absent"]) == 4
    adjunct = [a for a in result["attendees"] if (a["title"] or "").startswith("adjungerad")]
    assert [a["name"] for a in adjunct] == ["Marika Andersson"]
    assert [(i["number"], i["heading"]) for i in result["items"]] == [
        ("1", "Mötets öppnande och godkännande av dagordning"),
        ("2", "Föregående mötes protokoll"),
    ]
    assert any(d.startswith("Dagordningen godkänns") for d in result["decisions"])


def test_06_two_people_on_one_line_chair_and_secretary(corpus):
    result = corpus("06")
    assert result["meeting"]["date"] == "2015-09-24"
    assert (result["meeting"]["start"], result["meeting"]["end"]) == ("09:00", "10:30")
    assert result["meeting"]["location"].startswith("Dävensö")
    present = _present(result)
    names = [a["name"] for a in present]
    assert len(present) == 11
    assert {"Tore Olsson", "Per-Erik Åhlund", "Eva Folke", "Emma Åhlstedt"} <= set(names)
    pair = [a for a in present if a["name"] in ("Tore Olsson", "Per-Erik Åhlund")]
    assert {a["title"] for a in pair} == {"Upplands-Brohus"}
    assert next(a for a in present if a["name"] == "Eva Folke")["title"].startswith("ordförande")


def test_08_agenda_time_place_items_and_meeting_times(corpus):
    result = corpus("08")
    meeting = result["meeting"]
    assert (meeting["date"], meeting["start"], meeting["location"]) == ("2016-12-07", "15:00", "A-salen")
    assert [i["number"] for i in result["items"]] == [str(n) for n in range(1, 12)]
    assert result["items"][0]["heading"] == "Godkännande av föredragningslistan"
    assert result["items"][10]["heading"].startswith("Övriga frågor")
    assert [(m["date"], m["start"], m["end"]) for m in result["next_meetings"]] == [
        (d, "15:30", "17:30") for d in ("2017-03-08", "2017-05-17", "2017-09-13", "2017-11-22")
    ]
    assert "2016-11-30" not in str(result["meeting"])  # the signing date is not the meeting's


def test_16_residents_notes_have_no_meeting_date(corpus):
    assert corpus("16")["meeting"]["date"] is None


def test_17_short_date_in_title_and_a_count_is_not_people(corpus):
    result = corpus("17")
    assert result["title"] == "Minnesanteckningar Säkerhetsmöte 14/1"  # 'info' above it is site chrome
    assert result["meeting"]["date"] == "2020-01-14"
    assert result["attendees"] == []
    assert any("C:a 40 personer" in w for w in result["warnings"])
