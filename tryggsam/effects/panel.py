"""The periods of an effect study and the counts per area and period, read from the situation picture's
roll-ups as the user may count them (`permissions.rollup_visible_q`).

Decisions:
- Periods are counted from the measure's start: month k runs from the start moved k months (the day
  kept, or the month's last day) to the day before month k + 1; week k from the start plus 7k days. So
  the before-periods end the day before the start and no period straddles it. Only whole periods are
  used: the after-window stops at the day before today and at the measure's end date.
- An incident with two of the chosen categories is counted once per category, as the roll-ups and the
  situation picture count it.
- One SQL statement per read (`situation.pieces.sums`): whole calendar months from the monthly
  roll-ups and the other days from the daily ones.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.effects.models import Granularity
from tryggsam.situation import pieces


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    after: bool

    @property
    def label(self) -> str:
        return f"{self.first:%Y-%m-%d}–{self.last:%Y-%m-%d}"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _boundary(start: dt.date, k: int, granularity: str) -> dt.date:
    """The first day of period k (negative: before the start)."""
    if granularity == Granularity.WEEK:
        return start + dt.timedelta(days=7 * k)
    return add_months(start, k)


def periods_of(
    start: dt.date, end: dt.date | None, *, before: int, after: int, granularity: str, today: dt.date
) -> list[Period]:
    """`before` whole periods before the start and up to `after` whole periods from it, the latter
    ending before today and by the measure's end date."""
    periods = [
        Period(_boundary(start, k, granularity), _boundary(start, k + 1, granularity) - dt.timedelta(days=1), False)
        for k in range(-before, 0)
    ]
    last_day = min(today - dt.timedelta(days=1), end) if end is not None else today - dt.timedelta(days=1)
    for k in range(after):
        period = Period(
            _boundary(start, k, granularity), _boundary(start, k + 1, granularity) - dt.timedelta(days=1), True
        )
        if period.last > last_day:
            break
        periods.append(period)
    return periods


def counts_by_area(
    user: Reader, area_ids: list[int], periods: list[Period], category_ids: list[int] | None
) -> dict[int, list[int]]:
    """The counts of each area (every area given, zeros where nothing is counted) per period, of the
    categories (None: all), as `user` may count them."""
    if not area_ids or not periods:
        return {pk: [0] * len(periods) for pk in area_ids}
    visible = permissions.rollup_visible_q(user)
    if category_ids is not None:
        visible &= Q(category_id__in=tuple(sorted(category_ids)))
    cuts = [p.first for p in periods] + [periods[-1].last + dt.timedelta(days=1)]
    parts = pieces.cut(periods[0].first, periods[-1].last, cuts)
    groups = [[i for i, part in enumerate(parts) if p.first <= part.first <= p.last] for p in periods]
    result = {pk: [0] * len(periods) for pk in area_ids}
    for area_id, *sums in pieces.sums(visible, sorted(area_ids), parts, "area_id", groups):
        result[area_id] = [int(n) for n in sums]
    return result
