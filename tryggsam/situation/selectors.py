"""The situation picture for an area and a period, read from the roll-ups and filtered by what the
user may see: restricted incidents count only for their own organisation, and for the public
(anonymous) counts below 3 are suppressed. A polygon drawn on the map is counted from the roll-ups of
the districts wholly inside it and from the raw incidents along its edge, under the same policy, into
the same figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.incidents.models import IncidentCategory, Precision
from tryggsam.incidents.selectors import incidents_counted
from tryggsam.places.models import Area, AreaLevel
from tryggsam.situation import pieces
from tryggsam.situation.models import DailyRollup
from tryggsam.situation.pieces import next_month
from tryggsam.situation.polygon import DrawnArea
from tryggsam.situation.stats import poisson_change_p_value

# The public rule lives in the policy module; this name stays for code that still imports it.
SUPPRESS_BELOW = permissions.PUBLIC_MIN_COUNT
# Place ids per roll-up statement (each is repeated for every piece of the period).
PLACES_PER_STATEMENT = 500


def situation_areas_for(user: Reader) -> QuerySet[Area]:
    """The areas `user` may ask the situation picture about: the page, the API, the map data and the
    report all choose from these (the public: district areas and districts, no places)."""
    return Area.objects.filter(permissions.situation_area_q(user))


def rollups_visible_to(user: Reader) -> QuerySet[DailyRollup]:
    return DailyRollup.objects.filter(permissions.rollup_visible_q(user))


@dataclass
class Change:
    before: int | None
    p_value: float | None  # None when a count behind it is suppressed for the public

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < 0.05


@dataclass
class CategoryRow:
    category: IncidentCategory
    count: int | None
    previous: Change
    last_year: Change
    trend: list[int | None] = field(default_factory=list)


@dataclass
class SituationPicture:
    area: Area | None
    start: dt.date
    end: dt.date
    total: int | None
    rows: list[CategoryRow]
    by_source: dict[str, int | None]
    top_places: list[tuple[Area, int | None]]
    trend_months: list[str]
    suppressed: bool
    polygon: DrawnArea | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def name(self) -> str:
        return self.area.name if self.area is not None else self.polygon.name if self.polygon is not None else ""


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _change(before: int, after: int, before_days: int, after_days: int, hide: Any) -> Change:
    """The count before and the exact test of the change, over periods of these lengths (the same
    period last year is a day shorter when it leaves out 29 February)."""
    if hide(before) is None or hide(after) is None:  # a test on a hidden count would hint at it
        return Change(before=hide(before), p_value=None)
    return Change(before=before, p_value=poisson_change_p_value(before, after, before_days, after_days))


def _months(trend_start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    cursor = trend_start
    while cursor <= end:
        months.append(cursor)
        cursor = next_month(cursor)
    return months


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class _Membership(NamedTuple):
    now: bool
    previous: bool
    last_year: bool
    month: str  # the trend's month ("YYYY-MM"), "" outside the trend


@dataclass(frozen=True)
class _Periods:
    """The period, the previous period of the same length, the same period last year, and the
    months of the trend (from the same month last year to the end)."""

    start: dt.date
    end: dt.date
    prev_start: dt.date
    prev_end: dt.date
    year_start: dt.date
    year_end: dt.date
    month_starts: list[dt.date]

    @classmethod
    def of(cls, start: dt.date, end: dt.date) -> _Periods:
        days = (end - start).days + 1
        prev_end = start - dt.timedelta(days=1)
        return cls(
            start=start,
            end=end,
            prev_start=prev_end - dt.timedelta(days=days - 1),
            prev_end=prev_end,
            year_start=_shift_year(start, -1),
            year_end=_shift_year(end, -1),
            month_starts=_months(dt.date(end.year - 1, end.month, 1), end),
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> list[str]:
        return [f"{m:%Y-%m}" for m in self.month_starts]

    @property
    def first(self) -> dt.date:
        return min(self.prev_start, self.year_start, self.month_starts[0])

    def membership(self, day: dt.date) -> _Membership:
        """What an incident on `day` (or a roll-up piece starting on it) counts towards."""
        return _Membership(
            self.start <= day <= self.end,
            self.prev_start <= day <= self.prev_end,
            self.year_start <= day <= self.year_end,
            f"{day:%Y-%m}" if self.month_starts[0] <= day <= self.end else "",
        )


def periods_of(start: dt.date, end: dt.date) -> _Periods:
    """The days a picture of start..end reads (its comparisons and trend included)."""
    return _Periods.of(start, end)


@dataclass
class _Tally:
    """Incident-category counts per category for the period, the previous period, the same period
    last year and each month of the trend, and per source for the period: what a picture is made of,
    whether read from the roll-ups of an area or from the raw incidents inside a drawn polygon."""

    now: dict[int, int] = field(default_factory=dict)
    previous: dict[int, int] = field(default_factory=dict)
    last_year: dict[int, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    by_month: dict[tuple[int, str], int] = field(default_factory=dict)

    def add_sums(
        self, category: int, source: str, periods: tuple[int, int, int], months: Iterable[tuple[str, int]]
    ) -> None:
        """Add the sums of a category and source for the period, the previous period, the same period
        last year and each month of the trend."""
        for target, n in zip((self.now, self.previous, self.last_year), periods, strict=True):
            if n:
                target[category] = target.get(category, 0) + n
        if periods[0]:
            self.sources[source] = self.sources.get(source, 0) + periods[0]
        for month, n in months:
            if n:
                self.by_month[(category, month)] = self.by_month.get((category, month), 0) + n

    def add(self, category: int, source: str, counts_towards: _Membership, n: int = 1) -> None:
        now, previous, last_year, month = counts_towards
        for target, counted in ((self.now, now), (self.previous, previous), (self.last_year, last_year)):
            if counted:
                target[category] = target.get(category, 0) + n
        if now:
            self.sources[source] = self.sources.get(source, 0) + n
        if month:
            self.by_month[(category, month)] = self.by_month.get((category, month), 0) + n


def _cut(periods: _Periods) -> tuple[list[pieces.Piece], list[_Membership], list[str], list[list[int]]]:
    """The picture's span cut into pieces that each fall wholly inside or outside the period, the
    previous period, the same period last year and each month of the trend: the pieces, what each
    counts towards, the trend's months, and the groups of pieces summed for each of those (in that
    order: period, previous, last year, then the months)."""
    bounds = [
        periods.start,
        periods.end + dt.timedelta(days=1),
        periods.prev_start,
        periods.prev_end + dt.timedelta(days=1),
        periods.year_start,
        periods.year_end + dt.timedelta(days=1),
    ]
    parts = pieces.cut(periods.first, periods.end, bounds)
    counts_towards = [periods.membership(p.first) for p in parts]
    months = periods.months
    groups = [
        [i for i, m in enumerate(counts_towards) if m.now],
        [i for i, m in enumerate(counts_towards) if m.previous],
        [i for i, m in enumerate(counts_towards) if m.last_year],
        *([i for i, m in enumerate(counts_towards) if m.month == month] for month in months),
    ]
    return parts, counts_towards, months, groups


def _rollup_tally(user: Reader, area: Area, periods: _Periods) -> tuple[_Tally, list[tuple[Area, int]]]:
    """The area's roll-ups over the whole span of the picture, cut at the bounds of the period, the
    previous period, the same period last year and the trend's months, so that each piece falls wholly
    inside or outside each of them: a year's picture reads some 16 months from the monthly roll-ups and
    the days at its edges from the daily ones."""
    visible = permissions.rollup_visible_q(user)
    parts, _counts_towards, months, groups = _cut(periods)
    tally = _Tally()
    for category, source, now, previous, last_year, *by_month in pieces.sums(
        visible, [area.pk], parts, "category_id, source", groups, complement=True
    ):
        tally.add_sums(category, source, (now, previous, last_year), zip(months, by_month, strict=True))
    children = {c.pk: c for c in Area.objects.filter(parent=area).only("pk", "name")}  # the top list shows names
    child_counts: dict[int, int] = {}
    if children:
        period = pieces.cut(periods.start, periods.end, [])
        rows = pieces.sums(visible, list(children), period, "area_id", [list(range(len(period)))], complement=True)
        child_counts = dict(rows)
    top = sorted(((c, n) for c in children.values() if (n := child_counts.get(c.pk, 0))), key=lambda t: -t[1])
    return tally, top[:10]


def _piece_of(parts: list[pieces.Piece]) -> Case:
    """SQL: the index of the piece an incident's time falls in (local days, as the roll-ups count them)."""
    return Case(
        *(
            When(occurred_at__lt=_aware(p.last + dt.timedelta(days=1), dt.time.min), then=Value(i))
            for i, p in enumerate(parts[:-1])
        ),
        default=Value(len(parts) - 1),
        output_field=IntegerField(),
    )


