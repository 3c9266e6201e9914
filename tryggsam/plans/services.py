"""Writes on action plans and citizen promises and their focus areas (coordinators only; system actor
None allowed). A decided plan is frozen: every write on it or its focus areas is refused, and the next
version starts as an audited copy of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person, person_of
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.plans.models import ActionPlan, FocusArea, PlanStatus
from tryggsam.plans.versioning import carry_over

FOCUS_AREA_FIELDS = {
    "name", "area", "goal", "purpose", "target_group", "measure", "responsible", "forum", "forum_text",
    "activities", "police_contact", "police_commitment", "district_contact", "district_commitment",
    "other_actors", "funding", "communication", "follow_up",
}  # fmt: skip
PLAN_FIELDS = {
    "title", "kind", "parties", "forum", "area", "valid_from", "valid_to", "introduction", "classification",
    "owner_organisation",
}  # fmt: skip


def _require(actor: Actor) -> None:
    if not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får ändra åtgärdsplanen."))


def _require_draft(plan: ActionPlan) -> None:
    if plan.is_frozen:
        raise InvalidTransitionError(
            _("Planen är beslutad och kan inte ändras. Gör en ny version för att arbeta vidare med den.")
        )


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ServiceError(_("Planen kan inte sluta gälla innan den börjar gälla."))


@transaction.atomic
def plan_create(*, actor: Actor, title: str, **fields: Any) -> ActionPlan:
    _require(actor)
    _check_fields(fields, PLAN_FIELDS)
    _check_period(fields.get("valid_from"), fields.get("valid_to"))
    return create_audited(model=ActionPlan, actor=actor, title=title.strip(), created_by=person_of(actor), **fields)


@transaction.atomic
def plan_update(*, actor: Person, plan: ActionPlan, **fields: Any) -> ActionPlan:
    _require(actor)
    _require_draft(plan)
    _check_fields(fields, PLAN_FIELDS)
    _check_period(fields.get("valid_from", plan.valid_from), fields.get("valid_to", plan.valid_to))
    return update_audited(obj=plan, actor=actor, fields=fields)


@transaction.atomic
def plan_decide(
    *, actor: Actor, plan: ActionPlan, decided_on: dt.date, decided_by: str = "", meeting: Any = None
) -> ActionPlan:
    """Record that the plan was decided (in a meeting, or by a named body): it is frozen from now on."""
    _require(actor)
    _require_draft(plan)
    if not plan.focus_areas.exists():
        raise ServiceError(_("En plan utan fokusområden kan inte beslutas."))
    return update_audited(
        obj=plan,
        actor=actor,
        fields={
            "status": PlanStatus.DECIDED,
            "decided_on": decided_on,
            "decided_by": decided_by.strip(),
            "decided_at_meeting": meeting,
        },
        action=AuditAction.STATUS,
    )


@transaction.atomic
def plan_new_version(*, actor: Person, plan: ActionPlan) -> ActionPlan:
    """The next version of a decided plan: a draft copy of it and its focus areas, and of what the apps
    above keep per focus area (causes, goals: `versioning.carry_over`), each copy audited."""
    _require(actor)
    if not plan.is_frozen:
        raise InvalidTransitionError(_("Planen är fortfarande ett utkast: ändra den direkt."))
    newer = ActionPlan.objects.filter(previous=plan).first()
    if newer is not None:
        raise InvalidTransitionError(
            _("Det finns redan en version %(v)s av planen; arbeta vidare i den.") % {"v": newer.version}
        )
    copied_fields = {name: getattr(plan, name) for name in PLAN_FIELDS}
    draft = create_audited(
        model=ActionPlan,
        actor=actor,
        created_by=person_of(actor),
        version=plan.version + 1,
        previous=plan,
        **copied_fields,
    )
    copies: dict[FocusArea, FocusArea] = {}
    for focus_area in plan.focus_areas.order_by("position", "id"):
        values = {name: getattr(focus_area, name) for name in FOCUS_AREA_FIELDS}
        copies[focus_area] = create_audited(
            model=FocusArea, actor=actor, plan=draft, position=focus_area.position, **values
        )
    carry_over(actor, copies)
    return draft


@transaction.atomic
def focus_area_create(*, actor: Actor, plan: ActionPlan, name: str, **fields: Any) -> FocusArea:
    _require(actor)
    _require_draft(plan)
    _check_fields(fields, FOCUS_AREA_FIELDS)
    position = (plan.focus_areas.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return create_audited(model=FocusArea, actor=actor, plan=plan, name=name.strip(), position=position, **fields)


@transaction.atomic
def focus_area_update(*, actor: Actor, focus_area: FocusArea, **fields: Any) -> FocusArea:
    _require(actor)
    _require_draft(focus_area.plan)
    _check_fields(fields, FOCUS_AREA_FIELDS)
    return update_audited(obj=focus_area, actor=actor, fields=fields)


@transaction.atomic
def focus_area_delete(*, actor: Person, focus_area: FocusArea) -> None:
    _require(actor)
    _require_draft(focus_area.plan)
    audit_delete(actor=actor, obj=focus_area)
    focus_area.delete()
