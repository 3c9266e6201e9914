"""Writes on meetings: scheduling, calling, attendance, approval and versions. Every service checks
the policy, validates, saves and writes its audit rows in one transaction. The agenda and the
decisions live in `agenda.py` (re-exported here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person, person_of
from tryggsam.accounts.models import Organisation
from tryggsam.audit.services import audit_create
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.errors import ServiceError, require
from tryggsam.forums.models import ForumMember
from tryggsam.meetings.agenda import require_run
from tryggsam.meetings.models import Attendance, AttendanceStatus, Meeting, MinutesStatus

# Changing these moves the event in people's calendars: the iCalendar SEQUENCE is raised.
CALENDAR_FIELDS = ("date", "start_time", "end_time", "location", "online_link")
MEETING_EDITABLE_FIELDS = {*CALENDAR_FIELDS, "chair", "secretary", "classification"}
M = TypeVar("M", bound=models.Model)


@transaction.atomic
def meeting_schedule(
    *,
    actor: Actor,
    forum: Any,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    online_link: str = "",
    chair: Any = None,
    secretary: Any = None,
) -> Meeting:
    require(permissions.can_manage_collaboration(actor), _("Bara samordnare får planera möten."))
    return create_audited(
        model=Meeting,
        actor=actor,
        forum=forum,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location.strip(),
        online_link=online_link.strip(),
        chair=chair,
        secretary=secretary,
        classification=forum.classification,
        owner_organisation=forum.owner_organisation,
        created_by=person_of(actor),
    )


@transaction.atomic
def meeting_update(*, actor: Actor, meeting: Meeting, **fields: Any) -> Meeting:
    """Change when, where or who; a change of date, time or place raises the calendar sequence."""
    unknown = set(fields) - MEETING_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    require(permissions.can_change_meeting(actor, meeting), _("Bara samordnare får ändra mötet."))
    meeting.ensure_editable()
    moved = any(
        name in fields and getattr(meeting, name) != value for name, value in fields.items() if name in CALENDAR_FIELDS
    )
    if moved:
        fields["sequence"] = meeting.sequence + 1
    updated = update_audited(obj=meeting, actor=actor, fields=fields)
    _tighten_items(actor=actor, meeting=updated)
    return updated


def _tighten_items(*, actor: Actor, meeting: Meeting) -> None:
    """A meeting made stricter takes its items along: an item that was open because the meeting was
    must not stay in the public version. (Opening a meeting leaves its items as they are.)"""
    for item in meeting.items.all():
        tighter = permissions.strictest_classification(item.classification, meeting.classification)
        if tighter != item.classification:
            update_audited(obj=item, actor=actor, fields={"classification": tighter})


def _organisation_of(user: Person) -> Organisation | None:
    membership = user.memberships.select_related("organisation").order_by("id").first()
    return membership.organisation if membership else None


def _next_position(meeting: Meeting) -> int:
    return (meeting.attendances.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def meeting_call(
    *,
    actor: Person,
    meeting: Meeting,
    users: Iterable[Person] | None = None,
    guests: Iterable[Mapping[str, str]] = (),
) -> list[Attendance]:
    """Call people to the meeting. `users=None` calls every member of the forum (also members known
    only as an organisation); given users who are not forum members are called as guests; `guests`
    are people without an account: {"name", "title", "organisation_text"}. Already called users are
    skipped, so calling twice adds nobody twice."""
    require_run(actor, meeting)
    meeting.ensure_editable()
    members = list(meeting.forum.members.select_related("user", "organisation").order_by("role", "id"))
    by_user = {m.user_id: m for m in members if m.user_id}
    already = set(meeting.attendances.exclude(user=None).values_list("user_id", flat=True))
    rows: list[dict[str, Any]] = []
    if users is None:
        for member in members:
            if (
                member.user_id is None
                and not meeting.attendances.filter(user=None, organisation=member.organisation, is_guest=False).exists()
            ):
                rows.append({"name": str(member.organisation), "organisation": member.organisation})
            elif member.user is not None and member.user_id not in already:
                rows.append(_row_for_user(member.user, member))
    else:
        for user in users:
            if user.pk not in already:
                found = by_user.get(user.pk)
                rows.append({**_row_for_user(user, found), "is_guest": found is None})
                already.add(user.pk)
    for guest in guests:
        name = (guest.get("name") or "").strip()
        if not name:
            raise ServiceError(_("En gäst måste ha ett namn."))
        rows.append(
            {
                "name": name,
                "title": (guest.get("title") or "").strip(),
                "organisation_text": (guest.get("organisation_text") or "").strip(),
                "is_guest": True,
            }
        )
    created = []
    position = _next_position(meeting)
    for row in rows:
        created.append(
            create_audited(
                model=Attendance,
                actor=actor,
                meeting=meeting,
                status=AttendanceStatus.CALLED,
                position=position,
                **row,
            )
        )
        position += 1
    return created


def _row_for_user(user: Person, member: ForumMember | None) -> dict[str, Any]:
    organisation = (member.organisation if member else None) or _organisation_of(user)
    title = (member.title if member else "") or user.title
    return {"user": user, "name": user.full_name or user.email, "title": title, "organisation": organisation}


@transaction.atomic
def attendance_mark(*, actor: Person, attendance: Attendance, status: str) -> Attendance:
    require_run(actor, attendance.meeting)
    attendance.meeting.ensure_editable()
    if status not in AttendanceStatus.values:
        raise ServiceError(_("Okänd närvarostatus."))
    return update_audited(obj=attendance, actor=actor, fields={"status": status})


@transaction.atomic
def meeting_approve(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Approve (justera) the minutes. From now on the services refuse every change to them."""
    require(
        permissions.can_approve_minutes(actor, meeting),
        _("Bara ordföranden eller en samordnare får justera protokollet."),
    )
    meeting.ensure_editable()
    return update_audited(
        obj=meeting,
        actor=actor,
        fields={"status": MinutesStatus.APPROVED, "approved_at": timezone.now(), "approved_by": person_of(actor)},
        action="status",
    )


