"""Writes on cause trees. Each checks the policy (accounts.permissions.can_edit_causes: whoever may
change the problem or the focus area's plan), validates, saves and writes its audit rows in one
transaction; a refusal raises a ServiceError (or the model's ValidationError) and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, set_m2m_audited, update_audited
from tryggsam.casework.models import Measure, Problem
from tryggsam.causes.models import Cause, CauseTree, Evidence, EvidenceKind
from tryggsam.causes.selectors import eligible_measures, findings_for_choice, statistics_for_choice
from tryggsam.core.errors import ServiceError, require
from tryggsam.crimestats.models import CrimeStatistic, SurveyResult
from tryggsam.forums.models import Finding
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area
from tryggsam.plans.models import FocusArea
from tryggsam.situation.selectors import situation_areas_for

MOVES = ("up", "down", "indent", "outdent")


def _require_edit(actor: Actor, owner: Problem | FocusArea) -> None:
    require(permissions.can_edit_causes(actor, owner), _("Du får inte ändra orsaksanalysen."))


def _locked_tree(key: dict[str, Any]) -> CauseTree | None:
    """The owner's tree, locked until the transaction ends (so siblings' positions are counted by one
    writer at a time), or None when the owner has none yet."""
    return CauseTree.objects.select_for_update().filter(**key).first()


def _tree_for(actor: Actor, owner: Problem | FocusArea) -> CauseTree:
    """The owner's tree, made (and audited) on its first cause. Two people adding the first cause at the
    same instant both find no tree; the second one's insert then meets the first one's tree (the owner
    is unique) and uses it: the attempt runs in a savepoint, so the conflict leaves nothing behind."""
    key: dict[str, Any] = {"focus_area": owner} if isinstance(owner, FocusArea) else {"problem": owner}
    tree = _locked_tree(key)
    if tree is not None:
        return tree
    try:
        with transaction.atomic():
            return create_audited(model=CauseTree, actor=actor, **key)
    except (IntegrityError, ValidationError):
        tree = _locked_tree(key)
        if tree is None:
            raise
        return tree


def _siblings(tree_id: int, parent_id: int | None) -> list[Cause]:
    return list(Cause.objects.filter(tree_id=tree_id, parent_id=parent_id).order_by("position", "id"))


def _renumber(actor: Actor, ordered: list[Cause]) -> None:
    """Give siblings the positions 0, 1, 2 ... in this order (an audit row for each that moves)."""
    for i, cause in enumerate(ordered):
        if cause.position != i:
            update_audited(obj=cause, actor=actor, fields={"position": i})


@transaction.atomic
def cause_add(
    *, actor: Actor, owner: Problem | FocusArea, title: str, description: str = "", parent: Cause | None = None
) -> Cause:
    """A cause last among its siblings (a sub-cause with `parent`); the owner's tree is made on its first cause."""
    _require_edit(actor, owner)
    tree = _tree_for(actor, owner)
    if parent is not None and parent.tree_id != tree.pk:
        raise ServiceError(_("Den överordnade orsaken hör till ett annat orsaksträd."))
    last = Cause.objects.filter(tree=tree, parent=parent).aggregate(m=Max("position"))["m"]
    return create_audited(
        model=Cause,
        actor=actor,
        tree=tree,
        parent=parent,
        title=title.strip(),
        description=description.strip(),
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def cause_update(*, actor: Actor, cause: Cause, title: str, description: str = "") -> Cause:
    _require_edit(actor, cause.tree.owner)
    return update_audited(obj=cause, actor=actor, fields={"title": title.strip(), "description": description.strip()})


@transaction.atomic
def cause_delete(*, actor: Actor, cause: Cause) -> None:
    """Delete a cause with its sub-causes and their evidence (each deletion audited); the siblings close up."""
    _require_edit(actor, cause.tree.owner)
    doomed, frontier = [cause], [cause.pk]
    while frontier:
        below = list(Cause.objects.filter(parent_id__in=frontier))
        doomed += below
        frontier = [c.pk for c in below]
    for c in reversed(doomed):
        for evidence in c.evidence.all():
            audit_delete(actor=actor, obj=evidence)
        audit_delete(actor=actor, obj=c)
    tree_id, parent_id = cause.tree_id, cause.parent_id
    cause.delete()
    _renumber(actor, _siblings(tree_id, parent_id))


@transaction.atomic
def cause_move(*, actor: Actor, cause: Cause, direction: str) -> Cause:
    """Move a cause among its siblings (up, down), under the sibling above it (indent: it becomes that
    sibling's last sub-cause), or out of its parent (outdent: it comes right after the parent). A move
    the tree does not allow (the first cause up, a top cause out, too deep) is refused."""
    _require_edit(actor, cause.tree.owner)
    if direction not in MOVES:
        raise ServiceError(_("Okänd förflyttning."))
    siblings = _siblings(cause.tree_id, cause.parent_id)
    i = next(n for n, c in enumerate(siblings) if c.pk == cause.pk)
    if direction in ("up", "down"):
        j = i - 1 if direction == "up" else i + 1
        if not 0 <= j < len(siblings):
            raise ServiceError(_("Orsaken står redan först.") if j < 0 else _("Orsaken står redan sist."))
        siblings[i], siblings[j] = siblings[j], siblings[i]
        _renumber(actor, siblings)
    elif direction == "indent":
        if i == 0:
            raise ServiceError(_("Den första orsaken på sin nivå kan inte flyttas in: det finns ingen orsak ovanför."))
        new_parent = siblings[i - 1]
        last = Cause.objects.filter(parent=new_parent).aggregate(m=Max("position"))["m"]
        update_audited(
            obj=cause, actor=actor, fields={"parent": new_parent, "position": 0 if last is None else last + 1}
        )
        _renumber(actor, [c for c in siblings if c.pk != cause.pk])
    else:
        parent = cause.parent
        if parent is None:
            raise ServiceError(_("Orsaken ligger redan överst i trädet."))
        outer = _siblings(cause.tree_id, parent.parent_id)
        at = next(n for n, c in enumerate(outer) if c.pk == parent.pk) + 1
        update_audited(obj=cause, actor=actor, fields={"parent": parent.parent, "position": at})
        _renumber(actor, _siblings(cause.tree_id, parent.pk))
        _renumber(actor, [*outer[:at], cause, *outer[at:]])
    cause.refresh_from_db()
    return cause


# --- evidence ---------------------------------------------------------------------------------------


def _incident_fields(
    actor: Actor, categories: Iterable[IncidentCategory], area: Area | None, start: Any, end: Any
) -> dict[str, Any]:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise ServiceError(_("Ange periodens första och sista dag."))
    if end < start:
        raise ServiceError(_("Periodens sista dag kan inte komma före den första."))
    if area is not None and not situation_areas_for(actor).filter(pk=area.pk).exists():
        raise ServiceError(_("Du kan inte räkna händelser i det området."))
    wanted = [c.pk for c in categories]
    if IncidentCategory.objects.filter(pk__in=wanted).count() != len(set(wanted)):
        raise ServiceError(_("En av kategorierna finns inte."))
    return {"area": area, "period_start": start, "period_end": end}


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    cause: Cause,
    kind: str,
    categories: Iterable[IncidentCategory] = (),
    area: Area | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    statistic: CrimeStatistic | None = None,
    survey_result: SurveyResult | None = None,
    finding: Finding | None = None,
    text: str = "",
    source: str = "",
) -> Evidence:
    """Evidence of one kind, with only that kind's fields: an incident filter (categories, area,
    period: counted live as each reader), a statistics row, a survey result, a safety-walk finding the
    actor may read, or a text with its source (both required)."""
    _require_edit(actor, cause.tree.owner)
    if kind not in EvidenceKind.values:
        raise ServiceError(_("Okänd typ av underlag."))
    fields: dict[str, Any] = {}
    categories = list(categories)
    if kind == EvidenceKind.INCIDENTS:
        fields = _incident_fields(actor, categories, area, period_start, period_end)
    elif kind == EvidenceKind.STATISTIC:
        if statistic is None or not statistics_for_choice(actor).filter(pk=statistic.pk).exists():
            raise ServiceError(_("Välj en rad ur brottsstatistiken."))
        fields = {"statistic": statistic}
    elif kind == EvidenceKind.SURVEY:
        if survey_result is None:
            raise ServiceError(_("Välj ett resultat ur trygghetsmätningen."))
        fields = {"survey_result": survey_result}
    elif kind == EvidenceKind.FINDING:
        if finding is None or not findings_for_choice(actor).filter(pk=finding.pk).exists():
            raise ServiceError(_("Välj en iakttagelse från en trygghetsvandring som du får läsa."))
        fields = {"finding": finding}
    else:
        text, source = text.strip(), source.strip()
        if not text or not source:
            raise ServiceError(_("Ett underlag i fritext behöver både text och källa."))
        fields = {"text": text, "source": source}
    last = cause.evidence.aggregate(m=Max("position"))["m"]
    m2m: dict[str, Iterable[Any]] | None = (
        {"categories": categories} if kind == EvidenceKind.INCIDENTS and categories else None
    )
    return create_audited(
        model=Evidence,
        actor=actor,
        m2m=m2m,
        cause=cause,
        kind=kind,
        position=0 if last is None else last + 1,
        **fields,
    )


