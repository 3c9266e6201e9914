"""Read published crime statistics: Brå statistics-database exports and city yearbook tables, as CSV,
.xlsx or .xls (`sheets.read_table`).

Two layouts are recognised from the table itself, never from the file's name:
- periods in the columns (Brå "Anmälda brott" exports): a header of one row of years and, in any
  order above or below it, rows of months or "Helår" and a row of the measure ("Antal",
  "/100 000 inv"); then the rows of each area, under a heading that names it ("Stadsdelsområde X
  (Sthlm)", "Stockholm kommun", "Stockholms län", "Riket") or in a label column of their own, with the
  offences' hierarchy chapter → offence → "därav" (Brå repeats a row's parents, without figures, on
  the rows just above it; "därav" rows and "3 kap." under "3-7 kap." say it without);
- areas in the rows (yearbook tables): the year in the title, column labels spread over several
  header rows ("An-" / "mälda" / "brott1"), column groups such as "Brott per 1 000 invånare".
Rates per 1 000 are stored per 100 000. Footnote markers stuck to words ("brott1", "Hela staden5")
are removed. Nothing is guessed: a header cell that is neither a period nor a measure refuses the
file; figures under a heading that is no known area, or without an area, are left out with a warning
naming their rows, and the rest of the file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from tryggsam.crimestats.cells import (
    YEAR_IN_TEXT,
    ParsedStatistics,
    StatValue,
    clean_area,
    clean_label,
    measure_of,
    number,
    period_of,
    title_of,
    value,
)
from tryggsam.crimestats.errors import StatisticsFormatError
from tryggsam.crimestats.period_columns import read_periods_in_columns
from tryggsam.crimestats.sheets import Row, read_rows, read_table

__all__ = ["ParsedStatistics", "StatValue", "StatisticsFormatError", "number", "parse_statistics", "read_rows"]


def parse_statistics(raw: bytes, *, known_area: Callable[[str], bool] | None = None) -> ParsedStatistics:
    """Read a statistics file (CSV, .xlsx or .xls). `known_area(name)` says whether a bare name (a
    heading without "Stadsdelsområde", "kommun" …) is an area of the register; without it such a
    heading is an unknown area."""
    rows = read_table(raw)
    if not rows:
        raise StatisticsFormatError(_("Filen är tom."))
    for i, row in enumerate(rows[:30]):
        cells = [c for c in row.cells[1:] if c]
        periods = [c for c in cells if period_of(c) is not None]
        if periods and len(periods) * 2 >= len(cells):
            return read_periods_in_columns(rows, i, known_area=known_area or (lambda _name: False))
    return _areas_in_rows(rows)


def _numeric_cells(row: Row) -> int:
    return sum(1 for c in row.cells[1:] if number(c) is not None)


def _areas_in_rows(rows: list[Row]) -> ParsedStatistics:
    result = ParsedStatistics(source=title_of(rows))
    first_data = next((i for i, r in enumerate(rows) if r.cell(0) and _numeric_cells(r) >= 1), None)
    if first_data is None:
        raise StatisticsFormatError(_("Filen innehåller inga värden att läsa."))
    year = None
    for row in rows[:first_data]:
        if row.cell(0) and (m := YEAR_IN_TEXT.search(row.cell(0))):
            year = m.group(1)
            break
    if year is None:
        raise StatisticsFormatError(_("Perioden (året) står varken i kolumnerna eller i tabellens rubrik."))
    header_rows = [r.cells for r in rows[:first_data] if not r.cell(0)]
    width = max(len(r.cells) for r in rows)
    labels, measures = _column_labels(header_rows, width)
    for row in rows[first_data:]:
        if not row.cell(0) or _numeric_cells(row) == 0:
            continue
        area = clean_area(row.cell(0))
        result.area_lines.setdefault(area, row.line)
        for j in range(1, len(row.cells)):
            figure = number(row.cells[j])
            if figure is not None and labels.get(j):
                result.values.append(value(area, year, labels[j], measures[j], figure, line=row.line))
    if not result.values:
        raise StatisticsFormatError(_("Tabellens kolumner saknar rubriker; inga värden kunde läsas."))
    return result


def _column_labels(header_rows: list[list[str]], width: int) -> tuple[dict[int, str], dict[int, str]]:
    """Join each column's header cells top-down ("An-" + "mälda" + "brott1" -> "Anmälda brott");
    group headings ("Därav", "Brott per 1 000 invånare") set the measure for the columns that follow
    until an empty separator column."""
    labels: dict[int, str] = {}
    measures: dict[int, str] = {}
    current = "count"
    for j in range(1, width):
        cells = [r[j] for r in header_rows if j < len(r) and r[j]]
        if not cells:
            current = "count"
            continue
        parts: list[str] = []
        for cell in cells:
            found = measure_of(cell)
            if found and found != "count":
                current = found
                continue
            if cell.lower() in {"därav", "varav", "of which"}:
                continue
            parts.append(cell)
        text = ""
        for part in parts:
            text = text[:-1] + part if text.endswith("-") and part[:1].islower() else f"{text} {part}".strip()
        label = clean_label(re.sub(r"\s*&\s*", " & ", text))
        if label:
            labels[j] = label[:1].upper() + label[1:]
            measures[j] = current
    return labels, measures
