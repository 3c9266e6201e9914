"""A plan's next version carries its focus areas' cause trees (plans/versioning.py): each tree is copied
to the focus area's copy with its causes in the same outline, their evidence and the measures aimed at
them (those that still exist), each copy audited by the actor who makes the version. The old trees stay
as they were, frozen with their plan."""

from __future__ import annotations

from collections.abc import Mapping

from tryggsam.accounts.actors import Actor
from tryggsam.audit.writes import create_audited
from tryggsam.causes.models import Cause, CauseTree, Evidence
from tryggsam.plans.models import FocusArea

EVIDENCE_FIELDS = (
    "kind", "position", "area", "period_start", "period_end", "statistic", "survey_result", "finding", "text",
    "source",
)  # fmt: skip


def _copy_evidence(actor: Actor, evidence: Evidence, cause: Cause) -> None:
    values = {name: getattr(evidence, name) for name in EVIDENCE_FIELDS}
    categories = list(evidence.categories.all())
    create_audited(
        model=Evidence, actor=actor, cause=cause, m2m={"categories": categories} if categories else None, **values
    )


def copy_cause_trees(actor: Actor, copies: Mapping[FocusArea, FocusArea]) -> None:
    trees = CauseTree.objects.filter(focus_area__in=list(copies)).select_related("focus_area")
    for tree in trees:
        assert tree.focus_area is not None
        new_tree = create_audited(model=CauseTree, actor=actor, focus_area=copies[tree.focus_area])
        causes = list(
            Cause.objects.filter(tree=tree).order_by("position", "id").prefetch_related("measures", "evidence")
        )
        new_of: dict[int | None, Cause | None] = {None: None}
        pending = causes
        while pending:  # parents before their children: each round copies the causes whose parent is copied
            ready = [c for c in pending if c.parent_id in new_of]
            for cause in ready:
                measures = list(cause.measures.all())
                new = create_audited(
                    model=Cause,
                    actor=actor,
                    tree=new_tree,
                    parent=new_of[cause.parent_id],
                    title=cause.title,
                    description=cause.description,
                    position=cause.position,
                    m2m={"measures": measures} if measures else None,
                )
                new_of[cause.pk] = new
                for evidence in cause.evidence.all():
                    _copy_evidence(actor, evidence, new)
            pending = [c for c in pending if c.pk not in new_of]
