"""Issue 13: a greeting, a cut line or one or two words of letterhead/chrome is never a document's title;
the title is then made of what was read ('<kind> <forum> <date>') or the file's name, with a warning
naming the line. Texts are our own variations of how Swedish documents open."""

from __future__ import annotations

import pytest

from tryggsam.documents.extract import extract
from tryggsam.documents.parsing.titles import is_weak_title


@pytest.mark.parametrize(
    "line",
    [
        "Hej alla!",
        "Hejsan grannar, här kommer en sammanfattning",
        "Välkomna",
        "Välkommen till kvällens möte",
        "God morgon",
        "Minnesanteckningar från mötet om belysningen i",
        "Anteckningar från samrådet med bostadsbolaget och",
        "Kommunstyrelsens förvaltning Dnr 2019,",
        "Protokoll från Trygghetsrådet i Väster-",
        "Kommunledningskontoret",
        "Meny",
        "Sida 1",
        "",
        "   ",
        "Gruppen samlades i biblioteket och gick igenom läget för vintern, som varit lugnare än väntat, "
        "och beslutade att fortsätta med trygghetsvandringar",
    ],
)
def test_is_weak_title__greetings_cut_lines_and_chrome(line):
    assert is_weak_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "Protokoll",
        "Kallelse till Trygghetsrådet",
        "Minnesanteckningar Trygghetsgruppen Norr 2021-03-04",
        "Åtgärdsplan för ett tryggare centrum 2022",
        "Medborgarlöfte Västra distriktet",
        "Protokoll - Lindåsa",
        "Trygghetsrådet 12 mars",
    ],
)
def test_is_weak_title__real_titles_stand(line):
    assert not is_weak_title(line)


def write(tmp_path, text: str, name: str = "arkivfil.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extract__greeting_first_line_gives_a_title_from_what_was_read(tmp_path):
    text = (
        "Hej alla!\n\n"
        "Minnesanteckningar\n"
        "Datum: 2022-11-08\n"
        "Närvarande: Eva Berg, Omar Ali\n\n"
        "1. Läget i området\nLugnt sedan sist.\n"
    )
    result = extract(write(tmp_path, text))
    assert result["title"] != "Hej alla!"
    assert result["title"] in ("Minnesanteckningar", "Minnesanteckningar 2022-11-08")
    assert any(w.startswith("rad 1: ") and "Hej alla!" in w for w in result["warnings"])


def test_extract__cut_first_line_falls_back_to_kind_forum_and_date(tmp_path):
    text = (
        "Anteckningar från mötet med Trygghetsgruppen Söder om\n"
        "Mötesdatum: 2021-05-19\n"
        "Närvarande: Eva Berg, Omar Ali, Kim Lund\n\n"
        "1. Cykelstölderna\nFler stölder vid stationen.\n"
    )
    result = extract(write(tmp_path, text))
    assert result["meeting"]["date"] == "2021-05-19"
    assert result["title"] != "Anteckningar från mötet med Trygghetsgruppen Söder om"
    assert result["title"].startswith("Minnesanteckningar") and result["title"].endswith("2021-05-19")
    assert any(w.startswith("rad 1: ") for w in result["warnings"])


def test_extract__no_title_and_nothing_read_gives_the_file_name(tmp_path):
    text = "Välkomna\n\nVi pratade om parken och om att ses igen efter sommaren när alla är tillbaka.\n"
    result = extract(write(tmp_path, text, name="styrelsen_juni.txt"))
    assert result["title"] == "styrelsen_juni"
    assert any("styrelsen_juni" in w for w in result["warnings"])