def _polygon_tally(user: Reader, polygon: DrawnArea, periods: _Periods) -> tuple[_Tally, list[tuple[Area, int]]]:
    """The visible incidents inside the polygon (`DrawnArea.cover`): the districts wholly inside from
    their roll-ups, as an area's picture reads them; the incidents of the districts its edge crosses
    and those without a district from the raw rows, counted per category, source and piece of the
    period in SQL, with the points located to a place tested exactly (`DrawnArea.contains`) once per
    distinct point. The top places: those of the districts inside from their roll-ups, the others
    from the raw rows."""
    cover = polygon.cover()
    visible = permissions.rollup_visible_q(user)
    parts, counts_towards, months, groups = _cut(periods)
    tally = _Tally()
    inside = sorted(cover.inside)
    if inside:
        for category, source, now, previous, last_year, *by_month in pieces.sums(
            visible, inside, parts, "category_id, source", groups
        ):
            tally.add_sums(category, source, (now, previous, last_year), zip(months, by_month, strict=True))
    places: Counter[int] = Counter()
    rolled_places = list(Area.objects.filter(level=AreaLevel.PLACE, parent__in=inside).values_list("pk", flat=True))
    period = pieces.cut(periods.start, periods.end, [])
    for i in range(0, len(rolled_places), PLACES_PER_STATEMENT):
        chunk = rolled_places[i : i + PLACES_PER_STATEMENT]
        places.update(dict(pieces.sums(visible, chunk, period, "area_id", [list(range(len(period)))])))
    rolled = set(rolled_places)
    span = (_aware(periods.first, dt.time.min), _aware(periods.end, dt.time.max))
    piece = _piece_of(parts)
    for raw in polygon.raw_q(cover):
        rows = list(
            incidents_counted(user)
            .filter(raw, occurred_at__range=span)
            .annotate(piece=piece)
            .values_list("categories", "source", "piece", "place_id", "precision", "lat", "lon")
            .annotate(n=Count("pk"))
            .order_by()
        )
        points = [i for i, r in enumerate(rows) if r[4] == Precision.PLACE]
        where = list({(rows[i][5], rows[i][6]) for i in points})
        hit = polygon.contains([lat for lat, _lon in where], [lon for _lat, lon in where])
        found = {point for point, keep in zip(where, hit, strict=True) if keep}
        for category, source, index, place, precision, lat, lon, n in rows:
            if category is None or (precision == Precision.PLACE and (lat, lon) not in found):
                continue
            tally.add(category, source, counts_towards[index], n)
            if place is not None and place not in rolled and counts_towards[index].now:
                places[place] += n
    named = Area.objects.in_bulk([pk for pk, n in places.items() if n])
    top = sorted(((named[pk], n) for pk, n in places.items() if n and pk in named), key=lambda t: (-t[1], t[0].name))
    return tally, top[:10]


