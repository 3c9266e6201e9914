"""Reading a document costs work in proportion to its length, also when it is one long line (issue 11,
finding 16). Work is counted in operations, not seconds: every Python function call and every call into
C (a regex, a string method) while the document is read and parsed, at n and at 2n characters. Linear
work doubles; super-linear work (each e-mail address re-reading the whole line, each word compared with
every match so far) more than doubles. The seconds are in bench/parse_long_lines.py."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

import pytest

from tryggsam.documents.errors import MAX_TEXT_CHARS, UnreadableDocument
from tryggsam.documents.extract import extract, extract_text
from tryggsam.documents.readers.text import read_text
from tryggsam.places.gazetteer import find_places, windows
from tryggsam.places.models import Area, AreaAlias, AreaLevel

LINEAR_SLACK = 2.5  # work at 2n may be at most this many times the work at n


def _minutes_line(n: int) -> str:
    """Minutes-like Swedish prose without a single line break, each sentence a little different."""
    parts, length, i = [], 0, 0
    while length < n:
        part = (
            f"Punkt {i % 40 + 1}. Rådet gick igenom läget vid torget och skolan vecka {i % 52 + 1}. "
            f"Fältgruppen har varit ute {i % 7 + 1} kvällar och beslutade att fortsätta. "
            f"Kontakt: Lena Holm{i}, lena.holm{i}@exempel.se, 08-555 {i % 90 + 10} {i % 80 + 10}. "
            f"Vandring i F/V/H och **viktigt {i} __obs "
        )
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)[:n]


def _random_words(n: int) -> str:
    rnd = random.Random(11)
    vocabulary = [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "för",
        "med",
        "inte",
        "den",
        "har",
        "ett",
        "om",
        "var",
        "men",
        "kan",
        "ska",
        "vid",
        "torget",
        "polisen",
        "skolan",
        "Fältgruppen",
        "Rådet",
        "Beslut",
        "trygghet",
        "kväll",
        "natt",
        "ungdomar",
        "<!--",
        "**",
        "__",
        "F/V/H",
        "Ab/Cd",
    ]
    words, length = [], 0
    while length < n:
        word = rnd.choice(vocabulary)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:n]


def _operations(work: Callable[[], object]) -> int:
    """The number of function calls (Python and C) that `work` makes."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture
def abbreviation_area(db):
    """An area with a user-defined abbreviation, so that the gazetteer has slashed names to look for."""
    area = Area.objects.create(name="Fruängen", level=AreaLevel.DISTRICT)
    AreaAlias.objects.create(area=area, name="F/V/H", kind="abbreviation")
    return area


@pytest.mark.parametrize("text", [_minutes_line, _random_words], ids=["minutes", "random-words"])
def test_extract__one_long_line_costs_linear_work(text, abbreviation_area):
    def work(n: int) -> int:
        raw = text(n).encode()
        return _operations(lambda: extract_text(read_text(raw)))

    work(2_000)  # imports and caches outside the count
    small, large = work(12_000), work(24_000)
    assert large <= LINEAR_SLACK * small, f"{small} → {large} operations"


def test_find_places__long_text_costs_linear_work(abbreviation_area):
    def work(n: int) -> int:
        text = _minutes_line(n)
        return _operations(lambda: find_places(text))

    work(2_000)
    small, large = work(20_000), work(40_000)
    assert large <= LINEAR_SLACK * small, f"{small} → {large} operations"


def test_find_places__windows_find_what_the_whole_text_finds(abbreviation_area):
    """Reading in windows loses nothing at the cuts and finds nothing twice in the overlaps."""
    text = ("Vi gick i F/V/H igen. " * 400).strip()
    matches = find_places(text)
    assert len(windows(text)) > 3
    assert [m.start for m in matches] == [i for i in range(len(text)) if text.startswith("F/V/H", i)]
    assert all(text[m.start : m.end] == "F/V/H" for m in matches)


def test_windows__cover_the_text_in_order_with_bounded_pieces():
    text = ("ord " * 3000) + "\n" + ("x" * 5000) + "\nkort rad\n"
    pieces = windows(text, size=500, overlap=50)
    assert all(len(piece) <= 500 for _offset, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    covered = set()
    for offset, piece in pieces:
        covered.update(range(offset, offset + len(piece)))
    assert covered == set(range(len(text)))


def test_extract__text_over_the_limit_is_refused_in_swedish(tmp_path):
    path = tmp_path / "lång.txt"
    path.write_text("ord " * (MAX_TEXT_CHARS // 4 + 10), encoding="utf-8")
    with pytest.raises(UnreadableDocument) as refused:
        extract(path)
    assert "för mycket text" in refused.value.message and "Dela upp" in refused.value.message
