"""Writes on meetings. Scheduling is for coordinators (system actor None allowed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.core.services import create_audited
from tryggsam.meetings.models import Meeting


@transaction.atomic
def meeting_schedule(
    *,
    actor: Any,
    forum: Any,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    online_link: str = "",
    chair: Any = None,
    secretary: Any = None,
) -> Meeting:
    if actor is not None and not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får planera möten."))
    return create_audited(
        model=Meeting,
        actor=actor,
        forum=forum,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        online_link=online_link,
        chair=chair,
        secretary=secretary,
        classification=forum.classification,
        owner_organisation=forum.owner_organisation,
        created_by=actor,
    )
