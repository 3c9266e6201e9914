"""The pieces of a published statistics table: numbers as written in Swedish tables, labels with
footnote markers, area headings by their form, period and measure cells of a header, and one figure."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tryggsam.core.swedish import MONTH_BY_WORD
from tryggsam.crimestats.errors import StatisticsFormatError
from tryggsam.crimestats.sheets import Row

# Swedish months, and the two English short forms that differ from them (exports mix the languages).
MONTHS = {**MONTH_BY_WORD, "may": 5, "oct": 10}
WHOLE_YEAR = frozenset({"helår", "hel år", "helt år", "hela året", "år", "året", "year", "full year"})
_WORD = r"[A-Za-zÅÄÖåäöÉé]+\.?(?:\s[a-zåäö]+)?"
_YEAR_FIRST = re.compile(rf"^(?P<year>(?:19|20)\d{{2}})(?:\s*[Mm\-/]\s*(?P<num>\d{{1,2}})|\s+(?P<word>{_WORD}))?$")
_MONTH_FIRST = re.compile(rf"^(?P<word>{_WORD})\s+(?P<year>(?:19|20)\d{{2}})$")
YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d{2})\b")
_FOOTNOTE = re.compile(r"(?<=[A-Za-zÅÄÖåäöé])\d{1,2}$")
_PER_100K = re.compile(r"100\s?000")
_PER_1000 = re.compile(r"(?<![\d\s])\s?1\s?000\s+(?:inv|invånare)|per\s+1\s?000\b", re.I)
RANGE_CHAPTER = re.compile(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})\s*kap\b", re.I)
CHAPTER = re.compile(r"^(\d{1,2})\s*kap\b", re.I)
OF_WHICH = re.compile(r"^(?:därav|varav|of which)\b", re.I)
# Labels that name offences, not places: a row of them without figures is a parent of the rows below.
OFFENCE_WORDS = re.compile(r"\bkap\b|lag(?:en)?\b|brott|^(?:därav|varav|totalt|summa|övrig)", re.I)
_AREA = r"(?P<name>.+?)\s*(?:\([^()]*\))?"
# An area's name is a few words without sentence punctuation; a footnote ending in "kommun" is not one.
_NOT_A_NAME = re.compile(r"[.;:!?]\s|,\s|(?:\S+\s+){6}")
# (form, level of the area in the source). Levels are StatisticAreaLevel values.
AREA_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^stadsdels?omr[åa]de\s+{_AREA}$", re.I), "district_area"),
    (re.compile(rf"^stadsomr[åa]de\s+{_AREA}$", re.I), "district_area"),
    (re.compile(rf"^stadsdel\s+{_AREA}$", re.I), "district"),
    (re.compile(rf"^(?:lokalpolisomr[åa]de|polisomr[åa]de|polisregion)\s+{_AREA}$", re.I), "police_area"),
    (re.compile(rf"^kommun\s+{_AREA}$", re.I), "municipality"),
    (re.compile(r"^(?P<name>.+?)\s+kommun$", re.I), "municipality"),
    (re.compile(r"^(?P<name>.+?\s+län)$", re.I), "county"),
    (re.compile(r"^län\s+(?P<name>.+)$", re.I), "county"),
    (re.compile(r"^(?:hela\s+)?(?:riket|landet|sverige)$", re.I), "country"),
    (re.compile(rf"^område\s+{_AREA}$", re.I), ""),
)
# The longest label stored (the model's columns).
LABEL_MAX = 200


@dataclass(frozen=True)
class StatValue:
    area_name: str
    period: str
    category: str
    measure: str
    value: float
    parent: str = ""  # the category this one is part of ("3 kap." for "därav misshandel"), "" at the top
    area_level: str = ""  # StatisticAreaLevel as the source says it, "" when it does not
    line: int = 0  # the row of the file the figure stands on

    @property
    def period_start(self) -> dt.date:
        year, _sep, month = self.period.partition("-")
        return dt.date(int(year), int(month or 1), 1)


@dataclass
class ParsedStatistics:
    values: list[StatValue] = field(default_factory=list)
    source: str = ""
    warnings: list[str] = field(default_factory=list)
    area_lines: dict[str, int] = field(default_factory=dict)  # where each area is first named


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


def area_of(label: str) -> tuple[str, str] | None:
    """(name, level) when the label names an area by its form ("Stadsdelsområde Bromma (Sthlm)" ->
    ("Bromma", "district_area"), "Stockholm kommun" -> ("Stockholm", "municipality"))."""
    text = clean_label(label)
    for form, level in AREA_FORMS:
        if m := form.match(text):
            name = m.groupdict().get("name") or "Riket"
            return (clean_area(name), level) if not _NOT_A_NAME.search(name) else None
    return None


def month_number(text: str) -> int | None:
    """1-12 for a month, 0 for the whole year ("Helår"), None for anything else."""
    low = " ".join(text.lower().split())
    if low in WHOLE_YEAR:
        return 0
    return MONTHS.get(low.rstrip("."))


def period_of(cell: str) -> tuple[str, int] | None:
    """('2025', 0) for "2025" or "2025 Helår", ('2025', 3) for "2025M03", "2025-03", "mars 2025"."""
    m = _YEAR_FIRST.match(cell) or _MONTH_FIRST.match(cell)
    if m is None:
        return None
    groups = m.groupdict()
    if groups.get("num"):
        month: int | None = int(groups["num"]) if 1 <= int(groups["num"]) <= 12 else None
    elif groups.get("word"):
        month = month_number(groups["word"])
    else:
        month = 0
    return None if month is None else (m.group("year"), month)


def measure_of(text: str) -> str | None:
    low = text.lower()
    if _PER_100K.search(low):
        return "per_100k"
    if _PER_1000.search(low):
        return "per_1000"
    if low.startswith("antal") or low == "number":
        return "count"
    return None


HeaderToken = tuple[str, tuple[str, int] | int | str]


def header_token(cell: str) -> HeaderToken | None:
    """("period", (year, month)), ("month", 0-12) or ("measure", measure) for a header cell."""
    if (period := period_of(cell)) is not None:
        return "period", period
    if not cell.isdigit() and (month := month_number(cell)) is not None:
        return "month", month
    if (measure := measure_of(cell)) is not None:
        return "measure", measure
    return None


def value(
    area: str,
    period: str,
    category: str,
    measure: str,
    figure: float,
    *,
    parent: str = "",
    area_level: str = "",
    line: int = 0,
) -> StatValue:
    """One figure; a rate per 1 000 is stored per 100 000. A label too long to store refuses the file."""
    for label in (area, category, parent):
        if len(label) > LABEL_MAX:
            raise StatisticsFormatError(
                _("Namnet ”%(start)s…” är för långt (högst %(max)d tecken).") % {"start": label[:40], "max": LABEL_MAX}
            )
    if measure == "per_1000":
        measure, figure = "per_100k", round(figure * 100, 6)
    return StatValue(area, period, category, measure, figure, parent=parent, area_level=area_level, line=line)


def title_of(rows: list[Row]) -> str:
    """The table's title: the first of its first rows with text in the first column only."""
    for row in rows[:5]:
        if row.cell(0) and not row.cell(1):
            return row.cell(0)
    return ""


def column_name(j: int) -> str:
    """The spreadsheet's name of column j (0 -> "A", 27 -> "AB")."""
    name = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        name = chr(65 + rest) + name
    return name
