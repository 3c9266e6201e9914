"""Read published crime statistics: Brå statistics-database exports and city yearbook tables.

Two layouts are recognised from the file itself, never from its name:
- periods in the columns (Brå "Anmälda brott" exports): a header row of years (and optionally a row
  of months), a measure row ("Antal", "Per 100 000 inv."), then area headings ("Stadsdelsområde X
  (Sthlm)") each followed by category rows with hierarchical labels ("därav misshandel inkl. grov");
- areas in the rows (yearbook tables): the year in the title, column labels spread over several
  header rows ("An-" / "mälda" / "brott1"), column groups such as "Brott per 1 000 invånare".
Rates per 1 000 are stored per 100 000. Footnote markers stuck to words ("brott1", "Hela staden5")
are removed. Nothing is guessed: a value without an area or a period is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mar": 3, "mars": 3, "apr": 4, "april": 4, "maj": 5,
    "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augusti": 8, "sep": 9, "sept": 9,
    "september": 9, "okt": 10, "oct": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_YEAR = re.compile(r"^(19|20)\d{2}$")
_YEAR_MONTH = re.compile(r"^((?:19|20)\d{2})\s*[Mm\-/]\s*(\d{1,2})$")
_YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d{2})\b")
_AREA_HEADING = re.compile(
    r"^(?:stadsdelsområde|stadsdelsomrade|stadsdel|kommun|län|område)\s+(.+?)\s*(?:\(.*\))?$", re.I
)
_FOOTNOTE = re.compile(r"(?<=[A-Za-zÅÄÖåäöé])\d{1,2}$")
_PER_100K = re.compile(r"100\s?000")
_PER_1000 = re.compile(r"(?<![\d\s])\s?1\s?000\s+(?:inv|invånare)|per\s+1\s?000\b", re.I)


class StatisticsFormatError(ValueError):
    """The file is not a statistics table this reader understands; the message is Swedish."""


@dataclass(frozen=True)
class StatValue:
    area_name: str
    period: str
    category: str
    measure: str
    value: float

    @property
    def period_start(self) -> dt.date:
        year, _sep, month = self.period.partition("-")
        return dt.date(int(year), int(month or 1), 1)


@dataclass
class ParsedStatistics:
    values: list[StatValue] = field(default_factory=list)
    source: str = ""
    warnings: list[str] = field(default_factory=list)


# The longest cell read: labels are stored in columns of at most 200 characters (longer ones are
# refused in `_value`), numbers are short.
MAX_CELL = 1000
LABEL_MAX = 200


def read_rows(raw: bytes) -> list[list[str]]:
    """CSV text in UTF-8 (with or without BOM) or Windows-1252, any of , ; or tab as delimiter;
    comment lines starting with # are dropped."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatisticsFormatError(_("Filen är inte text i UTF-8 eller Windows-1252."))
    if "\x00" in text:
        raise StatisticsFormatError(_("Filen är inte en CSV-fil (binärdata)."))
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    sample = "\n".join(lines[:20])
    delimiter = max((",", ";", "\t"), key=sample.count)
    # csv's own field limit (128 kB) raises a bare csv.Error; a cell is refused long before that.
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if any(len(cell) > MAX_CELL for cell in row):
                raise StatisticsFormatError(
                    _("Ett fält på rad %(line)d är för långt (högst %(max)d tecken).")
                    % {"line": reader.line_num, "max": MAX_CELL}
                )
            rows.append([cell.strip() for cell in row])
    except csv.Error as exc:
        raise StatisticsFormatError(
            _("Filen är inte en läsbar CSV-fil (fel på rad %(line)d).") % {"line": reader.line_num}
        ) from exc
    return rows


def number(cell: str) -> float | None:
    """'1 234' / '1234,5' / '12.3' -> float; '..', '-', '' -> None."""
    text = cell.replace("\u00a0", "").replace(" ", "")
    if not text or text in {"..", "-", "–", "x", "."}:
        return None
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def clean_label(text: str) -> str:
    return _FOOTNOTE.sub("", re.sub(r"\s+", " ", text)).strip()


def clean_area(text: str) -> str:
    """'Enskede - Årsta - Vantör' -> 'Enskede-Årsta-Vantör' so that sources agree on the name."""
    return re.sub(r"\s*-\s*", "-", clean_label(text))


def _measure_of(text: str) -> str | None:
    low = text.lower()
    if _PER_100K.search(low):
        return "per_100k"
    if _PER_1000.search(low):
        return "per_1000"
    if low.startswith("antal") or low == "number":
        return "count"
    return None


