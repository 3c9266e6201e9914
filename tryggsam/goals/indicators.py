"""An indicator's series, read as the user.

- Incidents: the situation picture's roll-ups of the chosen areas, summed over the chosen categories
  per period, filtered by the policy's `rollup_visible_q` (a restricted incident counts only for those
  who may read it) and shown by `count_for` (the public rule: no count of 1 or 2 for a visitor, and no
  series at all for a visitor when an area is one the public picture does not offer). An incident with
  two of the chosen categories counts once per category, as in the picture's table. Only periods that
  have ended are counted: a running period's count would read as a fall.
- Survey shares and statistics series are published data; manual readings are what was entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.core.errors import ServiceError
from tryggsam.crimestats.models import CrimeStatistic, SurveyResult
from tryggsam.goals.models import Goal, IndicatorKind
from tryggsam.goals.periods import Period, parse_period, periods_between
from tryggsam.goals.stats import poisson_interval
from tryggsam.places.models import Area
from tryggsam.places.selectors import populations_for
from tryggsam.situation import pieces


@dataclass(frozen=True)
class Point:
    """One value of the series: `value` is None when this reader may not see it (`hidden`)."""

    label: str
    end: dt.date  # the day the value refers to: the end of its period, or a reading's date
    value: float | None
    low: float | None = None
    high: float | None = None
    hidden: bool = False
    source: str = ""
    reading_id: int | None = None


@dataclass(frozen=True)
class Series:
    points: list[Point]
    uncertainty: str  # how the intervals were made, or why there are none
    note: str = ""  # why there is nothing to show, when so
    interval_known: bool = False


def baseline_period(goal: Goal) -> Period | None:
    try:
        return parse_period(goal.baseline_period)
    except ServiceError:  # validated when stored; a row edited by hand just has no baseline period
        return None


def _incident_series(user: Reader, goal: Goal, today: dt.date) -> Series:
    uncertainty = _("95 % konfidensintervall (exakt, Poisson)")
    first = baseline_period(goal)
    category_ids = {c.pk for c in goal.categories.all()}
    area_ids = [a.pk for a in goal.areas.all()]
    if first is None or not category_ids or not area_ids or first.kind != goal.period_kind:
        return Series([], uncertainty, _("Indikatorn saknar kategorier, områden eller period."))
    if Area.objects.filter(permissions.situation_area_q(user), pk__in=area_ids).count() != len(area_ids):
        return Series([], uncertainty, _("Områdena är för små för att räknas offentligt: logga in för att se serien."))
    periods = periods_between(first, today)
    if not periods:
        return Series([], uncertainty, _("Ingen period har avslutats ännu."))
    bounds = [p.start for p in periods]
    parts = pieces.cut(periods[0].start, periods[-1].end, bounds)
    groups = [[i for i, part in enumerate(parts) if p.start <= part.first <= p.end] for p in periods]
    rows = pieces.sums(permissions.rollup_visible_q(user), area_ids, parts, "category_id", groups)
    totals = [0] * len(periods)
    for category_id, *sums in rows:
        if category_id in category_ids:
            totals = [t + int(n) for t, n in zip(totals, sums, strict=True)]
    points = []
    for period, n in zip(periods, totals, strict=True):
        shown = permissions.count_for(user, n)
        if shown is None:
            points.append(Point(period.code, period.end, None, hidden=True))
            continue
        low, high = poisson_interval(n)
        points.append(Point(period.code, period.end, float(n), low, high))
    return Series(points, uncertainty, interval_known=True)


def _survey_series(goal: Goal) -> Series:
    first = baseline_period(goal)
    results = SurveyResult.objects.filter(area=goal.area, question=goal.survey_question)
    if first is not None:
        results = results.filter(year__gte=first.year)
    points = [
        Point(str(r.year), dt.date(r.year, 12, 31), r.share, source=str(r.source_import))
        for r in results.select_related("source_import").order_by("year")
    ]
    note = "" if points else _("Det finns inga svar på frågan för området.")
    # The import keeps the share, not the number who answered: no interval can be given.
    return Series(points, _("osäkerhet okänd (antalet svarande finns inte i källan)"), note)


def _statistic_rows(goal: Goal, measure: str) -> list[tuple[str, Period, CrimeStatistic]]:
    """(period label, parsed period, row) of the goal's statistic in one measure, oldest first."""
    first = baseline_period(goal)
    values = CrimeStatistic.objects.filter(area=goal.area, category=goal.statistic_category, measure=measure)
    if first is not None:
        values = values.filter(period_start__gte=dt.date(first.year, 1, 1) if first.kind == "year" else first.start)
    rows = []
    for row in values.select_related("source_import").order_by("period_start", "id"):
        try:
            period = parse_period(row.period)
        except ServiceError:  # a period the source wrote in another form: not placed in the series
            continue
        rows.append((row.period, period, row))
    return rows


def _statistic_series(user: Reader, goal: Goal) -> Series:
    """The statistic's own figures; a rate per 100 000 that the statistics do not state is computed from
    its count and the area's population of that year (or the nearest earlier year), saying so."""
    measure = goal.statistic_measure or "count"
    points = [
        Point(label, period.end, row.value, source=str(row.source_import))
        for label, period, row in _statistic_rows(goal, measure)
    ]
    if measure == "per_100k" and goal.area_id is not None:
        stated = {p.label for p in points}
        for label, period, row in _statistic_rows(goal, "count"):
            if label in stated:
                continue
            figure = populations_for(user, [goal.area_id], period.end.year).get(goal.area_id)
            if figure is None:
                continue
            source = _("%(statistic)s; per 100 000 invånare räknat på befolkningen %(year)s (%(source)s)") % {
                "statistic": row.source_import,
                "year": figure.year,
                "source": figure.source,
            }
            points.append(Point(label, period.end, figure.rate(row.value, 100_000), source=source))
        points.sort(key=lambda p: p.end)
    note = "" if points else _("Det finns ingen statistik för brottskategorin i området.")
    return Series(points, _("ingen osäkerhet anges i statistiken"), note)


def _manual_series(goal: Goal) -> Series:
    points = [
        Point(f"{r.date:%Y-%m-%d}", r.date, r.value, r.low, r.high, source=r.source, reading_id=r.pk)
        for r in goal.readings.all().order_by("date", "id")
    ]
    note = "" if points else _("Inga värden är införda ännu.")
    return Series(points, _("osäkerhet enligt källan, där den anges"), note)


def indicator_series(user: Reader, goal: Goal, *, today: dt.date | None = None) -> Series:
    """The goal's indicator per period as `user` may see it."""
    today = today or timezone.localdate()
    if goal.indicator == IndicatorKind.INCIDENTS:
        return _incident_series(user, goal, today)
    if goal.indicator == IndicatorKind.SURVEY:
        return _survey_series(goal)
    if goal.indicator == IndicatorKind.STATISTIC:
        return _statistic_series(user, goal)
    return _manual_series(goal)
