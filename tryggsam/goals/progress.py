"""A goal's progress, computed from its indicator's series as the reader may see it.

The status compares the latest value, with its interval where there is one, to the straight path from
the baseline (at the end of the baseline period) to the target (on the target date):
- "målet är nått" when the whole interval is at or beyond the target,
- "på väg mot målet" when the whole interval is at or on the good side of the path,
- "inte på väg mot målet" when the whole interval is on the bad side of it,
- "kan inte avgöras" when the interval spans the path (the data cannot tell), or when there is no
  baseline to draw the path from.
Without a known interval (statistics, survey shares, readings without one) the point value is compared
and the status says that the uncertainty is unknown. A value this reader may not see gives no status.
For computed indicators the baseline is the series' value for the baseline period when the data has
it (counted as this reader, so that baseline and latest count the same incidents); otherwise, for
published data and readings, the value entered with the goal, and for incidents none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts.actors import Reader
from tryggsam.goals.indicators import Point, Series, baseline_period, indicator_series
from tryggsam.goals.models import Direction, Goal, IndicatorKind


class Status:
    REACHED = "reached"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    CANNOT_TELL = "cannot_tell"
    NO_DATA = "no_data"
    HIDDEN = "hidden"


STATUS_TEXT = {
    Status.REACHED: gettext_lazy("målet är nått"),
    Status.ON_TRACK: gettext_lazy("på väg mot målet"),
    Status.OFF_TRACK: gettext_lazy("inte på väg mot målet"),
    Status.CANNOT_TELL: gettext_lazy("kan inte avgöras"),
    Status.NO_DATA: gettext_lazy("inga värden ännu"),
    Status.HIDDEN: gettext_lazy("visas inte för allmänheten (färre än 3)"),
}


@dataclass(frozen=True)
class GoalProgress:
    """What the goal's page, the sections and the statutory documents show of one goal."""

    goal: Goal
    series: Series
    baseline: float | None
    baseline_label: str
    baseline_from_data: bool
    target: float
    target_date: dt.date
    latest: Point | None
    planned: float | None  # where the path from baseline to target is at the latest value's day
    status: str
    status_text: str
    reason: str  # one sentence on what the status rests on

    @property
    def points(self) -> list[Point]:
        return self.series.points


def _better(direction: str, a: float, b: float) -> bool:
    """Is `a` at least as good as `b`?"""
    return a <= b if direction == Direction.LOWER else a >= b


def _baseline(goal: Goal, series: Series) -> tuple[float | None, str, bool]:
    period = baseline_period(goal)
    label = period.code if period is not None else goal.baseline_period
    if goal.indicator != IndicatorKind.MANUAL and period is not None:
        for point in series.points:
            if point.label == period.code or (period.kind == "year" and point.label == str(period.year)):
                if point.value is not None:
                    return point.value, label, True
                return None, label, False  # hidden for this reader: no baseline to reveal it
    if goal.indicator == IndicatorKind.INCIDENTS:
        # A count entered by hand could be one this reader may not see (or one under the public limit):
        # an incident goal's baseline is only ever the count as this reader may see it.
        return None, label, False
    return goal.baseline_value, label, False


def _planned(goal: Goal, baseline: float, latest: Point) -> float:
    period = baseline_period(goal)
    start = period.end if period is not None else latest.end
    span = (goal.target_date - start).days
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (latest.end - start).days / span))
    return baseline + (goal.target_value - baseline) * share


def _status(goal: Goal, series: Series, baseline: float | None, latest: Point | None) -> tuple[str, float | None, str]:
    if latest is None:
        return Status.NO_DATA, None, series.note or _("Det finns inga värden ännu.")
    if latest.value is None:
        return Status.HIDDEN, None, _("Det senaste värdet är för litet för att visas offentligt.")
    if baseline is None:
        return Status.CANNOT_TELL, None, _("Utgångsvärdet saknas, så vägen mot målet kan inte ritas.")
    known = latest.low is not None and latest.high is not None
    low, high = (latest.low, latest.high) if known else (latest.value, latest.value)
    assert low is not None and high is not None
    direction = goal.direction
    worst, best = (high, low) if direction == Direction.LOWER else (low, high)
    planned = _planned(goal, baseline, latest)
    caveat = "" if known else " " + _("Osäkerheten är okänd.")
    if _better(direction, worst, goal.target_value):
        return (
            Status.REACHED,
            planned,
            _("Hela intervallet når målvärdet.") if known else _("Värdet når målvärdet.") + caveat,
        )
    if _better(direction, worst, planned):
        why = (
            _("Hela intervallet ligger på rätt sida om vägen mot målet.")
            if known
            else _("Värdet ligger på rätt sida om vägen mot målet.")
        )
        return Status.ON_TRACK, planned, why + caveat
    if not _better(direction, best, planned):
        why = (
            _("Hela intervallet ligger på fel sida om vägen mot målet.")
            if known
            else _("Värdet ligger på fel sida om vägen mot målet.")
        )
        return Status.OFF_TRACK, planned, why + caveat
    return Status.CANNOT_TELL, planned, _("Intervallet rymmer både värden på rätt och på fel sida om vägen mot målet.")


def progress_of(user: Reader, goal: Goal, *, today: dt.date | None = None) -> GoalProgress:
    """The progress of one goal the caller has already read (through the selectors) as `user`."""
    series = indicator_series(user, goal, today=today)
    baseline, label, from_data = _baseline(goal, series)
    latest = series.points[-1] if series.points else None
    status, planned, reason = _status(goal, series, baseline, latest)
    return GoalProgress(
        goal=goal,
        series=series,
        baseline=baseline,
        baseline_label=label,
        baseline_from_data=from_data,
        target=goal.target_value,
        target_date=goal.target_date,
        latest=latest,
        planned=planned,
        status=status,
        status_text=str(STATUS_TEXT[status]),
        reason=reason,
    )
