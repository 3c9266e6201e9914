"""The situation picture for an area and a period, read from the roll-ups and filtered by what the
user may see: restricted incidents count only for their own organisation, and for the public
(anonymous) counts below 3 are suppressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from tryggsam.accounts import permissions
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area
from tryggsam.situation.models import IncidentRollup
from tryggsam.situation.stats import poisson_change_p_value

SUPPRESS_BELOW = 3


def rollups_visible_to(user: Any) -> QuerySet[IncidentRollup]:
    return IncidentRollup.objects.filter(permissions.rollup_visible_q(user))


@dataclass
class Change:
    before: int | None
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


@dataclass
class CategoryRow:
    category: IncidentCategory
    count: int | None
    previous: Change
    last_year: Change
    trend: list[int] = field(default_factory=list)


@dataclass
class SituationPicture:
    area: Area
    start: dt.date
    end: dt.date
    total: int | None
    rows: list[CategoryRow]
    by_source: dict[str, int | None]
    top_places: list[tuple[Area, int | None]]
    trend_months: list[str]
    suppressed: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _counts(qs: QuerySet[IncidentRollup], start: dt.date, end: dt.date, by: str) -> dict[Any, int]:
    rows = qs.filter(day__gte=start, day__lte=end).values(by).annotate(n=Sum("count"))
    return {r[by]: r["n"] for r in rows}


def _change(before: int, after: int, days: int, hide: Any, p_values: dict[tuple[int, int], float]) -> Change:
    """`p_values` remembers the tests of one picture: over a year, the previous period and the same
    period last year are usually the same days, and the exact test costs time linear in the counts."""
    if (before, after) not in p_values:
        p_values[(before, after)] = poisson_change_p_value(before, after, days, days)
    return Change(before=hide(before), p_value=p_values[(before, after)])


def _months(trend_start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    cursor = trend_start
    while cursor <= end:
        months.append(cursor)
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months


def _in(start: dt.date, end: dt.date) -> Q:
    return Q(day__gte=start, day__lte=end)


def situation_for(user: Any, *, area: Area, start: dt.date, end: dt.date) -> SituationPicture:
    public = not permissions.is_collaboration_member(user)
    hide = (lambda n: None if 0 < n < SUPPRESS_BELOW else n) if public else (lambda n: n)
    visible = rollups_visible_to(user)
    days = (end - start).days + 1
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end - dt.timedelta(days=days - 1)
    year_start, year_end = _shift_year(start, -1), _shift_year(end, -1)
    trend_start = dt.date(end.year - 1, end.month, 1)
    month_starts = _months(trend_start, end)
    months = [f"{m:%Y-%m}" for m in month_starts]
    bounds = [*month_starts[1:], end + dt.timedelta(days=1)]
    # One pass over the area's roll-ups of the whole span: conditional sums per category and source
    # for the period, the previous period, the same period last year and each month of the trend.
    sums = {
        "now": Sum("count", filter=_in(start, end)),
        "previous": Sum("count", filter=_in(prev_start, prev_end)),
        "last_year": Sum("count", filter=_in(year_start, year_end)),
        **{
            f"m{i}": Sum("count", filter=Q(day__gte=m, day__lt=bound))
            for i, (m, bound) in enumerate(zip(month_starts, bounds, strict=True))
        },
    }
    first = min(prev_start, year_start, trend_start)
    grouped = visible.filter(area=area, day__gte=first, day__lte=end).values("category", "source").annotate(**sums)
    now: dict[int, int] = {}
    previous: dict[int, int] = {}
    last_year: dict[int, int] = {}
    sources: dict[str, int] = {}
    by_month: dict[tuple[int, str], int] = {}
    for r in grouped:
        category = r["category"]
        for target, name in ((now, "now"), (previous, "previous"), (last_year, "last_year")):
            if r[name]:
                target[category] = target.get(category, 0) + r[name]
        if r["now"]:
            sources[r["source"]] = sources.get(r["source"], 0) + r["now"]
        for i, month in enumerate(months):
            if r[f"m{i}"]:
                by_month[(category, month)] = by_month.get((category, month), 0) + r[f"m{i}"]
    rows = []
    p_values: dict[tuple[int, int], float] = {}
    for category in IncidentCategory.objects.filter(pk__in=set(now) | set(previous) | set(last_year)).order_by(
        "position"
    ):
        n = now.get(category.pk, 0)
        rows.append(
            CategoryRow(
                category=category,
                count=hide(n),
                previous=_change(previous.get(category.pk, 0), n, days, hide, p_values),
                last_year=_change(last_year.get(category.pk, 0), n, days, hide, p_values),
                trend=[by_month.get((category.pk, m), 0) for m in months],
            )
        )
    rows.sort(key=lambda r: -(r.count or 0))
    children = Area.objects.filter(parent=area)
    child_counts = _counts(visible.filter(area__in=children), start, end, "area")
    top = sorted(((c, child_counts.get(c.pk, 0)) for c in children if child_counts.get(c.pk)), key=lambda t: -t[1])[:10]
    # An incident with two categories is counted once per category; the total counts incidents per
    # category row, which is what the council reads off the table.
    total = sum(now.values())
    return SituationPicture(
        area=area,
        start=start,
        end=end,
        total=hide(total),
        rows=rows,
        by_source={k: hide(v) for k, v in sources.items()},
        top_places=[(a, hide(n)) for a, n in top],
        trend_months=months,
        suppressed=public,
    )
