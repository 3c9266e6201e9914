from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.meetings.models import Meeting


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(permissions.visible_q(user, Meeting)).select_related("forum", "chair")


def upcoming_meetings(user: Any, *, forums: Any = None, today: dt.date | None = None, limit: int = 10) -> list[Meeting]:
    """The next meetings (today onwards), optionally only of the given forums."""
    qs = meetings_visible_to(user).filter(date__gte=today or timezone.localdate())
    if forums is not None:
        qs = qs.filter(forum__in=forums)
    return list(qs.order_by("date", "start_time")[:limit])
