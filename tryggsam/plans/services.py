"""Writes on action plans and their focus areas (coordinators only; system actor None allowed)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.core.services import create_audited, update_audited
from tryggsam.plans.models import ActionPlan, FocusArea

FOCUS_AREA_FIELDS = {
    "name", "area", "goal", "purpose", "target_group", "measure", "responsible", "forum", "forum_text",
    "activities", "police_contact", "police_commitment", "district_contact", "district_commitment",
    "other_actors", "funding", "communication", "follow_up",
}  # fmt: skip


def _require(actor: Any) -> None:
    if actor is not None and not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får ändra åtgärdsplanen."))


@transaction.atomic
def plan_create(*, actor: Any, title: str, **fields: Any) -> ActionPlan:
    _require(actor)
    return create_audited(model=ActionPlan, actor=actor, title=title, created_by=actor, **fields)


@transaction.atomic
def focus_area_create(*, actor: Any, plan: ActionPlan, name: str, **fields: Any) -> FocusArea:
    _require(actor)
    unknown = set(fields) - FOCUS_AREA_FIELDS
    if unknown:
        raise ValueError(f"unknown focus-area fields: {sorted(unknown)}")
    position = (plan.focus_areas.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return create_audited(model=FocusArea, actor=actor, plan=plan, name=name, position=position, **fields)


@transaction.atomic
def focus_area_update(*, actor: Any, focus_area: FocusArea, **fields: Any) -> FocusArea:
    _require(actor)
    unknown = set(fields) - FOCUS_AREA_FIELDS
    if unknown:
        raise ValueError(f"unknown focus-area fields: {sorted(unknown)}")
    return update_audited(obj=focus_area, actor=actor, **fields)
