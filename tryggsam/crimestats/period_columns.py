"""Brå's layout: periods in the columns, areas and offences in the rows.

The header is the row of years (found by `parsing`) and the rows next to it, above or below, whose
cells in the period columns are all header words: months ("Jan", "januari"), the whole year
("Helår") or a measure ("Antal", "/100 000 inv", "Per 1 000 inv."). A year or measure written once
over several columns (a merged cell) holds for the columns to its right. A header cell that is none
of these refuses the file: a column's period is never guessed.

Below the header, the label columns (left of the first period) name the area and the offence. A row
without figures is an area heading when it names an area by its form ("Stadsdelsområde Bromma
(Sthlm)", "Stockholm kommun", "Stockholms län") or is a name the register knows; it is a parent of
the next offence when it names an offence (Brå repeats the parents of a row on the rows just above
it). Any other heading is an unknown area: the figures under it are left out and the warning names
the rows, and the rest of the file is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tryggsam.crimestats.cells import (
    CHAPTER,
    LABEL_MAX,
    OF_WHICH,
    OFFENCE_WORDS,
    RANGE_CHAPTER,
    HeaderToken,
    ParsedStatistics,
    area_of,
    clean_area,
    clean_label,
    column_name,
    header_token,
    measure_of,
    number,
    period_of,
    title_of,
    value,
)
from tryggsam.crimestats.errors import StatisticsFormatError
from tryggsam.crimestats.sheets import Row


@dataclass
class _Column:
    year: str = ""
    month: int = 0  # 0: the whole year
    measure: str = ""


def _cells_from(row: Row, first: int) -> list[tuple[int, str]]:
    return [(j, c) for j, c in enumerate(row.cells) if j >= first and c]


def _header_rows(rows: list[Row], year_row: int, first: int) -> list[int]:
    """The indexes of the header's rows: the year row and its neighbours of header words."""
    found = [year_row]
    for k in range(year_row - 1, -1, -1):
        row = rows[k]
        cells = _cells_from(row, first)
        if not cells or any(row.cell(j) for j in range(first)) or any(header_token(c) is None for _j, c in cells):
            break  # the title block
        found.insert(0, k)
    for k in range(year_row + 1, len(rows)):
        row = rows[k]
        cells = _cells_from(row, first)
        labels = [row.cell(j) for j in range(first) if row.cell(j)]
        if not cells and labels and all(measure_of(c) for c in labels):
            found.append(k)  # the measure written once, in the label column ("Antal")
            continue
        if not cells or any(number(c) is not None for _j, c in cells):
            break  # an area heading or the first figures
        unknown = [(j, c) for j, c in cells if header_token(c) is None]
        if unknown and any(row.cell(j) for j in range(first)):
            break  # a labelled row with text: not a header row
        if unknown:
            j, cell = unknown[0]
            raise StatisticsFormatError(
                _(
                    "Rad %(row)d, kolumn %(column)s: rubriken ”%(cell)s” är varken en period (år, månad, "
                    "helår) eller ett mått (antal, per 100 000 invånare)."
                )
                % {"row": row.line, "column": column_name(j), "cell": cell[:60]}
            )
        found.append(k)
    return found


def _columns(rows: list[Row], header: list[int], first: int) -> dict[int, _Column]:
    table = sorted({j for k in header for j, _c in _cells_from(rows[k], first)})
    columns = {j: _Column() for j in table}
    for k in header:
        row = rows[k]
        spanning: HeaderToken | None = None
        for j in table:
            token = header_token(row.cell(j)) if row.cell(j) else None
            if token is None and spanning is not None:
                token = spanning
            if token is None:
                continue
            kind, content = token
            column = columns[j]
            if isinstance(content, tuple):  # a period: (year, month or 0)
                column.year, column.month = content[0], content[1] or column.month
                spanning = token
            elif kind == "measure":
                column.measure = str(content)
                spanning = token
            elif isinstance(content, int):
                column.month = content
    return columns


def _file_measure(rows: list[Row], header: list[int], first: int) -> str:
    """A measure said once for the whole table: in the title or in a header row's label cells."""
    texts = [c for row in rows[: header[0]] for c in row.cells if c]
    texts += [rows[k].cell(j) for k in header for j in range(first) if rows[k].cell(j)]
    return next((m for text in texts if (m := measure_of(text))), "")


