"""Retention: free text and reporter identity are removed from incidents older than the retention
period (settings.TRYGGSAM_RETENTION_MONTHS, default 24): the description, the reporter and the user
who created the record, the title where it carries the reporter's own words (safety-walk findings),
and the point is rounded to about 100 m so that a clicked point cannot single out a home. A
resident's e-mail address left with a tip goes some days after the tip is closed; the guests invited
to a safety walk (of whom only a name is kept) go when the walk is older than the retention period. The
incidents themselves stay, with their categories, time and area, so counts and trends are unchanged.
Each run records what it did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.forums.models import WalkInvitee
from tryggsam.incidents.models import Incident, IncidentSource, TipReceipt
from tryggsam.incidents.tips import tip_email_days

PURGED_TEXT = ""
# Sources whose title is the reporter's own text rather than a category or place name.
FREE_TEXT_TITLE_SOURCES = (IncidentSource.SAFETY_WALK,)
COORDINATE_DECIMALS = 3  # about 110 m north-south, 55 m east-west in Stockholm
# Incidents purged per statement: well under every database's limit on variables in one statement.
PURGE_CHUNK = 5000


@dataclass
class PurgeResult:
    cutoff: dt.datetime
    incidents: int
    tip_emails: int = 0
    walk_guests: int = 0


RETENTION_SYSTEM = SystemActor(purpose="purge_expired (gallring)", reads=SystemScope.ALL)
"""The scheduled purge is the system keeping the data: it reads every incident, whatever its
classification, and its audit row names it."""


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    months = int(getattr(settings, "TRYGGSAM_RETENTION_MONTHS", 24))
    now = now or timezone.now()
    year, month = divmod(now.month - 1 - months, 12)
    day = min(now.day, 28)
    return now.replace(year=now.year + year, month=month + 1, day=day)


def expired_incidents(now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    cutoff = retention_cutoff(now)
    return Incident.objects.filter(occurred_at__lt=cutoff).filter(
        ~Q(description=PURGED_TEXT)
        | Q(reporter__isnull=False)
        | Q(created_by__isnull=False)
        | (Q(source__in=FREE_TEXT_TITLE_SOURCES) & ~Q(title=PURGED_TEXT))
    )


def _chunks_of_pks(qs: QuerySet[Incident]) -> Iterator[list[int]]:
    """The primary keys of `qs` in ascending chunks of at most PURGE_CHUNK, read one chunk at a time
    (keyset pagination), so that no statement carries more variables than the database allows
    (SQLite: 250 000 on Debian 12) and memory stays bounded however many incidents expire."""
    last = 0
    while True:
        ids = list(qs.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:PURGE_CHUNK])
        if not ids:
            return
        yield ids
        last = ids[-1]


def expired_tip_emails(now: dt.datetime | None = None) -> QuerySet[TipReceipt]:
    """Residents' e-mail addresses no longer needed: the tip was closed more than
    `TRYGGSAM_TIP_EMAIL_DAYS` ago, or it is older than the retention period however it stands."""
    now = now or timezone.now()
    closed_before = now - dt.timedelta(days=tip_email_days())
    return TipReceipt.objects.exclude(email="").filter(
        Q(closed_at__lt=closed_before) | Q(incident__occurred_at__lt=retention_cutoff(now))
    )


def purge_tip_emails(*, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Remove the expired e-mail addresses of tips (see `expired_tip_emails`), with one audit row."""
    qs = expired_tip_emails(now)
    count = qs.count()
    if dry_run or count == 0:
        return count
    with transaction.atomic():
        updated = TipReceipt.objects.filter(pk__in=qs.values("pk")).update(email="")
        audit_bulk(
            actor=RETENTION_SYSTEM,
            action=AuditAction.UPDATE,
            model=TipReceipt,
            object_id="*",
            object_repr=_("Gallring av e-postadresser till tipsare"),
            changes={"email": ["…", ""], "count": [None, updated]},
            note=_("E-postadresser till tips som avslutats för mer än %(days)d dagar sedan borttagna.")
            % {"days": tip_email_days()},
        )
    return updated


def expired_walk_guests(now: dt.datetime | None = None) -> QuerySet[WalkInvitee]:
    """The guests (invitees without an account, kept by name only) of safety walks held before the
    retention cutoff: the walk, its findings and the invited members stay."""
    return WalkInvitee.objects.filter(user__isnull=True, walk__date__lt=retention_cutoff(now).date())


def purge_walk_guests(*, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Remove the expired guests of safety walks (see `expired_walk_guests`), with one audit row."""
    qs = expired_walk_guests(now)
    count = qs.count()
    if dry_run or count == 0:
        return count
    with transaction.atomic():
        removed, _by_model = WalkInvitee.objects.filter(pk__in=list(qs.values_list("pk", flat=True))).delete()
        audit_bulk(
            actor=RETENTION_SYSTEM,
            action=AuditAction.DELETE,
            model=WalkInvitee,
            object_id="*",
            object_repr=_("Gallring av gäster på trygghetsvandringar"),
            changes={"guest_name": ["…", None], "count": [None, removed]},
            note=_("Namn på gäster inbjudna till trygghetsvandringar före %(date)s borttagna enligt gallringsregeln.")
            % {"date": f"{retention_cutoff(now):%Y-%m-%d}"},
        )
    return removed


def purge_expired(*, dry_run: bool = False, now: dt.datetime | None = None) -> PurgeResult:
    cutoff = retention_cutoff(now)
    tip_emails = purge_tip_emails(dry_run=dry_run, now=now)
    walk_guests = purge_walk_guests(dry_run=dry_run, now=now)
    qs = expired_incidents(now)
    count = qs.count()
    if dry_run or count == 0:
        return PurgeResult(cutoff=cutoff, incidents=count, tip_emails=tip_emails, walk_guests=walk_guests)
    with transaction.atomic():
        updated = 0
        for ids in _chunks_of_pks(qs):
            targets = Incident.objects.filter(pk__in=ids)
            updated += targets.update(
                description=PURGED_TEXT,
                reporter=None,
                created_by=None,
                lat=Round(F("lat"), COORDINATE_DECIMALS),
                lon=Round(F("lon"), COORDINATE_DECIMALS),
            )
            targets.filter(source__in=FREE_TEXT_TITLE_SOURCES).update(title=PURGED_TEXT)
        audit_bulk(
            actor=RETENTION_SYSTEM,
            action=AuditAction.UPDATE,
            model=Incident,
            object_id="*",
            object_repr=_("Gallring av händelser äldre än %(date)s") % {"date": f"{cutoff:%Y-%m-%d}"},
            changes={
                "description": ["…", PURGED_TEXT],
                "reporter": ["…", None],
                "created_by": ["…", None],
                "title": ["…", PURGED_TEXT],
                "lat_lon": ["…", f"{COORDINATE_DECIMALS} decimaler"],
                "count": [None, updated],
            },
            note=_(
                "Fritext, rapportörens identitet och exakt punkt borttagna enligt gallringsregeln "
                "(titeln för trygghetsvandringars fynd)."
            ),
        )
    return PurgeResult(cutoff=cutoff, incidents=updated, tip_emails=tip_emails, walk_guests=walk_guests)
