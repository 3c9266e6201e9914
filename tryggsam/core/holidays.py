"""Swedish public holidays (allmänna helgdagar, lag 1989:253) and the eves that workplaces treat as
days off (julafton, nyårsafton, midsommarafton): the days a meeting is not proposed on.

Computed, not listed: the fixed dates, Easter by the Gregorian computus (Anonymous Gregorian
algorithm) and the days that follow from it, midsommar as the Saturday 20–26 June (its eve the
Friday before), alla helgons dag as the Saturday 31 October – 6 November."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def easter_sunday(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _saturday_from(first: dt.date) -> dt.date:
    return first + dt.timedelta(days=(5 - first.weekday()) % 7)


@lru_cache(maxsize=64)
def days_off(year: int) -> frozenset[dt.date]:
    """The public holidays and the eves of `year`."""
    easter = easter_sunday(year)
    midsummer = _saturday_from(dt.date(year, 6, 20))  # midsommardagen
    day = dt.timedelta(days=1)
    return frozenset(
        {
            dt.date(year, 1, 1),  # nyårsdagen
            dt.date(year, 1, 6),  # trettondedag jul
            easter - 2 * day,  # långfredagen
            easter,  # påskdagen
            easter + day,  # annandag påsk
            dt.date(year, 5, 1),  # första maj
            easter + 39 * day,  # Kristi himmelsfärds dag
            easter + 49 * day,  # pingstdagen
            dt.date(year, 6, 6),  # Sveriges nationaldag
            midsummer - day,  # midsommarafton
            midsummer,
            _saturday_from(dt.date(year, 10, 31)),  # alla helgons dag
            dt.date(year, 12, 24),  # julafton
            dt.date(year, 12, 25),  # juldagen
            dt.date(year, 12, 26),  # annandag jul
            dt.date(year, 12, 31),  # nyårsafton
        }
    )


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday or one of the eves."""
    return day.weekday() < 5 and day not in days_off(day.year)


def working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
