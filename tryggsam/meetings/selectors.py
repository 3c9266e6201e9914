from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.audit.services import audit_read
from tryggsam.casework.models import Measure
from tryggsam.meetings.models import AgendaItem, Decision, Meeting


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    """Every meeting (every version of its minutes) the user may read."""
    return Meeting.objects.filter(permissions.visible_q(user, Meeting)).select_related("forum", "chair")


def current_meetings(user: Any) -> QuerySet[Meeting]:
    """Visible meetings, each only in its latest version."""
    return meetings_visible_to(user).filter(next_versions__isnull=True)


def meeting_for(user: Any, pk: int) -> Meeting:
    """One meeting, or 404 if it does not exist or the user may not see it."""
    meeting = meetings_visible_to(user).select_related("secretary", "approved_by").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    audit_read(user=user, obj=meeting)  # reads of restricted records are logged
    return meeting


def upcoming_meetings(user: Any, *, forums: Any = None, today: dt.date | None = None, limit: int = 10) -> list[Meeting]:
    """The next meetings (today onwards), optionally only of the given forums."""
    qs = current_meetings(user).filter(date__gte=today or timezone.localdate())
    if forums is not None:
        qs = qs.filter(forum__in=forums)
    return list(qs.order_by("date", "start_time")[:limit])


def past_meetings(user: Any, *, today: dt.date | None = None, limit: int = 50) -> list[Meeting]:
    qs = current_meetings(user).filter(date__lt=today or timezone.localdate())
    return list(qs.order_by("-date", "-start_time")[:limit])


@dataclass(frozen=True)
class ShownDecision:
    """A decision as a reader may see it: plain values, and the measures only when readable."""

    text: str
    follow_up_date: dt.date | None
    created_measure: Measure | None
    changed_measure: Measure | None


@dataclass
class AgendaRow:
    item: AgendaItem
    decisions: list[ShownDecision] = field(default_factory=list)
    hidden_decisions: int = 0


@dataclass
class Agenda:
    rows: list[AgendaRow]
    hidden_items: int  # items the reader may not see (the public version: items that are not open)


def agenda_for(user: Any, meeting: Meeting, *, public: bool = False) -> Agenda:
    """The agenda items and decisions of a meeting that `user` may read: the one way the meeting
    page and the minutes (HTML, PDF, DOCX, public and published) get them. `public=True` is the
    public version: only open items, read as an anonymous visitor, whoever asks. A decision that
    created or changed a measure the reader may not read is counted, not shown."""
    reader = AnonymousUser() if public else user
    items = meeting.items.select_related(
        "meeting", "partnership", "problem", "measure", "focus_area__plan"
    ).prefetch_related("decisions__created_measure", "decisions__changed_measure")
    rows, hidden = [], 0
    for item in items:
        item.meeting = meeting  # one meeting object, so its sharing is read once
        readable = permissions.in_public_minutes if public else (lambda i: permissions.can_view_agenda_item(reader, i))
        if not readable(item):
            hidden += 1
            continue
        row = AgendaRow(item=item)
        for decision in item.decisions.all():
            if permissions.can_view_decided_measures(reader, decision):
                row.decisions.append(_shown(decision))
            else:
                row.hidden_decisions += 1
        rows.append(row)
    return Agenda(rows=rows, hidden_items=hidden)


def _shown(decision: Decision) -> ShownDecision:
    return ShownDecision(
        text=decision.text,
        follow_up_date=decision.follow_up_date,
        created_measure=decision.created_measure,
        changed_measure=decision.changed_measure,
    )