def _numeric_cells(row: list[str]) -> int:
    return sum(1 for c in row[1:] if number(c) is not None)


def _title(rows: list[list[str]]) -> str:
    for row in rows[:5]:
        if row and row[0] and not any(row[1:2]):
            return row[0]
    return ""


def parse_statistics(raw: bytes) -> ParsedStatistics:
    rows = [r for r in read_rows(raw) if any(r)]
    if not rows:
        raise StatisticsFormatError(_("Filen är tom."))
    for i, row in enumerate(rows[:30]):
        cells = [c for c in row[1:] if c]
        periods = [c for c in cells if _YEAR.match(c) or _YEAR_MONTH.match(c)]
        if periods and len(periods) * 2 >= len(cells):
            return _periods_in_columns(rows, i)
    return _areas_in_rows(rows)


def _periods_in_columns(rows: list[list[str]], header: int) -> ParsedStatistics:
    result = ParsedStatistics(source=_title(rows))
    columns: dict[int, str] = {}
    for j, cell in enumerate(rows[header]):
        if j and (m := _YEAR_MONTH.match(cell)):
            columns[j] = f"{m.group(1)}-{int(m.group(2)):02d}"
        elif j and _YEAR.match(cell):
            columns[j] = cell
    measure = None
    data_start = header + 1
    for k in range(header + 1, min(header + 4, len(rows))):
        row = rows[k]
        months = {j: MONTHS.get(row[j].lower().rstrip(".")) for j in columns if j < len(row) and row[j]}
        if months and all(months.values()):
            columns = {j: f"{columns[j][:4]}-{m:02d}" for j, m in months.items() if m}
            data_start = k + 1
            continue
        found = {_measure_of(row[j]) for j in columns if j < len(row) and row[j]}
        if found - {None}:
            measure = (found - {None}).pop()
            data_start = k + 1
            continue
        break
    if measure is None:
        measure = "count"
        result.warnings.append(_("Måttet (antal eller per 100 000) står inte i filen; värdena har lästs som antal."))
    title_area = _AREA_HEADING.match(result.source.split(",")[-1].strip()) if result.source else None
    area = clean_area(title_area.group(1)) if title_area else None
    errors: list[str] = []
    for offset, row in enumerate(rows[data_start:], start=data_start + 1):
        label = clean_label(row[0]) if row else ""
        values = {j: number(row[j]) for j in columns if j < len(row)}
        if not any(v is not None for v in values.values()):
            heading = _AREA_HEADING.match(label)
            if heading:
                area = clean_area(heading.group(1))
            continue
        if area is None:
            errors.append(_("Rad %(row)d (%(label)s) har värden men inget område.") % {"row": offset, "label": label})
            continue
        for j, value in values.items():
            if value is not None:
                result.values.append(_value(area, columns[j], label, measure, value))
    if errors:
        raise StatisticsFormatError("\n".join(errors[:10]))
    if not result.values:
        raise StatisticsFormatError(_("Filen innehåller inga värden att läsa."))
    return result


def _value(area: str, period: str, category: str, measure: str, value: float) -> StatValue:
    for label in (area, category):
        if len(label) > LABEL_MAX:
            raise StatisticsFormatError(
                _("Namnet ”%(start)s…” är för långt (högst %(max)d tecken).") % {"start": label[:40], "max": LABEL_MAX}
            )
    if measure == "per_1000":
        return StatValue(area, period, category, "per_100k", round(value * 100, 6))
    return StatValue(area, period, category, measure, value)


def _areas_in_rows(rows: list[list[str]]) -> ParsedStatistics:
    result = ParsedStatistics(source=_title(rows))
    first_data = next((i for i, r in enumerate(rows) if r and r[0] and _numeric_cells(r) >= 1), None)
    if first_data is None:
        raise StatisticsFormatError(_("Filen innehåller inga värden att läsa."))
    year = None
    for row in rows[:first_data]:
        if row and row[0] and (m := _YEAR_IN_TEXT.search(row[0])):
            year = m.group(1)
            break
    if year is None:
        raise StatisticsFormatError(_("Perioden (året) står varken i kolumnerna eller i tabellens rubrik."))
    header_rows = [r for r in rows[:first_data] if r and not r[0]]
    width = max(len(r) for r in rows)
    labels, measures = _column_labels(header_rows, width)
    for row in rows[first_data:]:
        if not row or not row[0] or _numeric_cells(row) == 0:
            continue
        area = clean_area(row[0])
        for j in range(1, len(row)):
            value = number(row[j])
            if value is not None and labels.get(j):
                result.values.append(_value(area, year, labels[j], measures[j], value))
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
            found = _measure_of(cell)
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
