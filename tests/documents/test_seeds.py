"""The four real documents in ../shared/seeds: what a coordinator must get out of each."""

import re

import pytest

from tryggsam.documents.extract import extract

KEYS = {
    "kind", "title", "organisation", "forum", "meeting", "attendees", "items", "decisions", "work_tables",
    "focus_areas", "next_meetings", "places", "contacts", "warnings",
}  # fmt: skip
FOCUS_KEYS = {
    "name", "goal", "purpose", "target_group", "measure", "responsible", "forum", "activities", "police_contact",
    "police_commitment", "district_contact", "district_commitment", "other_actors", "funding", "communication",
    "follow_up",
}  # fmt: skip
REMNANTS = re.compile(r"<\s*/?\s*(?:b|ul|li|strong|br)\b|\*\*|\]\(|\\_|&nbsp;|&amp;")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@pytest.fixture
def extracted(seed):
    cache = {}

    def get(key):
        if key not in cache:
            cache[key] = extract(seed(key))
        return cache[key]

    return get


@pytest.mark.parametrize("key", ["000", "001", "002", "004"])
def test_extract__seed_has_exactly_the_issue_keys(extracted, key):
    result = extracted(key)
    assert set(result) == KEYS
    assert set(result["meeting"]) == {"date", "start", "end", "location", "chair"}
    for area in result["focus_areas"]:
        assert set(area) == FOCUS_KEYS
    for text in strings(result):
        assert not REMNANTS.search(text), text
        assert "\n" not in text or text in [i["text"] for i in result["items"]]


def test_extract__minutes_2021_header_and_attendees(extracted):
    result = extracted("001")
    assert result["kind"] == "minutes"
    assert result["meeting"] == {
        "date": "2021-09-17",
        "start": "09:00",
        "end": "11:00",
        "location": "Skype",
        "chair": "Abit Dundar",
    }
    attendees = result["attendees"]
    assert len(attendees) == 12
    assert {a["status"] for a in attendees} == {"present"}
    assert attendees[0] == {
        "name": "Abit Dundar",
        "title": "Ordförande stadsdelsnämnden",
        "organisation": None,
        "status": "present",
    }
    assert all(a["title"] for a in attendees)
    assert attendees[6]["name"] == "Deirdre Cronin Olsson"
    assert result["forum"] == "Hägersten-Älvsjös lokala brottsförebyggande råd"


def test_extract__minutes_2021_work_tables_row_by_row(extracted):
    tables = extracted("001")["work_tables"]
    summary = [(t["partnership"], t["kind"], len(t["rows"])) for t in tables]
    assert summary == [
        ("Platssamverkan Liljeholmen", "problem", 7),
        ("Platssamverkan Liljeholmen", "development", 5),
        ("Platssamverkan Fruängen/Västertorp/Hägerstensåsen", "problem", 8),
        ("Platssamverkan Fruängen/Västertorp/Hägerstensåsen", "development", 4),
        ("Platssamverkan Älvsjö/Solberga", "problem", 5),
        ("Platssamverkan Älvsjö/Solberga", "development", 4),
    ]
    assert sum(len(t["rows"]) for t in tables if t["kind"] == "problem") == 20
    assert sum(len(t["rows"]) for t in tables if t["kind"] == "development") == 13
    for table in tables:
        for row in table["rows"]:
            assert set(row) == {"problem", "measure", "participants", "responsible", "status"}
            assert row["problem"] and row["measure"]
    first = tables[0]["rows"][0]
    assert first["measure"] == "Whats.App grupp"
    assert first["responsible"] == "Polis adm. ansvarig"
    assert first["status"] == "Pågående insatser som följs upp i realtid."
    html_row = tables[3]["rows"][0]
    assert html_row["problem"] == "Fruängen: långsiktig utveckling av området"
    assert html_row["status"] == ""
    empty_cells = tables[0]["rows"][2]
    assert empty_cells["responsible"] == ""
    assert empty_cells["status"].startswith("Pågående insats med 6-7 individer")


def test_extract__minutes_2021_next_meeting_and_contact(extracted):
    result = extracted("001")
    assert result["next_meetings"] == [
        {"date": "2022-03-25", "start": "09:00", "end": "11:00", "location": "Telefonvägen 30, lokal meddelas senare."}
    ]
    assert result["contacts"] == [
        {"name": "Clas Cederlid", "phone": "08 508 23 326", "email": "clas.cederlid@stockholm.se"}
    ]
    items = [(i["number"], i["heading"]) for i in result["items"]]
    assert [n for n, _ in items] == ["1", "2", "3"]
    assert items[0][1].startswith("Lokal lägesbild, prioriterade områden") and items[0][1].endswith("uppföljning.")
    assert items[1:] == [("2", "Övrigt"), ("3", "Kommande möten")]


