"""The periods a goal's indicator is read in: a month ("2025-03"), a quarter ("2025-K1"), a tertial
("2025-T1") or a year ("2025"). Parsing is a fixed pattern (no backtracking); anything else is a
Swedish error."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError

_PATTERN = re.compile(r"(\d{4})(?:-(?:(\d{2})|([KkQq])([1-4])|([Tt])([1-3])))?")
_MONTHS_IN = {"month": 1, "quarter": 3, "tertial": 4, "year": 12}


@dataclass(frozen=True, order=True)
class Period:
    kind: str  # month, quarter, tertial, year
    year: int
    index: int  # 1-based within the year (1 for a year)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * _MONTHS_IN[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def next(self) -> Period:
        per_year = 12 // _MONTHS_IN[self.kind]
        if self.index < per_year:
            return Period(self.kind, self.year, self.index + 1)
        return Period(self.kind, self.year + 1, 1)

    @property
    def code(self) -> str:
        return {
            "year": f"{self.year}",
            "month": f"{self.year}-{self.index:02d}",
            "quarter": f"{self.year}-K{self.index}",
            "tertial": f"{self.year}-T{self.index}",
        }[self.kind]

    def __str__(self) -> str:
        return self.code


def parse_period(text: str) -> Period:
    """ "2025", "2025-03", "2025-K1" (or Q1) or "2025-T1"; a ServiceError in Swedish otherwise."""
    match = _PATTERN.fullmatch((text or "").strip()[:12])
    if match is None:
        raise ServiceError(
            _("Perioden ”%(text)s” går inte att läsa. Skriv t.ex. 2025, 2025-03, 2025-K1 eller 2025-T1.")
            % {"text": (text or "")[:20]}
        )
    year = int(match.group(1))
    if not 1900 <= year <= 2200:
        raise ServiceError(_("Året %(year)s är inte rimligt.") % {"year": year})
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise ServiceError(_("Månaden %(month)s finns inte.") % {"month": match.group(2)})
        return Period("month", year, month)
    if match.group(3):
        return Period("quarter", year, int(match.group(4)))
    if match.group(5):
        return Period("tertial", year, int(match.group(6)))
    return Period("year", year, 1)


def period_containing(kind: str, day: dt.date) -> Period:
    months = _MONTHS_IN[kind]
    return Period(kind, day.year, 1 if kind == "year" else (day.month - 1) // months + 1)


def periods_between(first: Period, last_day: dt.date) -> list[Period]:
    """`first` and every following period of its kind that has ended by `last_day` (a period still
    running is left out: its count would be read as a fall). At most 600 periods."""
    found: list[Period] = []
    cursor = first
    while cursor.end <= last_day and len(found) < 600:
        found.append(cursor)
        cursor = cursor.next()
    return found
