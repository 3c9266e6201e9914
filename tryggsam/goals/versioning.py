"""A plan's next version carries its focus areas' goals (plans/versioning.py): each goal is copied to
the focus area's copy with its indicator (kind, categories, areas, period, question or series, unit),
baseline, target and direction, and the readings entered by hand for it (they are the indicator's data
where nothing can compute it); what is computed from the data (counts, progress) is not stored and is
counted again for the copy. The copy is part of the new draft (not "added after the decision"); each
copy is audited by the actor who makes the version, and the old goals stay as they were."""

from __future__ import annotations

from collections.abc import Mapping

from tryggsam.accounts.actors import Actor, person_of
from tryggsam.audit.writes import create_audited
from tryggsam.goals.models import Goal, ManualReading
from tryggsam.plans.models import FocusArea

GOAL_FIELDS = (
    "text", "indicator", "period_kind", "area", "survey_question", "statistic_category", "statistic_measure", "unit",
    "baseline_value", "baseline_period", "target_value", "target_date", "direction",
)  # fmt: skip
READING_FIELDS = ("date", "value", "low", "high", "source")


def copy_goals(actor: Actor, copies: Mapping[FocusArea, FocusArea]) -> None:
    goals = Goal.objects.filter(focus_area__in=list(copies)).select_related("focus_area")
    for goal in goals.prefetch_related("categories", "areas", "readings").order_by("id"):
        assert goal.focus_area is not None
        new = create_audited(
            model=Goal,
            actor=actor,
            focus_area=copies[goal.focus_area],
            created_by=person_of(actor),
            m2m={"categories": list(goal.categories.all()), "areas": list(goal.areas.all())},
            **{name: getattr(goal, name) for name in GOAL_FIELDS},
        )
        for reading in goal.readings.all():
            values = {name: getattr(reading, name) for name in READING_FIELDS}
            create_audited(model=ManualReading, actor=actor, goal=new, created_by=person_of(actor), **values)