@transaction.atomic
def meeting_new_version(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Copy approved minutes as the next version, a draft: attendance, items, notes and decisions.
    The decisions' measures are referred to, not created or changed again. Every copied row is
    audited as created (one row each, naming its original), like a row made by hand: each copy is
    edited on its own afterwards, and its history must start with where it came from."""
    require(permissions.can_change_meeting(actor, meeting), _("Bara samordnare får skapa en ny version."))
    if not meeting.is_approved:
        raise ServiceError(_("Bara ett justerat protokoll kan få en ny version."))
    if meeting.next_versions.exists():
        raise ServiceError(_("Det finns redan en nyare version av protokollet."))
    copy = create_audited(
        model=Meeting,
        actor=actor,
        m2m={"shared_with": list(meeting.shared_with.all())},
        **{
            name: getattr(meeting, name)
            for name in (
                "forum",
                "date",
                "start_time",
                "end_time",
                "location",
                "online_link",
                "chair",
                "secretary",
                "classification",
                "owner_organisation",
                "sequence",
            )
        },
        version=meeting.version + 1,
        previous_version=meeting,
        created_by=person_of(actor),
    )
    for attendance in meeting.attendances.all():
        _copy_of(
            attendance,
            actor=actor,
            meeting=copy,
            **{
                f: getattr(attendance, f)
                for f in (
                    "user",
                    "name",
                    "title",
                    "organisation",
                    "organisation_text",
                    "status",
                    "is_guest",
                    "position",
                )
            },
        )
    for item in meeting.items.prefetch_related("decisions"):
        new_item = _copy_of(
            item,
            actor=actor,
            meeting=copy,
            **{
                f: getattr(item, f)
                for f in (
                    "position",
                    "depth",
                    "number",
                    "heading",
                    "notes",
                    "classification",
                    "partnership",
                    "problem",
                    "measure",
                )
            },
            focus_area=item.focus_area,
        )
        for decision in item.decisions.all():
            _copy_of(
                decision,
                actor=actor,
                item=new_item,
                text=decision.text,
                created_measure=decision.created_measure,
                changed_measure=decision.changed_measure,
                follow_up_date=decision.follow_up_date,
                decided_plan=decision.decided_plan,
            )
    return copy


def _copy_of(original: M, *, actor: Actor, **values: Any) -> M:
    """A copy of `original` with `values`, audited as created from it."""
    copy = type(original)._default_manager.create(**values)
    audit_create(actor=actor, obj=copy, note=_("Kopia av post %(id)s i föregående version") % {"id": original.pk})
    return copy


from tryggsam.meetings.agenda import (  # noqa: E402
    agenda_from_template,
    decision_decide_plan,
    decision_decide_priorities,
    decision_record,
    item_add,
    item_move,
    item_update_notes,
)

__all__ = [
    "agenda_from_template",
    "attendance_mark",
    "decision_decide_plan",
    "decision_decide_priorities",
    "decision_record",
    "item_add",
    "item_move",
    "item_update_notes",
    "meeting_approve",
    "meeting_call",
    "meeting_new_version",
    "meeting_schedule",
    "meeting_update",
]
