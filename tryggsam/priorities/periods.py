"""Tertials and quarters: the periods a council prioritises by.

A tertial is four months (1: January–April, 2: May–August, 3: September–December), a quarter three
(1: January–March … 4: October–December). A period is named by a key such as "2026-T2" or "2026-K3"
(K for kvartal), which is what the pages put in their links; `parse_period` accepts nothing else."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Rhythm(models.TextChoices):
    TERTIAL = "tertial", gettext_lazy("Tertial")
    QUARTER = "quarter", gettext_lazy("Kvartal")


MONTHS_PER_PERIOD = {Rhythm.TERTIAL: 4, Rhythm.QUARTER: 3}
KEY_LETTER = {Rhythm.TERTIAL: "T", Rhythm.QUARTER: "K"}
_KEY = re.compile(r"^(\d{4})-([TK])([1-4])$")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # what a Period may be
KEY_YEARS = range(1990, 2101)  # what a key on a page may name (its comparisons stay inside FIRST_YEAR..)


class PeriodError(ValueError):
    """A period key that names no tertial or quarter (the message is Swedish, for the user)."""


@dataclass(frozen=True, order=True)
class Period:
    """One tertial or quarter of a year; `number` counts from 1."""

    rhythm: str
    year: int
    number: int

    def __post_init__(self) -> None:
        if self.rhythm not in MONTHS_PER_PERIOD:
            raise PeriodError(_("Okänd periodtyp."))
        if not 1 <= self.number <= self.per_year or not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise PeriodError(_("Perioden finns inte."))

    @property
    def months(self) -> int:
        return MONTHS_PER_PERIOD[Rhythm(self.rhythm)]

    @property
    def per_year(self) -> int:
        return 12 // self.months

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        if self.number == self.per_year:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.number * self.months + 1, 1) - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        return f"{self.year}-{KEY_LETTER[Rhythm(self.rhythm)]}{self.number}"

    @property
    def label(self) -> str:
        """The name shown, e.g. Tertial 2 2026 or Kvartal 3 2026."""
        name = _("Tertial") if self.rhythm == Rhythm.TERTIAL else _("Kvartal")
        return f"{name} {self.number} {self.year}"

    @property
    def short_name(self) -> str:
        """The rhythm in lower case (tertial, kvartal), for sentences such as "ökning mot föregående tertial"."""
        return _("tertial") if self.rhythm == Rhythm.TERTIAL else _("kvartal")

    def previous(self) -> Period:
        if self.number == 1:
            return Period(self.rhythm, self.year - 1, self.per_year)
        return Period(self.rhythm, self.year, self.number - 1)

    def same_last_year(self) -> Period:
        return Period(self.rhythm, self.year - 1, self.number)


def period_containing(rhythm: str, day: dt.date) -> Period:
    months = MONTHS_PER_PERIOD[Rhythm(rhythm)]
    return Period(rhythm, day.year, (day.month - 1) // months + 1)


def last_ended(rhythm: str, today: dt.date) -> Period:
    """The period that ended most recently before `today` (the one the council prioritises on)."""
    return period_containing(rhythm, today).previous()


def parse_period(key: str, rhythm: str) -> Period:
    """The period of a key ("2026-T2", "2026-K3") of the council's rhythm; a PeriodError otherwise."""
    match = _KEY.fullmatch(key or "")
    if match is None:
        raise PeriodError(_("Ogiltig period. Ange till exempel 2026-T1 (tertial) eller 2026-K1 (kvartal)."))
    year, letter, number = int(match[1]), match[2], int(match[3])
    if year not in KEY_YEARS:
        raise PeriodError(_("Perioden ligger utanför de år som systemet räknar på."))
    if letter != KEY_LETTER[Rhythm(rhythm)]:
        raise PeriodError(_("Perioden hör inte till rådets rytm (tertial eller kvartal)."))
    return Period(rhythm, year, number)


def recent_periods(rhythm: str, today: dt.date, count: int = 6) -> list[Period]:
    """The last `count` ended periods, newest first (the choices on the page)."""
    periods = [last_ended(rhythm, today)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods
