"""Shared reading of a document's structure: labels ('Plats:', 'Närvarande'), numbered items and
sections, over the blocks that every reader produces."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tryggsam.documents.parsing.clean import clean_value, ends_sentence, join_lines, looks_continued, normalise_space
from tryggsam.documents.readers.model import Block, Paragraph, Table

_NUMBERED = re.compile(r"^(?:§\s*(?P<para>\d{1,3})|(?P<num>\d{1,2})\s*[.)])(?:\s+|$)(?P<rest>.*)$")
_LABEL_END = re.compile(r"^\s*(?::|\s-\s|\s–\s)?\s*")


@dataclass(frozen=True)
class Label:
    key: str
    value: str  # the text after the label on the same line ('' when the value is on the next lines)
    colon: bool


def match_label(text: str, labels: Mapping[str, Sequence[str]], *, need_colon: bool = False) -> Label | None:
    """The label that `text` starts with, from {key: [Swedish labels]}; the longest label wins.

    Without a colon the label must be the whole line, or be followed by a tab, two spaces or a
    capitalised word: 'Ansvarig Polis' is a label, 'Ansvarig för' is prose.
    """
    stripped = normalise_space(text.replace("\t", "  ")) if "\t" in text else text.strip()
    folded = stripped.casefold()
    best: tuple[int, str] | None = None
    for key, names in labels.items():
        for name in names:
            n = name.casefold()
            if folded.startswith(n) and (best is None or len(n) > best[0]):
                after = folded[len(n) : len(n) + 1]
                if after and (after.isalnum() or after in "-/"):
                    continue
                best = (len(n), key)
    if best is None:
        return None
    length, key = best
    if not stripped[:1].isupper():
        return None
    rest_raw = text.strip()[length:] if "\t" not in text else stripped[length:]
    colon = rest_raw.lstrip().startswith(":")
    rest = rest_raw.lstrip()
    if colon:
        rest = rest[1:].strip()
    elif need_colon or (
        rest and not (rest_raw.startswith(("  ", "\t")) or rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "–-")
    ):
        return None
    elif rest[:1] in "–-":
        rest = rest[1:].strip()
    return Label(key=key, value=rest, colon=colon)


@dataclass(frozen=True)
class Numbered:
    number: str
    heading: str


def numbered(paragraph: Paragraph) -> Numbered | None:
    """'3. Kommande möten', '§ 4 Beslut', '### **1. Lägesbild**' as (number, heading)."""
    m = _NUMBERED.match(paragraph.text.strip())
    if not m:
        return None
    number = m.group("para") or m.group("num")
    heading = m.group("rest").strip()
    if not heading or (not heading[:1].isupper() and heading[:1] not in "\"”'("):
        return None
    return Numbered(number=number, heading=heading)


def find_items(blocks: list[Block]) -> list[tuple[int, Numbered]]:
    """Numbered agenda items: (block index, number and heading), numbered 1, 2, 3 … in order.

    A number that does not follow the one before is a list inside an item, not a new item.
    """
    found: list[tuple[int, Numbered]] = []
    expected: int | None = None
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.bullet:
            continue
        item = numbered(block)
        if item is None:
            continue
        value = int(item.number)
        if expected is None:
            if value > 3 and not block.text.lstrip().startswith("§"):
                continue
            expected = value
        if value != expected:
            continue
        found.append((index, item))
        expected = value + 1
    return found


def heading_text(blocks: list[Block], index: int, first: str) -> tuple[str, int]:
    """A heading that a PDF wrapped over lines ('Återrapportering från …/uppföljning av' + 'prioriteringar'):
    the joined heading and the index of the last block used."""
    text = first
    j = index
    while j + 1 < len(blocks):
        nxt = blocks[j + 1]
        if (
            not isinstance(nxt, Paragraph)
            or nxt.level is not None
            or nxt.bullet
            or nxt.gap_before
            or numbered(nxt)
            or not looks_continued(text, nxt.text)
            or len(text) > 200
        ):
            break
        text = f"{text.rstrip()} {nxt.text.strip()}"
        j += 1
    return clean_value(text), j


def is_heading_like(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    if paragraph.level is not None or paragraph.bold:
        return True
    return len(text) <= 80 and len(text.split()) <= 10 and not ends_sentence(text) and text[:1].isupper()


def paragraph_texts(blocks: Iterable[Block]) -> list[str]:
    """The blocks as text paragraphs: wrapped lines joined, tables as ' | '-separated rows."""
    return [text for text, _line in paragraph_lines(blocks)]


def paragraph_lines(blocks: Iterable[Block]) -> list[tuple[str, int | None]]:
    """`paragraph_texts` with the source line each paragraph starts on. Several parsers ask for the
    paragraphs of the same blocks: the answers for the last few are remembered (blocks are frozen)."""
    key = tuple(blocks)
    try:
        hash(key)
    except TypeError:  # a table built with lists of rows: read afresh
        return list(_paragraph_lines.__wrapped__(key))
    return list(_paragraph_lines(key))


@lru_cache(maxsize=8)
def _paragraph_lines(blocks: tuple[Block, ...]) -> tuple[tuple[str, int | None], ...]:
    out: list[tuple[str, int | None]] = []
    current: list[str] = []
    first_line: list[int | None] = [None]

    def flush() -> None:
        if current:
            out.append((clean_value(join_lines(current)), first_line[0]))
            current.clear()

    previous: Paragraph | None = None
    for block in blocks:
        if isinstance(block, Table):
            flush()
            out.extend((" | ".join(c for c in row if c), block.line) for row in block.rows if any(row))
            previous = None
            continue
        continues = (
            previous is not None
            and not block.bullet
            and block.level is None
            and previous.level is None
            and looks_continued(previous.text, block.text)
        )
        if not continues:
            flush()
            first_line[0] = block.line
        current.append(block.text)
        previous = block
    flush()
    return tuple((t, line) for t, line in out if t)
