"""A plan's next version carries its focus areas' cause trees and goals (plans/versioning.py, filled by
causes and goals): the same outline with evidence and aimed measures, the same goals with indicator,
baseline, target and readings; each copy audited; the old plan's trees and goals untouched."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AreaFactory, MeasureFactory, ProblemFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.causes import services as causes
from tryggsam.causes.models import Cause, CauseTree, Evidence
from tryggsam.goals import services as goals
from tryggsam.goals.models import Goal, ManualReading
from tryggsam.goals.services import Indicator
from tryggsam.incidents.models import IncidentCategory
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.plans import services as plans

pytestmark = pytest.mark.django_db


def _outline(focus_area):
    """(outline number, title, evidence texts, measure titles, category codes) depth first."""
    rows = []

    def walk(parent, prefix):
        causes_here = Cause.objects.filter(tree__focus_area=focus_area, parent=parent).order_by("position", "id")
        for i, c in enumerate(causes_here):
            evidence = [(e.kind, e.text, e.source, sorted(e.categories.values_list("code", flat=True)), e.area_id)
                        for e in c.evidence.order_by("position")]  # fmt: skip
            rows.append(
                (
                    f"{prefix}{i + 1}",
                    c.title,
                    c.description,
                    evidence,
                    sorted(c.measures.values_list("title", flat=True)),
                )
            )
            walk(c, f"{prefix}{i + 1}.")

    walk(None, "")
    return rows


def _goals(focus_area):
    return [
        (
            g.text, g.indicator, g.period_kind, g.baseline_period, g.baseline_value, g.target_value, g.target_date,
            g.direction, g.unit, sorted(g.categories.values_list("code", flat=True)), sorted(g.areas.values_list("pk", flat=True)),
            list(g.readings.order_by("date").values_list("date", "value", "low", "high", "source")),
        )
        for g in Goal.objects.filter(focus_area=focus_area).order_by("id")
    ]  # fmt: skip


def test_plan_new_version__copies_cause_trees_and_goals_audited(coordinator, partnership):
    ensure_default_categories()
    graffiti = IncidentCategory.objects.get(code="graffiti")
    square = AreaFactory(name="Torget")
    plan = plans.plan_create(actor=coordinator, title="Plan 2026", classification="open")
    focus = plans.focus_area_create(actor=coordinator, plan=plan, name="Torget", forum=partnership, area=square)
    plans.focus_area_create(actor=coordinator, plan=plan, name="Utan orsaker")
    aimed = MeasureFactory(problem=ProblemFactory(forum=partnership), title="Belysning vid torget")
    gone = MeasureFactory(problem=ProblemFactory(forum=partnership), title="Nedlagd åtgärd")
    dark = causes.cause_add(actor=coordinator, owner=focus, title="Mörkt", description="Efter 18")
    lamps = causes.cause_add(actor=coordinator, owner=focus, title="Trasiga lampor", parent=dark)
    causes.cause_add(actor=coordinator, owner=focus, title="Få vuxna ute")
    causes.evidence_add(actor=coordinator, cause=lamps, kind="text", text="Fem lampor släckta", source="Vandring i maj")
    causes.evidence_add(
        actor=coordinator, cause=dark, kind="incidents", categories=[graffiti], area=square,
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
    )  # fmt: skip
    causes.measure_aim(actor=coordinator, cause=lamps, measure=aimed)
    causes.measure_aim(actor=coordinator, cause=dark, measure=gone)
    counted = goals.goal_create(
        actor=coordinator, focus_area=focus,
        spec=Indicator(text="Mindre klotter", indicator="incidents", baseline_period="2025-K4", target_value=3,
                       target_date=dt.date(2027, 6, 30), direction="lower", categories=[graffiti], areas=[square],
                       period_kind="quarter"),
    )  # fmt: skip
    by_hand = goals.goal_create(
        actor=coordinator, focus_area=focus,
        spec=Indicator(text="Fler trygga", indicator="manual", baseline_period="2025", baseline_value=60,
                       target_value=70, target_date=dt.date(2027, 12, 31), direction="higher", unit="%"),
    )  # fmt: skip
    goals.reading_add(
        actor=coordinator, goal=by_hand, date=dt.date(2026, 3, 1), value=62, low=58, high=66, source="Enkät"
    )
    plans.plan_decide(actor=coordinator, plan=plan, decided_on=dt.date(2026, 1, 15))
    gone.delete()  # a measure removed after the decision is not carried over
    before = (_outline(focus), _goals(focus))
    old_cause_pks = set(Cause.objects.values_list("pk", flat=True))
    old_goal_pks = {counted.pk, by_hand.pk}
    audit_before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    draft = plans.plan_new_version(actor=coordinator, plan=plan)

    new_focus = draft.focus_areas.get(name="Torget")
    assert (_outline(focus), _goals(focus)) == before  # the old ones untouched
    assert _outline(new_focus) == before[0] and _goals(new_focus) == before[1]
    assert [m for row in _outline(new_focus) for m in row[4]] == ["Belysning vid torget"]
    assert not CauseTree.objects.filter(focus_area=draft.focus_areas.get(name="Utan orsaker")).exists()
    assert not Goal.objects.get(focus_area=new_focus, text="Fler trygga").added_after_decision
    new_causes = Cause.objects.exclude(pk__in=old_cause_pks)
    new_goals = Goal.objects.exclude(pk__in=old_goal_pks)
    copied = [
        CauseTree.objects.get(focus_area=new_focus), *new_causes, *Evidence.objects.filter(cause__in=new_causes),
        *new_goals, *ManualReading.objects.filter(goal__in=new_goals),
    ]  # fmt: skip
    assert len(copied) == 1 + 3 + 2 + 2 + 1
    created = AuditEvent.objects.filter(pk__gt=audit_before, action="create")
    audited = {(e.object_type, e.object_id) for e in created}
    for obj in copied:
        assert (obj._meta.label_lower, str(obj.pk)) in audited, obj
    assert {e.actor_id for e in created} == {coordinator.pk}


def test_plan_new_version__a_failing_copy_leaves_no_new_version(coordinator, monkeypatch):
    plan = plans.plan_create(actor=coordinator, title="Plan 2026", classification="open")
    focus = plans.focus_area_create(actor=coordinator, plan=plan, name="Torget")
    causes.cause_add(actor=coordinator, owner=focus, title="Mörkt")
    plans.plan_decide(actor=coordinator, plan=plan, decided_on=dt.date(2026, 1, 15))

    def broken(*args, **kwargs):
        raise RuntimeError("copy failed")

    monkeypatch.setattr("tryggsam.causes.versioning._copy_evidence", broken)
    monkeypatch.setattr("tryggsam.causes.versioning.create_audited", broken)
    with pytest.raises(RuntimeError):
        plans.plan_new_version(actor=coordinator, plan=plan)
    assert plan.__class__.objects.count() == 1
