"""Retention: free text and reporter identity are removed from incidents older than the retention
period (settings.TRYGGSAM_RETENTION_MONTHS, default 24). The incidents themselves stay, with their
categories, time and area, so counts and trends are unchanged. Each run records what it did."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.incidents.models import Incident

PURGED_TEXT = ""


@dataclass
class PurgeResult:
    cutoff: dt.datetime
    incidents: int


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    months = int(getattr(settings, "TRYGGSAM_RETENTION_MONTHS", 24))
    now = now or timezone.now()
    year, month = divmod(now.month - 1 - months, 12)
    day = min(now.day, 28)
    return now.replace(year=now.year + year, month=month + 1, day=day)


def expired_incidents(now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    cutoff = retention_cutoff(now)
    return Incident.objects.filter(occurred_at__lt=cutoff).filter(
        ~Q(description=PURGED_TEXT) | Q(reporter__isnull=False)
    )


def purge_expired(*, dry_run: bool = False, now: dt.datetime | None = None) -> PurgeResult:
    cutoff = retention_cutoff(now)
    qs = expired_incidents(now)
    count = qs.count()
    if dry_run or count == 0:
        return PurgeResult(cutoff=cutoff, incidents=count)
    with transaction.atomic():
        updated = qs.update(description=PURGED_TEXT, reporter=None)
        AuditEvent.objects.create(
            actor=None,
            actor_label="system",
            action=AuditAction.UPDATE,
            object_type="incidents.incident",
            object_id="*",
            object_repr=_("Gallring av händelser äldre än %(date)s") % {"date": f"{cutoff:%Y-%m-%d}"},
            changes={"description": ["…", PURGED_TEXT], "reporter": ["…", None], "count": [None, updated]},
            note=_("Fritext och rapportörens identitet borttagna enligt gallringsregeln."),
        )
    return PurgeResult(cutoff=cutoff, incidents=updated)
