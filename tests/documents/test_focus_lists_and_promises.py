"""Focus areas written as lists under announcing headings, and citizen promises read into promises,
actors' activities, period, situation and follow-up (issue 13, item 4). Documents written for these
tests in invented councils' words, then the corpus facts read from ../shared at run time."""

from __future__ import annotations

import pytest

from tryggsam.documents.extract import extract, extract_text
from tryggsam.documents.parsing.focus_areas import parse_listed_focus_areas
from tryggsam.documents.readers.text import read_text


def _read(text: str) -> dict:
    return extract_text(read_text(text.encode("utf-8")))


def _names(text: str) -> list[str]:
    return [str(a["name"]) for a in parse_listed_focus_areas(read_text(text.encode("utf-8")).blocks)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Handlingsplan Ekby 2025\n\nFokusområden\n\n • Trygga skolvägar\n • Nattvandring i centrum\n • Klotter", ["Trygga skolvägar", "Nattvandring i centrum", "Klotter"]),
        ("Prioriterade områden\nRådet har valt dessa områden för året:\n- Ungas fritid.\n- Bostadsinbrott.\n\nBakgrund\nText.", ["Ungas fritid", "Bostadsinbrott"]),
        ("Insatsområden 2026\n1. Trygg park\n2. Belysning vid stationen\n3. Grannsamverkan\n\nUppföljning sker i maj.", ["Trygg park", "Belysning vid stationen", "Grannsamverkan"]),
        ("Utifrån lägesbilden har tre områden identifierats:\n • Narkotika i parken\n • Unga i riskzon\n • Våld i nära relationer", ["Narkotika i parken", "Unga i riskzon", "Våld i nära relationer"]),
        # a counted enumeration in running text
        ("Efter workshopen enades rådet. De två fokusområden som valdes är trafiksäkerhet och ungas trygghet.", ["Trafiksäkerhet", "Ungas trygghet"]),
    ],
)  # fmt: skip
def test_listed_focus_areas__own_words(text, names):
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a list with no announcing heading is not a plan's focus areas
        "Minnesanteckningar\n\nVi pratade om:\n • Parkering\n • Snöröjning",
        # the announcement is too far above the list
        "Fokusområden\nFörsta stycket.\nAndra stycket.\nTredje stycket.\n • Inte ett område",
        # a counted enumeration whose count does not match is not trusted
        "De tre fokusområden som valdes är trafik och skola.",
    ],
)
def test_listed_focus_areas__lists_that_are_not_focus_areas(text):
    assert _names(text) == []


PROMISE_LEAD_IN = """Meny
Sök

Lillby – medborgarlöften 2025

Lokalpolisområde Lillby har tillsammans med kommunen tagit fram löftena utifrån medborgardialoger.

Utifrån lägesbilden lovar polisen i lokalpolisområde Lillby:

  • Att synas mer i centrum på fredagskvällar genom fotpatrullering.
  • Att besöka varje högstadieskola minst två gånger per termin.

Förväntad effekt

Att fler känner sig trygga i centrum på kvällstid.
"""

PROMISE_SECTIONS = """Medborgarlöfte för Norrby 2024–2025

Situationen idag

Boende oroar sig för droghandel vid torget och för bilar som kör för fort vid skolan.

Trygghet vid torget

Polisen och kommunen lovar att göra torget tryggare på kvällarna.

Polisen ska:
  • Genomföra riktade insatser mot narkotikahandel varje månad.
  • Delta i två trygghetsvandringar.

Kommunen ska:
  • Förbättra belysningen vid torget.
  • Ha fältassistenter ute på fredagar.

Övriga aktörer:
  • Bostadsbolaget Norrbyhem städar bort klotter inom ett dygn.

Trafiken vid skolan

Vi lovar att genomföra hastighetskontroller vid Norrbyskolan minst en gång i månaden.

Uppföljning

Löftena följs upp två gånger per år i trygghetsrådet.
"""


def test_citizen_promise__lead_in_list_is_the_promises_of_the_police():
    result = _read(PROMISE_LEAD_IN)
    assert result["kind"] == "citizen_promise"
    promises = result["focus_areas"]
    assert [p["name"] for p in promises] == [
        "Synas mer i centrum på fredagskvällar",
        "Besöka varje högstadieskola minst två gånger per termin",
    ]
    assert all(p["police_commitment"] and not p["district_commitment"] for p in promises)
    assert result["plan"]["valid_from"] == "2025-01-01" and result["plan"]["valid_to"] == "2025-12-31"
    assert "fler känner sig trygga" in result["plan"]["effect"]
    assert "medborgardialoger" in result["plan"]["introduction"]


