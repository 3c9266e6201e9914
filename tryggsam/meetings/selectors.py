from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.audit.services import audit_read
from tryggsam.meetings.models import Meeting


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