@transaction.atomic
def evidence_remove(*, actor: Actor, evidence: Evidence) -> None:
    _require_edit(actor, evidence.cause.tree.owner)
    audit_delete(actor=actor, obj=evidence)
    evidence.delete()


# --- measures aimed at causes -----------------------------------------------------------------------


@transaction.atomic
def measure_aim(*, actor: Actor, cause: Cause, measure: Measure) -> None:
    """Aim a measure at a cause: a measure of the same problem, or for a focus area one of its
    forum's or area's problems (`selectors.eligible_measures`), that the actor may read."""
    owner = cause.tree.owner
    require(
        permissions.can_aim_measure_at_cause(actor, owner, measure), _("Du får inte rikta den åtgärden mot orsaken.")
    )
    if not eligible_measures(actor, owner).filter(pk=measure.pk).exists():
        raise ServiceError(_("Åtgärden hör inte till det här problemet eller fokusområdet."))
    if cause.measures.filter(pk=measure.pk).exists():
        raise ServiceError(_("Åtgärden är redan riktad mot orsaken."))
    set_m2m_audited(obj=cause, actor=actor, name="measures", values=[*cause.measures.all(), measure])


@transaction.atomic
def measure_unaim(*, actor: Actor, cause: Cause, measure: Measure) -> None:
    owner = cause.tree.owner
    require(
        permissions.can_aim_measure_at_cause(actor, owner, measure),
        _("Du får inte ändra vilka åtgärder som riktas mot orsaken."),
    )
    if not cause.measures.filter(pk=measure.pk).exists():
        raise ServiceError(_("Åtgärden är inte riktad mot orsaken."))
    set_m2m_audited(obj=cause, actor=actor, name="measures", values=cause.measures.exclude(pk=measure.pk))
