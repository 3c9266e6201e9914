"""The same minutes as Word, PDF and LibreOffice files give the same structure as the text."""

import re

import pytest

from tests.documents.builders import blocks_of, build_docx, build_odt, build_pdf
from tryggsam.documents.extract import extract

BUILDERS = {"docx": build_docx, "pdf": build_pdf, "odt": build_odt}
_WRAP = re.compile(r"(?<=[-/]) ")


def _cells(tables):
    # A PDF that wraps a cell right after 'Eu-' or 'socialtjänst/' cannot tell whether a space followed.
    return [
        (t["partnership"], t["kind"], [{k: _WRAP.sub("", v) for k, v in row.items()} for row in t["rows"]])
        for t in tables
    ]


def _comparable(result):
    return {
        "kind": result["kind"],
        "title": result["title"],
        "forum": result["forum"],
        "meeting": result["meeting"],
        "attendees": result["attendees"],
        "items": [(i["number"], i["heading"]) for i in result["items"]],
        "decisions": result["decisions"],
        "work_tables": _cells(result["work_tables"]),
        "next_meetings": result["next_meetings"],
        "contacts": result["contacts"],
    }


@pytest.fixture(scope="module")
def from_text():
    cache = {}

    def get(path):
        if path not in cache:
            cache[path] = extract(path)
        return cache[path]

    return get


@pytest.mark.parametrize("fmt", ["docx", "pdf", "odt"])
@pytest.mark.parametrize("key", ["001", "004", "000"])
def test_extract__minutes_round_trip_gives_text_result(seed, tmp_path, from_text, key, fmt):
    source = seed(key)
    built = BUILDERS[fmt](blocks_of(source), tmp_path / f"{key}.{fmt}")
    expected = _comparable(from_text(source))
    if expected["title"] == source.stem:  # no title in the text: the file's own name stands in
        expected["title"] = built.stem
    assert _comparable(extract(built)) == expected


@pytest.mark.parametrize("fmt", ["docx", "pdf", "odt"])
def test_extract__action_plan_round_trip_keeps_focus_areas(seed, tmp_path, from_text, fmt):
    source = seed("002")
    built = BUILDERS[fmt](blocks_of(source), tmp_path / f"plan.{fmt}")
    result = extract(built)
    expected = from_text(source)
    assert result["kind"] == "action_plan"
    assert [a["name"] for a in result["focus_areas"]] == [a["name"] for a in expected["focus_areas"]]
    assert [a["goal"] for a in result["focus_areas"]] == [a["goal"] for a in expected["focus_areas"]]
    assert [a["police_contact"] for a in result["focus_areas"]] == [
        a["police_contact"] for a in expected["focus_areas"]
    ]


def test_extract__minutes_2021_pdf_keeps_table_rows_split_by_page_breaks(seed, tmp_path):
    built = build_pdf(blocks_of(seed("001")), tmp_path / "001.pdf")
    tables = extract(built)["work_tables"]
    assert sum(len(t["rows"]) for t in tables if t["kind"] == "problem") == 20
    assert sum(len(t["rows"]) for t in tables if t["kind"] == "development") == 13
