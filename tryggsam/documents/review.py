"""What the review screen shows besides the facts: the lines of the document that fed none of them.

A coordinator must see what the importer skipped, not only what it read. A source line (as the reader
numbered it) counts as read when a fact was taken from it: its text stands in a fact (a wrapped body
line inside an item's text) or a fact stands in it (a name, a heading or a date inside a flattened
page). Chrome ('Lyssna', 'Sök', cookie banners) is neither read nor listed. The texts shown are masked
like every other text of the import. Work is linear in the number of lines times the facts of the
document, and only done for the review screen, never for a background import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tryggsam.core.personal_data.guard import mask
from tryggsam.documents.parsing.clean import is_chrome, normalise_space
from tryggsam.documents.readers.model import Block, Table

MIN_FACT = 4  # a shorter fact ('1', 'ja') would make every line look read
SHOWN = 200  # characters of an unread line shown on the review screen


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "warnings":
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _fold(text: str) -> str:
    return normalise_space(text).casefold().strip(" .,:;–-")


def unread_lines(blocks: list[Block], result: dict[str, Any]) -> list[dict[str, Any]]:
    """[{"line": n, "text": masked text}] for each source line that fed no fact and is not chrome."""
    facts = [f for f in {_fold(s) for s in _strings(result)} if len(f) >= MIN_FACT]
    facts.extend(str(d) for d in _dates(result))
    blob = "\n".join(facts)
    unread: list[dict[str, Any]] = []
    for block in blocks:
        if block.line is None:
            continue
        texts = [" ".join(row) for row in block.rows] if isinstance(block, Table) else [block.text]
        for offset, text in enumerate(texts):
            folded = _fold(text)
            if not folded or is_chrome(text) or folded in blob or any(fact in folded for fact in facts):
                continue
            unread.append({"line": block.line + offset, "text": mask(normalise_space(text))[:SHOWN]})
    return unread


def _dates(result: dict[str, Any]) -> list[str]:
    """The meeting's date as written in compact forms too ('150121'), so the line it came from is read."""
    date = (result.get("meeting") or {}).get("date")
    if not date:
        return []
    year, month, day = date.split("-")
    return [f"{year[2:]}{month}{day}", f"{int(day)}/{int(month)}"]