def _line_list(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> "3–5, 9" (at most ten parts)."""
    parts: list[str] = []
    start = previous = lines[0]
    for line in [*lines[1:], None]:
        if line is not None and line == previous + 1:
            previous = line
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if line is not None:
            start = previous = line
    return ", ".join(parts[:10]) + (" …" if len(parts) > 10 else "")


@dataclass
class _Unknown:
    line: int
    label: str
    skipped: list[int] = field(default_factory=list)


@dataclass
class _Reader:
    """The state while reading the rows below the header, top to bottom."""

    result: ParsedStatistics
    periods: dict[int, tuple[str, str]]  # column -> (period, measure)
    first: int
    known_area: Callable[[str], bool]
    offences: set[str]
    area: tuple[str, str] | None = None  # (name, level)
    unknown: _Unknown | None = None
    unknowns: list[_Unknown] = field(default_factory=list)
    without_area: list[int] = field(default_factory=list)
    without_category: list[int] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    last_offence: str = ""
    ranges: list[tuple[int, int, str]] = field(default_factory=list)
    seen: dict[tuple[str, str, str, str], int] = field(default_factory=dict)

    def enter(self, name: str, level: str, line: int) -> None:
        self.area, self.unknown = (name, level), None
        self.parents, self.last_offence, self.ranges = [], "", []
        self.result.area_lines.setdefault(name, line)

    def heading(self, label: str, line: int) -> None:
        """A row with a label and no figures: a parent offence, a known area or an unknown one."""
        if OFFENCE_WORDS.search(label) or label in self.offences:
            self.parents.append(label)
        elif len(label) <= LABEL_MAX and self.known_area(clean_area(label)):
            self.enter(clean_area(label), "", line)
        else:
            self.area, self.unknown = None, _Unknown(line, label)
            self.unknowns.append(self.unknown)

    def parent_of(self, label: str) -> str:
        if self.parents:
            return self.parents[-1]
        if OF_WHICH.match(label):
            return self.last_offence
        if m := CHAPTER.match(label):
            chapter = int(m.group(1))
            return next((name for low, high, name in reversed(self.ranges) if low <= chapter <= high), "")
        return ""

    def figures(self, row: Row, label: str, figures: dict[int, float]) -> None:
        if self.unknown is not None:
            self.unknown.skipped.append(row.line)
            return
        if self.area is None:
            self.without_area.append(row.line)
            return
        name, level = self.area
        parent = self.parent_of(label)
        stats = [
            value(name, period, label, measure, figure, parent=parent, area_level=level, line=row.line)
            for j, figure in figures.items()
            for period, measure in [self.periods[j]]
        ]
        keys = [(s.area_name, s.period, s.category, s.measure) for s in stats]
        if earlier := next((self.seen[k] for k in keys if k in self.seen), None):
            self.result.warnings.append(
                _("Rad %(row)d: ”%(label)s” för %(area)s står redan på rad %(first)d; raden lästes inte.")
                % {"row": row.line, "label": label, "area": name, "first": earlier}
            )
            return
        self.seen.update(dict.fromkeys(keys, row.line))
        self.result.values.extend(stats)
        self.parents = []
        if not OF_WHICH.match(label):
            self.last_offence = label
        if m := RANGE_CHAPTER.match(label):
            self.ranges.append((int(m.group(1)), int(m.group(2)), label))

    def read(self, row: Row) -> None:
        label = ""
        for j in range(self.first):
            text = row.cell(j)
            if not text:
                continue
            if (found := area_of(text)) is not None:
                self.enter(*found, row.line)
            else:
                label = clean_label(text)
        figures = {j: f for j in self.periods if (f := number(row.cell(j))) is not None}
        if not figures:
            if label:
                self.heading(label, row.line)
        elif not label:
            self.without_category.append(row.line)
        else:
            self.figures(row, label, figures)

    def warn(self) -> None:
        for unknown in self.unknowns:
            if unknown.skipped:
                self.result.warnings.append(
                    _(
                        "Rad %(row)d: ”%(label)s” är inget känt område; värdena under rubriken (rad %(rows)s) "
                        "lästes inte. Resten av filen lästes."
                    )
                    % {"row": unknown.line, "label": unknown.label[:80], "rows": _line_list(unknown.skipped)}
                )
        if self.without_area:
            self.result.warnings.append(
                _("Rad %(rows)s har värden men inget område; raderna lästes inte.")
                % {"rows": _line_list(self.without_area)}
            )
        if self.without_category:
            self.result.warnings.append(
                _("Rad %(rows)s har värden men ingen brottskategori; raderna lästes inte.")
                % {"rows": _line_list(self.without_category)}
            )


def read_periods_in_columns(rows: list[Row], year_row: int, *, known_area: Callable[[str], bool]) -> ParsedStatistics:
    first = min(j for j, c in _cells_from(rows[year_row], 1) if period_of(c) is not None)
    header = _header_rows(rows, year_row, first)
    columns = _columns(rows, header, first)
    result = ParsedStatistics(source=title_of(rows))
    default = _file_measure(rows, header, first)
    if not default and any(not c.measure for c in columns.values()):
        result.warnings.append(_("Måttet (antal eller per 100 000) står inte i filen; värdena har lästs som antal."))
    periods: dict[int, tuple[str, str]] = {}
    owner: dict[tuple[str, str], int] = {}
    for j, column in columns.items():
        period = f"{column.year}-{column.month:02d}" if column.month else column.year
        key = (period, column.measure or default or "count")
        if key in owner:
            raise StatisticsFormatError(
                _("Kolumnerna %(a)s och %(b)s har samma period (%(period)s) och mått.")
                % {"a": column_name(owner[key]), "b": column_name(j), "period": period}
            )
        owner[key] = j
        periods[j] = key
    body = rows[header[-1] + 1 :]
    offences = {
        clean_label(row.cell(j))
        for row in body
        if any(number(row.cell(k)) is not None for k in periods)
        for j in range(first)
        if row.cell(j) and area_of(row.cell(j)) is None
    }
    reader = _Reader(result=result, periods=periods, first=first, known_area=known_area, offences=offences)
    for row in rows[: header[0]]:  # an area named in the title ("Anmälda brott, Stadsdelsområde X (Sthlm)")
        for part in (p for cell in row.cells for p in cell.split(",")):
            if (found := area_of(part)) is not None:
                reader.enter(*found, row.line)
    for row in body:
        reader.read(row)
    reader.warn()
    if not result.values:
        raise StatisticsFormatError(" ".join([_("Filen innehåller inga värden att läsa."), *result.warnings[:5]]))
    return result