def situation_for(
    user: Reader,
    *,
    area: Area | None = None,
    polygon: DrawnArea | None = None,
    start: dt.date,
    end: dt.date,
) -> SituationPicture:
    """The picture of a stored area (from its roll-ups) or of a drawn polygon (from the raw incidents
    inside it), with the same figures, tests and suppression either way."""
    if (area is None) == (polygon is None):
        raise ValueError("situation_for needs exactly one of area and polygon")
    public = permissions.sees_public_picture(user)
    hide = permissions.counts_shown_to(user)
    periods = _Periods.of(start, end)
    if area is not None:
        tally, top = _rollup_tally(user, area, periods)
    else:
        assert polygon is not None
        tally, top = _polygon_tally(user, polygon, periods)
    months = periods.months
    rows = []
    year_days = (periods.year_end - periods.year_start).days + 1
    categories = set(tally.now) | set(tally.previous) | set(tally.last_year)
    for category in IncidentCategory.objects.filter(pk__in=categories).order_by("position"):
        n = tally.now.get(category.pk, 0)
        rows.append(
            CategoryRow(
                category=category,
                count=hide(n),
                previous=_change(tally.previous.get(category.pk, 0), n, periods.days, periods.days, hide),
                last_year=_change(tally.last_year.get(category.pk, 0), n, year_days, periods.days, hide),
                trend=[hide(tally.by_month.get((category.pk, m), 0)) for m in months],
            )
        )
    rows.sort(key=lambda r: -(r.count or 0))
    # An incident with two categories is counted once per category; the total counts incidents per
    # category row, which is what the council reads off the table. For the public it is the sum of
    # the counts shown, so that it cannot be used to work out a suppressed one.
    total = sum(n for n in tally.now.values() if hide(n) is not None)
    return SituationPicture(
        area=area,
        start=start,
        end=end,
        total=hide(total),
        rows=rows,
        # For the public, per-source sums are left out when a category is suppressed: their difference
        # to the shown counts would give it away.
        by_source={}
        if public and any(hide(n) is None for n in tally.now.values())
        else {k: hide(v) for k, v in tally.sources.items()},
        top_places=[(a, hide(n)) for a, n in top],
        trend_months=months,
        suppressed=public,
        polygon=polygon,
    )
