"""Follow-ups of decided plans and citizen promises: at each follow-up (usually twice a year) the
coordinator records, per promise or per activity of it, what was done and whether it was done.

A decided plan stays frozen: a follow-up changes nothing in it, it is a dated record beside it. Every
follow-up and each of its rows is audited in the same transaction."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, person_of
from tryggsam.audit.services import audit_create, audit_delete, audit_update, snapshot
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.plans.models import ActionPlan, FocusArea, FollowUpStatus, PlanFollowUp, PlanFollowUpEntry

FOLLOW_UP_MONTHS = 6  # "usually twice a year"


@dataclass(frozen=True)
class EntryInput:
    focus_area: FocusArea
    activity: str
    status: str
    text: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def suggest_next_follow_up(plan: ActionPlan, *, last: dt.date | None = None) -> dt.date | None:
    """The next follow-up date: every six months from the start of the period (or the decision), the
    first such date after the last follow-up; the end of the period as the last one; None after it
    or for a draft. A date in the past means the follow-up is overdue."""
    if not plan.is_frozen:
        return None
    anchor = plan.valid_from or plan.decided_on
    if anchor is None:
        return None
    if last is None:
        last = plan.follow_ups.order_by("-date").values_list("date", flat=True).first()
    step = 1
    candidate = add_months(anchor, FOLLOW_UP_MONTHS)
    while last is not None and candidate <= last:
        step += 1
        candidate = add_months(anchor, FOLLOW_UP_MONTHS * step)
    if plan.valid_to and candidate > plan.valid_to:
        return plan.valid_to if last is None or last < plan.valid_to else None
    return candidate


def _check_entries(plan: ActionPlan, entries: list[EntryInput]) -> None:
    if not entries:
        raise ServiceError(_("Ange status för minst ett löfte eller en aktivitet."))
    seen: set[tuple[int, str]] = set()
    for entry in entries:
        if entry.focus_area.plan_id != plan.pk:
            raise ServiceError(_("%(name)s hör inte till den här planen.") % {"name": entry.focus_area})
        if entry.activity and entry.activity not in (entry.focus_area.activities or []):
            raise ServiceError(
                _("”%(a)s” är inte en aktivitet i %(name)s.") % {"a": entry.activity[:80], "name": entry.focus_area}
            )
        if entry.status not in FollowUpStatus.values:
            raise ServiceError(_("Okänd status: %(s)s") % {"s": entry.status})
        key = (entry.focus_area.pk, entry.activity)
        if key in seen:
            raise ServiceError(_("Samma löfte eller aktivitet finns två gånger i uppföljningen."))
        seen.add(key)


def _check_date(plan: ActionPlan, date: dt.date, *, today: dt.date | None, other_than: int | None = None) -> None:
    if date > (today or timezone.localdate()):
        raise ServiceError(_("En uppföljning kan inte ha ett datum i framtiden."))
    if plan.decided_on and date < plan.decided_on:
        raise ServiceError(_("En uppföljning kan inte vara före beslutet (%(d)s).") % {"d": plan.decided_on})
    clash = plan.follow_ups.filter(date=date)
    if other_than is not None:
        clash = clash.exclude(pk=other_than)
    if clash.exists():
        raise ServiceError(_("Det finns redan en uppföljning %(d)s av planen.") % {"d": date})


@transaction.atomic
def follow_up_record(
    *,
    actor: Actor,
    plan: ActionPlan,
    date: dt.date,
    entries: Iterable[EntryInput],
    summary: str = "",
    today: dt.date | None = None,
) -> PlanFollowUp:
    """Record a follow-up of a decided plan with one row per promise or activity followed up."""
    if not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får registrera uppföljningar."))
    if not plan.is_frozen:
        raise InvalidTransitionError(_("En plan följs upp när den är beslutad; den här är ett utkast."))
    _check_date(plan, date, today=today)
    rows = list(entries)
    _check_entries(plan, rows)
    follow_up = create_audited(
        model=PlanFollowUp, actor=actor, plan=plan, date=date, summary=summary.strip(), recorded_by=person_of(actor)
    )
    for row in rows:
        create_audited(
            model=PlanFollowUpEntry,
            actor=actor,
            follow_up=follow_up,
            focus_area=row.focus_area,
            activity=row.activity,
            status=row.status,
            text=row.text.strip(),
        )
    return follow_up


@transaction.atomic
def follow_up_correct(
    *,
    actor: Actor,
    follow_up: PlanFollowUp,
    date: dt.date,
    entries: Iterable[EntryInput],
    reason: str,
    summary: str = "",
    today: dt.date | None = None,
) -> PlanFollowUp:
    """Correct a recorded follow-up: its date, summary and rows become exactly these. Follow-ups come
    after the decision, so a decided plan's follow-ups stay correctable while its promises stay frozen
    (nothing here touches the plan or its promises). A reason is required; every changed, added and
    removed row is audited with its old and new values and the reason as the audit row's note."""
    if not permissions.can_correct_plan_follow_up(actor, follow_up):
        raise PermissionDeniedError(_("Bara planens samordnare får rätta uppföljningar."))
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Skriv varför uppföljningen rättas."))
    follow_up = PlanFollowUp.objects.select_for_update().select_related("plan").get(pk=follow_up.pk)
    plan = follow_up.plan
    _check_date(plan, date, today=today, other_than=follow_up.pk)
    rows = list(entries)
    _check_entries(plan, rows)
    note = reason[:500]
    before = snapshot(follow_up)
    follow_up.date = date
    follow_up.summary = summary.strip()
    follow_up.full_clean()
    follow_up.save()
    audit_update(actor=actor, obj=follow_up, before=before, note=note)
    existing = {(e.focus_area_id, e.activity): e for e in follow_up.entries.all()}
    wanted = {(row.focus_area.pk, row.activity): row for row in rows}
    for key, entry in existing.items():
        if key not in wanted:
            audit_delete(actor=actor, obj=entry, note=note)
            entry.delete()
    for key, row in wanted.items():
        entry = existing.get(key) or PlanFollowUpEntry(
            follow_up=follow_up, focus_area=row.focus_area, activity=row.activity
        )
        is_new = entry.pk is None
        before = {} if is_new else snapshot(entry)
        entry.status = row.status
        entry.text = row.text.strip()
        entry.full_clean()
        entry.save()
        if is_new:
            audit_create(actor=actor, obj=entry, note=note)
        else:
            audit_update(actor=actor, obj=entry, before=before, note=note)
    return follow_up