def test_citizen_promise__sections_with_each_actors_activities():
    result = _read(PROMISE_SECTIONS)
    assert result["kind"] == "citizen_promise"
    torget, skolan = result["focus_areas"]
    assert torget["name"] == "Trygghet vid torget"
    assert "lovar att göra torget tryggare" in torget["goal"]
    assert "narkotikahandel" in torget["police_commitment"] and "trygghetsvandringar" in torget["police_commitment"]
    assert "belysningen" in torget["district_commitment"] and "fältassistenter" in torget["district_commitment"]
    assert "Norrbyhem" in torget["other_actors"]
    assert len(torget["activities"]) == 5
    assert skolan["name"] == "Trafiken vid skolan" and "hastighetskontroller" in skolan["police_commitment"]
    plan = result["plan"]
    assert (plan["valid_from"], plan["valid_to"]) == ("2024-01-01", "2025-12-31")
    assert "droghandel" in plan["introduction"]
    assert "två gånger per år" in plan["follow_up"] and "två gånger per år" in torget["follow_up"]


def test_citizen_promise__a_year_only_mentioned_is_not_the_period():
    text = "Ekby – medborgarlöften\n\nUnder 2021 ökade inbrotten.\n\nVi lovar att öka närvaron i Ekby centrum."
    result = _read(text)
    assert result["plan"]["valid_from"] is None
    assert any("period står inte" in w for w in result["warnings"])


# --- the corpus ------------------------------------------------------------------------------------------


@pytest.fixture
def corpus(shared_dir):
    def path(prefix: str):
        return sorted((shared_dir / "corpus" / "documents").glob(f"{prefix}_*"))[0]

    return path


def test_corpus_09__three_promises_of_the_police(corpus):
    result = extract(corpus("09"))
    promises = result["focus_areas"]
    assert len(promises) == 3
    assert "Liljeholmen" in promises[0]["name"] and "Vårberg" in promises[1]["name"]
    assert "samverkanshelg" in promises[2]["goal"]
    assert all(p["police_commitment"] for p in promises)
    assert result["plan"]["valid_from"] is None  # the excerpt states no period for the promises


def test_corpus_15__promises_situation_and_follow_up(corpus):
    result = extract(corpus("15"))
    names = [p["name"] for p in result["focus_areas"]]
    assert names == ["Insatser för att möta våldsproblematik och personrån", "Trygghetsvandringar"]
    assert "40 av årets 52 veckor" in result["focus_areas"][0]["police_commitment"]
    assert "tre trygghetsvandringar" in result["focus_areas"][1]["goal"]
    assert "narkotikaproblematik" in result["plan"]["introduction"]  # 'Situationen idag'
    assert "polisen.se" in result["plan"]["follow_up"]  # 'Följ med i hur det går!'


def test_corpus_10__prioritised_collaboration_areas(corpus):
    names = [a["name"] for a in extract(corpus("10"))["focus_areas"]]
    assert names == ["Nyrekrytering", "Otillåten påverkan", "Otrygga brottsutsatta platser", "Kriminella konflikter"]


def test_corpus_11_12__priorities_of_the_situation_pictures(corpus):
    eleven = [a["name"] for a in extract(corpus("11"))["focus_areas"]]
    assert eleven == [
        "Riktat arbete mot avgränsade platser och utsatta områden",
        "Unga i risk för kriminalitet",
        "Narkotika – öppen drogförsäljning på offentliga platser",
    ]
    twelve = [a["name"] for a in extract(corpus("12"))["focus_areas"]]
    assert twelve and twelve[0].startswith("Riktat arbete mot avgränsade platser")  # the excerpt ends mid-list


def test_corpus_06__focus_areas_chosen_in_the_workshop(corpus):
    result = extract(corpus("06"))
    assert result["kind"] == "minutes"
    assert [a["name"] for a in result["focus_areas"]] == [
        "Ungdomar",
        "Trygghetsfrågor",
        "Motverka våld i nära relationer",
    ]
