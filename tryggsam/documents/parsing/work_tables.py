"""Problem-oriented work tables: per place partnership, rows of problem (or development area), measure,
participants, convener/responsible and status/follow-up.

A table is a work table when its header row names at least three of those columns, whatever the exact
words ('Sammankallande/ansvarig', 'Sammanställande/ ansvarig', 'Samman kallande/ ansvarig'); the
partnership is the nearest 'Platssamverkan …' heading above it. A table that continues on the next
page without a header row is joined to the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.readers.model import Block, Paragraph

COLUMNS = ("problem", "measure", "participants", "responsible", "status")
_HEADER_PATTERNS = {
    "problem": r"(?:problem|utveckling|område|plats\b|platser\b|fråga|risk|iakttagelse)",
    "measure": r"(?:åtgärd|insats|aktivitet)",
    "participants": r"(?:deltagare|medverkande|aktörer|involverade|samverkansparter|berörda)",
    "responsible": r"(?:sammankallande|sammanställande|ansvarig|ansvar|huvudansvar|ägare|kontaktperson)",
    "status": r"(?:status|uppföljning|läge|resultat|kommentar)",
}
_PARTNERSHIP = re.compile(r"^(?:plats|områdes?)samverkan\b", re.IGNORECASE)


@dataclass
class WorkTable:
    partnership: str | None
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"partnership": self.partnership, "kind": self.kind, "rows": self.rows}


def _normalise_header(cell: str) -> str:
    text = clean_value(cell).casefold()
    text = re.sub(r"\s*/\s*", "/", text)
    return text.replace("samman kallande", "sammankallande").replace("samman ställande", "sammanställande")


def header_columns(row: tuple[str, ...]) -> dict[str, int] | None:
    """{column: index} when `row` is the header of a work table."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        text = _normalise_header(cell)
        if not text or len(text) > 60:
            continue
        for key, pattern in _HEADER_PATTERNS.items():
            if key not in columns and re.match(pattern, text):
                columns[key] = index
                break
    if len(columns) >= 3 and "measure" in columns and ("problem" in columns or "responsible" in columns):
        return columns
    return None


def _mended_rows(rows: list[tuple[str, ...]], width: int, *, from_text: bool) -> list[list[str]]:
    """Rows padded to the header's width; in pasted text a row broken by a line break inside a cell
    arrives as two short rows and is put together again."""
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        row = [clean_value(c) for c in rows[i]]
        while row and len(row) > width and not row[-1]:
            row.pop()
        if from_text and len(row) < width and i + 1 < len(rows):
            nxt = [clean_value(c) for c in rows[i + 1]]
            if len(row) + len(nxt) - 1 == width:
                row = [*row[:-1], f"{row[-1]} {nxt[0]}".strip(), *nxt[1:]]
                i += 1
        if any(row):
            out.append(row + [""] * (width - len(row)))
        i += 1
    return out


def parse_work_tables(blocks: list[Block], *, from_text: bool) -> tuple[list[WorkTable], set[int]]:
    """The work tables and the indexes of the blocks they were read from."""
    tables: list[WorkTable] = []
    used: set[int] = set()
    partnership: str | None = None
    last: tuple[int, dict[str, int], int] | None = None  # (block index, columns, width) of the last work table
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            text = clean_value(re.split(r"\s{2,}|\t", block.text.strip())[0])
            if _PARTNERSHIP.match(text) and len(text) <= 100:
                partnership = text.rstrip(" :")
            continue
        header_at = next((k for k, row in enumerate(block.rows[:2]) if header_columns(row)), None)
        if header_at is None:
            if last is not None and last[0] == index - 1 and len(block.rows[0]) == last[2]:
                columns, width = last[1], last[2]
                tables[-1].rows.extend(_as_dicts(_mended_rows(list(block.rows), width, from_text=from_text), columns))
                used.add(index)
                last = (index, columns, width)
            continue
        header = block.rows[header_at]
        columns = header_columns(header) or {}
        width = len(header)
        kind = (
            "development" if _normalise_header(header[columns.get("problem", 0)]).startswith("utveckl") else "problem"
        )
        rows = _as_dicts(_mended_rows(list(block.rows[header_at + 1 :]), width, from_text=from_text), columns)
        used.add(index)
        last = (index, columns, width)
        if tables and tables[-1].partnership == partnership and tables[-1].kind == kind:
            tables[-1].rows.extend(rows)
        else:
            tables.append(WorkTable(partnership=partnership, kind=kind, rows=rows))
    return [t for t in tables if t.rows], used


def _as_dicts(rows: list[list[str]], columns: dict[str, int]) -> list[dict[str, str]]:
    return [{key: (row[columns[key]] if key in columns else "") for key in COLUMNS} for row in rows]