def test_extract__minutes_2019_called_items_decision_next_meeting(extracted):
    result = extracted("004")
    assert result["kind"] == "minutes"
    assert result["title"] == "Protokoll för Lokala Brå"
    assert result["meeting"]["date"] == "2019-02-22"
    assert (result["meeting"]["start"], result["meeting"]["end"]) == ("09:00", "11:00")
    assert "Telefonvägen 30" in result["meeting"]["location"]
    assert result["meeting"]["chair"] == "Abit Dundar"
    assert len(result["attendees"]) == 9
    assert {a["status"] for a in result["attendees"]} == {"called"}
    assert result["attendees"][3] == {
        "name": "Clas Cederlid",
        "title": "Preventionssamordnare",
        "organisation": None,
        "status": "called",
    }
    headings = [(i["number"], i["heading"]) for i in result["items"]]
    assert [n for n, _ in headings] == ["1", "2", "3", "4", "5", "6"]
    assert headings[1][1].startswith("Aktuell uppföljning och utveckling") and headings[1][1].endswith("säkerhet")
    assert headings[3] == ("4", "Beslutade insatser")
    assert headings[5] == ("6", "Kommande möten")
    assert len(result["decisions"]) == 1
    assert "personrånen mot unga" in result["decisions"][0]
    [meeting] = result["next_meetings"]
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("2019-05-10", "09:00", "11:00")
    assert meeting["location"].startswith("Hägersten-Liljeholmens SDF Telefonvägen 30")
    assert meeting["location"].endswith("besöksrum 1")
    assert result["contacts"] == [
        {"name": "Stina Lundmark", "phone": "08-508 22 030", "email": "stina.pernilla.lundmark@stockholm.se"}
    ]
    assert any("10 maj" in w and "2019" in w for w in result["warnings"])


def test_extract__minutes_2018_years_from_weekday(extracted):
    result = extracted("000")
    assert result["kind"] == "minutes"
    assert result["meeting"]["date"] is None
    assert result["meeting"]["chair"] == "Jessica Jormtun"
    assert [i["number"] for i in result["items"]] == ["1", "2", "3", "4", "5", "6"]
    assert result["items"][2]["heading"] == "Återrapportering från arbetsgrupper/uppföljning av prioriteringar"
    assert "Hägersten-Liljeholmens SDF" in result["items"][1]["text"]
    assert [(m["date"], m["start"], m["end"]) for m in result["next_meetings"]] == [
        ("2019-02-22", "09:00", "11:00"),
        ("2019-05-10", "09:00", "11:00"),
    ]
    assert all(m["location"] == "Besöksrum 1, plan 9, Telefonvägen 30" for m in result["next_meetings"])
    weekday_warnings = [w for w in result["warnings"] if "fredag" in w]
    assert len(weekday_warnings) == 2
    assert any("Mötets datum" in w for w in result["warnings"])


def test_extract__action_plan_focus_areas(extracted):
    result = extracted("002")
    assert result["kind"] == "action_plan"
    assert result["title"].startswith("Åtgärdsplan")
    assert result["attendees"] == [] and result["work_tables"] == []
    areas = result["focus_areas"]
    assert [a["name"] for a in areas] == [
        "Liljeholmen",
        "Liljeholmen, Narkotika",
        "Ungdomar",
        "Västertorp",
        "Olovliga bosättningar",
        "Påträngande tiggeri",
        "Våldsbejakande extremism",
    ]
    first = areas[0]
    assert first["goal"].startswith("Liljeholmens centrum med närområde ska vara tryggt")
    assert first["police_contact"] == "Kommunpolis"
    assert first["district_contact"] == "Preventionssamordnare"
    assert first["responsible"] == "Stadsdelsförvaltning och polis"
    assert len(first["activities"]) == 3
    assert first["activities"][1].endswith("alkoholförtäringsförbudsområden")
    assert first["follow_up"].startswith("Minnesanteckningar från möten")
    for area in areas:
        filled = [key for key in FOCUS_KEYS - {"name", "activities"} if area[key]]
        assert {"goal", "purpose", "measure", "responsible", "police_contact", "funding", "follow_up"} <= set(filled)
        assert area["activities"]
    assert [len(a["activities"]) for a in areas] == [3, 2, 5, 5, 2, 2, 2]
    assert areas[3]["forum"] is None
    assert areas[4]["district_contact"] == "Parkingenjör och preventionssamordnare"
    assert "Olovliga bosättningar/påträngande tiggeri" not in (areas[3]["follow_up"] or "")
    assert any("Samverkansforum" in w and "Ungdomar" in w for w in result["warnings"])


def test_extract__places_resolved_through_gazetteer(extracted, stockholm_areas):
    places = extracted("004")["places"]
    names = {p["name"] for p in places}
    assert {"Liljeholmen", "Västertorp", "Hägersten-Älvsjö"} <= names
    assert all(isinstance(p["area_id"], int) for p in places)
    assert len({p["area_id"] for p in places}) == len(places)


def test_extract__places_empty_without_areas(extracted):
    assert extracted("004")["places"] == []
