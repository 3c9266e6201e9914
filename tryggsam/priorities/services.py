"""Writes of the prioritisation: the council's rhythm, its draft priority lists and the decision that
freezes one. Each write checks the policy, validates, saves and writes its audit rows in one
transaction. A list is decided in a meeting of the council through meetings.agenda
(`decision_decide_priorities`), which calls `priority_list_decide` with the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, person_of
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.errors import InvalidTransitionError, ServiceError, require
from tryggsam.core.models import Classification
from tryggsam.forums.models import Forum
from tryggsam.places.models import Area
from tryggsam.priorities import selectors
from tryggsam.priorities.models import PriorityEntry, PriorityList, PrioritySettings, PriorityStatus
from tryggsam.priorities.periods import Period, Rhythm
from tryggsam.priorities.table import council_areas

MAX_ENTRIES = 20
SUGGESTED_ENTRIES = 5  # a new list starts from the suggested ranking's first areas that scored


def _require_draft_rights(actor: Actor, council: Forum) -> None:
    require(permissions.can_draft_priorities(actor, council), _("Du får inte ändra rådets prioriteringar."))


@transaction.atomic
def priority_settings_set(*, actor: Actor, council: Forum, rhythm: str) -> PrioritySettings:
    """Choose the council's rhythm (tertial or quarter); lists already made keep their own."""
    _require_draft_rights(actor, council)
    if rhythm not in Rhythm.values:
        raise ServiceError(_("Välj tertial eller kvartal."))
    existing = PrioritySettings.objects.filter(council=council).first()
    if existing is None:
        return create_audited(model=PrioritySettings, actor=actor, council=council, rhythm=rhythm)
    if existing.rhythm == rhythm:
        return existing
    return update_audited(obj=existing, actor=actor, fields={"rhythm": rhythm})


def _clean_entries(council: Forum, entries: Sequence[tuple[Area, str]]) -> list[tuple[Area, str]]:
    allowed = {a.pk for a in council_areas(council)}
    seen: set[int] = set()
    for area, _justification in entries:
        if area.pk not in allowed:
            raise ServiceError(_("Området %(area)s hör inte till rådets områden.") % {"area": area.name})
        if area.pk in seen:
            raise ServiceError(_("Området %(area)s står två gånger i listan.") % {"area": area.name})
        seen.add(area.pk)
    if len(entries) > MAX_ENTRIES:
        raise ServiceError(_("En lista får ha högst %(n)s områden.") % {"n": MAX_ENTRIES})
    return [(area, (justification or "").strip()) for area, justification in entries]


def _write_entries(actor: Actor, priority_list: PriorityList, entries: list[tuple[Area, str]]) -> None:
    for entry in priority_list.entries.all():
        audit_delete(actor=actor, obj=entry)
        entry.delete()
    for position, (area, justification) in enumerate(entries, start=1):
        create_audited(
            model=PriorityEntry,
            actor=actor,
            priority_list=priority_list,
            area=area,
            position=position,
            justification=justification,
        )


@transaction.atomic
def priority_list_create(
    *,
    actor: Actor,
    council: Forum,
    period: Period,
    entries: Sequence[tuple[Area, str]] | None = None,
    classification: str = Classification.INTERNAL,
    today: dt.date | None = None,
) -> PriorityList:
    """A draft list of the council for an ended period of its rhythm. Without `entries` it starts from
    the suggested ranking (read as the actor): the first areas that scored points, each with its
    reasons as the justification, for the council to change."""
    _require_draft_rights(actor, council)
    if period.rhythm != selectors.rhythm_of(council):
        raise ServiceError(_("Perioden hör inte till rådets rytm (tertial eller kvartal)."))
    if period.end >= (today or timezone.localdate()):
        raise ServiceError(_("Perioden har inte tagit slut än; prioritera på en avslutad period."))
    if entries is None:
        table = selectors.priority_table(actor, council, period)
        by_pk = {a.pk: a for a in council_areas(council)}
        ranked = sorted((r for r in table.rows if r.score > 0), key=lambda r: r.suggested_rank)
        entries = [(by_pk[r.area_id], "; ".join(r.reasons or [])) for r in ranked[:SUGGESTED_ENTRIES]]
    cleaned = _clean_entries(council, entries)
    priority_list = create_audited(
        model=PriorityList,
        actor=actor,
        council=council,
        rhythm=period.rhythm,
        year=period.year,
        number=period.number,
        classification=classification,
        owner_organisation=council.owner_organisation,
        created_by=person_of(actor),
    )
    _write_entries(actor, priority_list, cleaned)
    return priority_list


def _require_draft(priority_list: PriorityList) -> None:
    if priority_list.is_frozen:
        raise InvalidTransitionError(_("Listan är beslutad och kan inte ändras."))


@transaction.atomic
def priority_list_set_entries(
    *, actor: Actor, priority_list: PriorityList, entries: Sequence[tuple[Area, str]]
) -> PriorityList:
    """Replace the draft list's areas (in this order, each with its justification)."""
    priority_list = PriorityList.objects.select_for_update().get(pk=priority_list.pk)
    _require_draft(priority_list)
    require(permissions.can_edit_priority_list(actor, priority_list), _("Du får inte ändra den här listan."))
    _write_entries(actor, priority_list, _clean_entries(priority_list.council, entries))
    return priority_list


@transaction.atomic
def priority_list_decide(
    *, actor: Actor, priority_list: PriorityList, decided_on: dt.date, meeting: Any
) -> PriorityList:
    """Record that the council decided the list in `meeting` (a meeting of the council): it is frozen
    from now on and names the meeting. Called by the meeting's decision (meetings.agenda), in its
    transaction; refused for a list without areas or when the period already has a decided list."""
    priority_list = PriorityList.objects.select_for_update().get(pk=priority_list.pk)
    _require_draft(priority_list)
    require(
        meeting is not None and permissions.can_decide_priorities_in_meeting(actor, meeting, priority_list),
        _("Du kan inte besluta den här listan i det här mötet."),
    )
    if not priority_list.entries.exists():
        raise ServiceError(_("En lista utan områden kan inte beslutas."))
    others = PriorityList.objects.filter(
        council=priority_list.council_id,
        rhythm=priority_list.rhythm,
        year=priority_list.year,
        number=priority_list.number,
        status=PriorityStatus.DECIDED,
    )
    if others.exists():
        raise ServiceError(_("Rådet har redan beslutat prioriteringar för den här perioden."))
    return update_audited(
        obj=priority_list,
        actor=actor,
        fields={"status": PriorityStatus.DECIDED, "decided_on": decided_on, "decided_at_meeting": meeting},
        action=AuditAction.STATUS,
    )


@transaction.atomic
def priority_list_delete(*, actor: Actor, priority_list: PriorityList) -> None:
    """Remove a draft list (a decided one is a record of the council's decision and stays)."""
    _require_draft(priority_list)
    require(permissions.can_edit_priority_list(actor, priority_list), _("Du får inte ändra den här listan."))
    for entry in priority_list.entries.all():
        audit_delete(actor=actor, obj=entry)
        entry.delete()
    audit_delete(actor=actor, obj=priority_list)
    priority_list.delete()
