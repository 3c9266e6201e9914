"""Writes on goals and their hand-entered readings, each audited in its own transaction.

A goal's indicator is checked as a whole before anything is saved: an unreadable baseline period, a
period of another kind than the indicator counts in, nested areas (their incidents would count twice),
a missing category, area, question or series, or a target date that is not after the baseline period
is refused with a Swedish message and nothing changes. Goals set before their plan was decided are
frozen with it; a goal added to a decided plan is marked so and may be changed; readings may be entered
on every goal (accounts.permissions, "goals with indicators")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, person_of
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, set_m2m_audited, update_audited
from tryggsam.casework.models import Problem
from tryggsam.core.errors import ServiceError, require
from tryggsam.goals.models import Direction, Goal, IndicatorKind, ManualReading, PeriodKind
from tryggsam.goals.periods import parse_period
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area
from tryggsam.plans.models import FocusArea

REFUSED = gettext_lazy("Du får inte ändra målen här.")


@dataclass
class Indicator:
    """What a goal measures and against what: the fields of a goal other than its subject."""

    text: str
    indicator: str
    baseline_period: str
    target_value: float
    target_date: dt.date
    direction: str
    baseline_value: float | None = None
    categories: Iterable[IncidentCategory] = field(default_factory=list)
    areas: Iterable[Area] = field(default_factory=list)
    period_kind: str = ""
    area: Area | None = None
    survey_question: str = ""
    statistic_category: str = ""
    statistic_measure: str = ""
    unit: str = ""


def _nested(areas: list[Area]) -> bool:
    """Is one of the areas inside another? (Roll-ups count an incident in every area above it.)"""
    chosen = {a.pk for a in areas}
    for area in areas:
        parent_id, seen = area.parent_id, 0
        while parent_id is not None and seen < 20:
            if parent_id in chosen:
                return True
            parent_id = Area.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
            seen += 1
    return False


def _checked(spec: Indicator) -> dict[str, Any]:
    """The goal's fields from `spec`, those that do not belong to its indicator emptied; or a refusal."""
    text = (spec.text or "").strip()
    if not text:
        raise ServiceError(_("Skriv vad målet är."))
    if spec.indicator not in IndicatorKind.values:
        raise ServiceError(_("Välj en indikator."))
    if spec.direction not in Direction.values:
        raise ServiceError(_("Välj om lägre eller högre värden är bättre."))
    baseline = parse_period(spec.baseline_period)
    if spec.target_date <= baseline.end:
        raise ServiceError(
            _("Måldatumet måste ligga efter utgångsperioden (som slutar %(end)s).") % {"end": baseline.end}
        )
    values: dict[str, Any] = {
        "text": text, "indicator": spec.indicator, "baseline_period": baseline.code,
        "baseline_value": spec.baseline_value, "target_value": spec.target_value, "target_date": spec.target_date,
        "direction": spec.direction, "period_kind": "", "area": None, "survey_question": "",
        "statistic_category": "", "statistic_measure": "", "unit": "",
    }  # fmt: skip
    categories: list[IncidentCategory] = []
    areas: list[Area] = []
    if spec.indicator == IndicatorKind.INCIDENTS:
        categories, areas = list(spec.categories), list(spec.areas)
        if spec.period_kind not in PeriodKind.values:
            raise ServiceError(_("Välj vilken period händelserna räknas per."))
        if not categories or not areas:
            raise ServiceError(_("Välj minst en händelsekategori och minst ett område."))
        if baseline.kind != spec.period_kind:
            raise ServiceError(
                _("Utgångsperioden måste vara en %(kind)s, som indikatorn räknas per.")
                % {"kind": PeriodKind(spec.period_kind).label.lower()}
            )
        if _nested(areas):
            raise ServiceError(
                _("Välj inte både ett område och ett område inom det: händelserna skulle räknas två gånger.")
            )
        values["period_kind"] = spec.period_kind
    elif spec.indicator == IndicatorKind.SURVEY:
        if spec.area is None or not spec.survey_question.strip():
            raise ServiceError(_("Välj område och fråga i trygghetsmätningen."))
        if baseline.kind != PeriodKind.YEAR:
            raise ServiceError(_("Trygghetsmätningen görs per år: ange utgångsperioden som ett år."))
        values.update(area=spec.area, survey_question=spec.survey_question.strip())
    elif spec.indicator == IndicatorKind.STATISTIC:
        if spec.area is None or not spec.statistic_category.strip() or not spec.statistic_measure:
            raise ServiceError(_("Välj område, brottskategori och mått för statistikserien."))
        if baseline.kind not in (PeriodKind.YEAR, PeriodKind.MONTH):
            raise ServiceError(_("Statistiken anges per år eller månad: ange utgångsperioden så."))
        values.update(
            area=spec.area, statistic_category=spec.statistic_category.strip(), statistic_measure=spec.statistic_measure
        )
    else:
        values["unit"] = spec.unit.strip()
        if spec.baseline_value is None:
            raise ServiceError(_("Ange utgångsvärdet: värden som förs in för hand har inget att räkna det från."))
    return {**values, "_categories": categories, "_areas": areas}


