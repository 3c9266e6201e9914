"""Saving the plan kinds of an imported document: an action plan or strategy as a draft plan with its
focus areas, a citizen promise as the plans app's citizen-promise kind (its promises as focus areas,
its period and situation on the plan), an agreement with focus areas as a plan of the agreement kind.
Each plan is a draft: the council decides it in the UI. Writes go through the plans services, which
audit them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.documents.matching import best_match
from tryggsam.documents.selectors import forums_for_import
from tryggsam.plans.models import ActionPlan, FocusArea, PlanKind, PlanStatus
from tryggsam.plans.services import focus_area_create, focus_area_update, plan_create

if TYPE_CHECKING:
    from tryggsam.documents.saving import _Saver

FOCUS_FIELDS = (
    "goal", "purpose", "target_group", "measure", "responsible", "police_contact", "police_commitment",
    "district_contact", "district_commitment", "other_actors", "funding", "communication", "follow_up",
)  # fmt: skip
PLAN_KINDS = {
    "action_plan": PlanKind.ACTION_PLAN,
    "citizen_promise": PlanKind.CITIZEN_PROMISE,
    "agreement": PlanKind.AGREEMENT,
}
_DEFAULT_TITLES = {
    PlanKind.ACTION_PLAN: gettext_lazy("Åtgärdsplan (importerad)"),
    PlanKind.CITIZEN_PROMISE: gettext_lazy("Medborgarlöfte (importerat)"),
    PlanKind.AGREEMENT: gettext_lazy("Samverkansöverenskommelse (importerad)"),
}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def save_plan(saver: _Saver) -> ActionPlan | None:
    """The plan of the document's kind with its focus areas (or promises); a draft of the same title
    and kind owned by the same organisation is updated instead of duplicated."""
    data = saver.data
    kind = PLAN_KINDS[str(data.get("kind"))]
    areas = data.get("focus_areas") or []
    if kind == PlanKind.AGREEMENT and not areas:
        saver.result.warnings.append(
            _("Överenskommelsen sparades som dokument; inga fokusområden lästes, så ingen plan skapades.")
        )
        return None
    title = ((data.get("title") or "").strip() or str(_DEFAULT_TITLES[kind]))[:300]
    plan = ActionPlan.objects.filter(
        title=title, kind=kind, status=PlanStatus.DRAFT, owner_organisation=saver.organisation
    ).first()
    if plan is None:
        plan = plan_create(actor=saver.actor, title=title, kind=kind, **_plan_fields(saver))
        saver.link(plan)
    if not areas:
        saver.result.warnings.append(
            _("Planen ”%(title)s” sparades som utkast utan fokusområden: inga kunde läsas ur dokumentet.")
            % {"title": title}
        )
    for area in areas:
        fields: dict[str, Any] = {name: (area.get(name) or "") for name in FOCUS_FIELDS}
        for name in ("responsible", "police_contact", "district_contact"):
            fields[name] = fields[name][:300]
        fields["activities"] = list(area.get("activities") or [])
        forum_text = area.get("forum") or ""
        fields["forum_text"] = forum_text[:300]
        fields["forum"] = best_match(forum_text, forums_for_import(saver.actor)) if forum_text else None
        existing = best_match(area["name"], FocusArea.objects.filter(plan=plan))
        if existing is None:
            saver.link(focus_area_create(actor=saver.actor, plan=plan, name=area["name"][:200], **fields))
        else:
            saver.link(focus_area_update(actor=saver.actor, focus_area=existing, **fields), "updated")
    return plan


def _plan_fields(saver: _Saver) -> dict[str, Any]:
    data = saver.data
    plan_data = data.get("plan") or {}
    fields: dict[str, Any] = {
        "parties": (data.get("organisation") or "")[:300],
        "owner_organisation": saver.organisation,
    }
    valid_from, valid_to = _date(plan_data.get("valid_from")), _date(plan_data.get("valid_to"))
    if valid_from and valid_to and valid_from <= valid_to:
        fields.update(valid_from=valid_from, valid_to=valid_to)
    introduction = "\n\n".join(
        part
        for part in (
            plan_data.get("introduction") or "",
            _("Förväntad effekt: %(text)s") % {"text": plan_data["effect"]} if plan_data.get("effect") else "",
        )
        if part
    )
    if introduction:
        fields["introduction"] = introduction
    return fields


def focus_areas_not_saved(saver: _Saver) -> None:
    """A document that is not a plan may still name focus areas (minutes of a workshop, a situation
    picture's priorities): they are kept in the document, and the user is told no plan was made."""
    areas = saver.data.get("focus_areas") or []
    if areas:
        saver.result.warnings.append(
            _("Fokusområdena (%(names)s) sparades inte som plan: dokumentet är inte en plan.")
            % {"names": ", ".join(str(a.get("name")) for a in areas[:6])}
        )
