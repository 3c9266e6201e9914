"""Demo goals: one on the Liljeholmen partnership's first open problem (the cycle's problem), counted
from the demo's incidents per quarter, and one measured by hand on the first promise of the demo's
citizen promise (added after the promise was decided, to follow it up)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tryggsam.casework.models import Problem
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.goals.models import Goal
from tryggsam.goals.periods import Period, period_containing
from tryggsam.goals.progress import progress_of
from tryggsam.goals.services import Indicator, goal_create, goal_update, reading_add
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area, AreaLevel
from tryggsam.plans.models import ActionPlan, PlanKind

if TYPE_CHECKING:
    from tryggsam.demo.content import Directory

CYCLE_CATEGORIES = ("youths", "vandalism", "graffiti")


def _district_of(area: Area) -> Area:
    """The district the area lies in (the roll-ups of a district hold every located incident in it)."""
    seen = 0
    while area.level != AreaLevel.DISTRICT and area.parent_id is not None and seen < 10:
        area = area.parent  # type: ignore[assignment]
        seen += 1
    return area


def _previous(period: Period, steps: int) -> Period:
    per_year = {"quarter": 4, "tertial": 3, "month": 12, "year": 1}[period.kind]
    index = period.year * per_year + period.index - 1 - steps
    return Period(period.kind, index // per_year, index % per_year + 1)


def create_goals(d: Directory) -> list[Goal]:
    goals = []
    problem = (
        Problem.objects.filter(forum=d.forums["liljeholmen"], is_closed=False, area__isnull=False)
        .order_by("position", "pk")
        .first()
    )
    if problem is not None and problem.area is not None:
        running = period_containing("quarter", d.today)
        baseline = _previous(running, 4)  # the quarter a year before the last one that has ended
        spec = Indicator(
            text="Färre rapporter om stök, skadegörelse och klotter vid torget kvällstid: en fjärdedel färre "
            "per kvartal inom ett år.",
            indicator="incidents",
            categories=list(IncidentCategory.objects.filter(code__in=CYCLE_CATEGORIES)),
            areas=[_district_of(problem.area)],
            period_kind="quarter",
            baseline_period=baseline.code,
            target_value=0,
            target_date=_previous(running, -4).end,
            direction="lower",
        )
        goal = goal_create(actor=DEMO_SYSTEM, problem=problem, spec=spec)
        # The target is a quarter below the baseline the data gives (counted as the system, which reads all).
        counted = progress_of(DEMO_SYSTEM, goal, today=d.today).baseline
        if counted is not None:
            spec.target_value = round(counted * 0.75)
            spec.baseline_value = counted
            goal = goal_update(actor=DEMO_SYSTEM, goal=goal, spec=spec)
        goals.append(goal)
    promise = ActionPlan.objects.filter(kind=PlanKind.CITIZEN_PROMISE).order_by("pk").first()
    focus_area = promise.focus_areas.order_by("position", "pk").first() if promise is not None else None
    if focus_area is not None:
        goal = goal_create(
            actor=DEMO_SYSTEM,
            focus_area=focus_area,
            spec=Indicator(
                text="Fler boende känner sig trygga på gångvägarna när det är mörkt.",
                indicator="manual",
                unit="% trygga",
                baseline_period=str(d.today.year - 1),
                baseline_value=58,
                target_value=70,
                target_date=dt.date(d.today.year + 1, 12, 31),
                direction="higher",
            ),
        )
        for days, value, low, high in ((-200, 61, 55, 67), (-30, 64, 58, 70)):
            reading_add(
                actor=DEMO_SYSTEM,
                goal=goal,
                date=d.days(days),
                value=value,
                low=low,
                high=high,
                source="Kort enkät bland boende vid kvällsvandringen (egen mätning, cirka 250 svar)",
            )
        goals.append(goal)
    return goals