@transaction.atomic
def goal_create(
    *, actor: Actor, spec: Indicator, problem: Problem | None = None, focus_area: FocusArea | None = None
) -> Goal:
    """A new goal on exactly one of a problem and a focus area."""
    if (problem is None) == (focus_area is None):
        raise ServiceError(_("Ett mål hör till antingen ett problem eller ett fokusområde."))
    allowed = (
        permissions.can_set_goals_on_problem(actor, problem)
        if problem is not None
        else permissions.can_set_goals_on_focus_area(actor, focus_area)
    )
    require(allowed, str(REFUSED))
    values = _checked(spec)
    categories, areas = values.pop("_categories"), values.pop("_areas")
    return create_audited(
        model=Goal,
        actor=actor,
        problem=problem,
        focus_area=focus_area,
        created_by=person_of(actor),
        added_after_decision=focus_area is not None and focus_area.plan.is_frozen,
        m2m={"categories": categories, "areas": areas},
        **values,
    )


@transaction.atomic
def goal_update(*, actor: Actor, goal: Goal, spec: Indicator) -> Goal:
    require(permissions.can_change_goal(actor, goal), str(REFUSED))
    values = _checked(spec)
    categories, areas = values.pop("_categories"), values.pop("_areas")
    update_audited(obj=goal, actor=actor, fields=values)
    set_m2m_audited(obj=goal, actor=actor, name="categories", values=categories)
    set_m2m_audited(obj=goal, actor=actor, name="areas", values=areas)
    return goal


@transaction.atomic
def goal_delete(*, actor: Actor, goal: Goal) -> None:
    """Delete a goal with its readings (each reading's deletion audited too)."""
    require(permissions.can_change_goal(actor, goal), str(REFUSED))
    for reading in goal.readings.all():
        audit_delete(actor=actor, obj=reading)
    audit_delete(actor=actor, obj=goal)
    goal.delete()


def _reading_values(
    goal: Goal, date: dt.date, value: float, low: float | None, high: float | None, source: str
) -> dict[str, Any]:
    if goal.indicator != IndicatorKind.MANUAL:
        raise ServiceError(_("Målets indikator räknas fram ur data: värden förs inte in för hand."))
    if (low is None) != (high is None):
        raise ServiceError(_("Ange både nedre och övre gräns för osäkerheten, eller ingen av dem."))
    if low is not None and high is not None and not low <= value <= high:
        raise ServiceError(_("Värdet måste ligga mellan osäkerhetens nedre och övre gräns."))
    return {"date": date, "value": value, "low": low, "high": high, "source": (source or "").strip()}


@transaction.atomic
def reading_add(
    *,
    actor: Actor,
    goal: Goal,
    date: dt.date,
    value: float,
    low: float | None = None,
    high: float | None = None,
    source: str = "",
) -> ManualReading:
    require(permissions.can_enter_goal_readings(actor, goal), _("Du får inte föra in värden för målet."))
    values = _reading_values(goal, date, value, low, high, source)
    return create_audited(model=ManualReading, actor=actor, goal=goal, created_by=person_of(actor), **values)


@transaction.atomic
def reading_correct(
    *,
    actor: Actor,
    reading: ManualReading,
    date: dt.date,
    value: float,
    low: float | None = None,
    high: float | None = None,
    source: str = "",
) -> ManualReading:
    goal = reading.goal
    require(permissions.can_enter_goal_readings(actor, goal), _("Du får inte rätta värden för målet."))
    values = _reading_values(goal, date, value, low, high, source)
    return update_audited(obj=reading, actor=actor, fields=values)


@transaction.atomic
def reading_delete(*, actor: Actor, reading: ManualReading) -> None:
    require(permissions.can_enter_goal_readings(actor, reading.goal), _("Du får inte ta bort värden för målet."))
    audit_delete(actor=actor, obj=reading)
    reading.delete()
