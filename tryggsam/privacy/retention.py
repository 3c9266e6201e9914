"""Retention: free text and reporter identity are removed from incidents older than the retention
period (settings.TRYGGSAM_RETENTION_MONTHS, default 24): the description, the reporter and the user
who created the record, the title where it carries the reporter's own words (safety-walk findings),
and the point is rounded to about 100 m so that a clicked point cannot single out a home. A
resident's e-mail address left with a tip goes some days after the tip is closed; the guests invited
to a safety walk (of whom only a name is kept) go when the walk is older than the retention period,
and so do the names of the guests without an account called to a meeting (the row stays, named
"Gäst", so the minutes still say how many were there). The incidents themselves stay, with their
categories, time and area, so counts and trends are unchanged. Each run records what it did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F, Model, Q, QuerySet
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.forums.models import WalkInvitee
from tryggsam.incidents.models import Incident, IncidentSource, TipReceipt
from tryggsam.incidents.tips import tip_email_days
from tryggsam.meetings.models import Attendance

PURGED_TEXT = ""
# Sources whose title is the reporter's own text rather than a category or place name.
FREE_TEXT_TITLE_SOURCES = (IncidentSource.SAFETY_WALK,)
COORDINATE_DECIMALS = 3  # about 110 m north-south, 55 m east-west in Stockholm
# Incidents purged per statement: well under every database's limit on variables in one statement.
PURGE_CHUNK = 5000

M = TypeVar("M", bound=Model)


@dataclass
class PurgeResult:
    cutoff: dt.datetime
    incidents: int
    tip_emails: int = 0
    walk_guests: int = 0
    meeting_guests: int = 0


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


def _purge_audited(
    qs: QuerySet[M],
    *,
    dry_run: bool,
    apply: Callable[[QuerySet[M]], int],
    action: str,
    object_repr: str,
    changes: dict[str, Any],
    note: str,
) -> int:
    """The shape of every purge of a set of rows: count what `qs` holds (all a dry run does), else
    `apply` the purge to it and record one audit row, with how many rows it touched, in the same
    transaction."""
    count = qs.count()
    if dry_run or count == 0:
        return count
    with transaction.atomic():
        done = apply(qs)
        audit_bulk(
            actor=RETENTION_SYSTEM,
            action=action,
            model=qs.model,
            object_id="*",
            object_repr=object_repr,
            changes={**changes, "count": [None, done]},
            note=note,
        )
    return done


def purge_tip_emails(*, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Remove the expired e-mail addresses of tips (see `expired_tip_emails`), with one audit row."""
    return _purge_audited(
        expired_tip_emails(now),
        dry_run=dry_run,
        apply=lambda qs: TipReceipt.objects.filter(pk__in=qs.values("pk")).update(email=""),
        action=AuditAction.UPDATE,
        object_repr=_("Gallring av e-postadresser till tipsare"),
        changes={"email": ["…", ""]},
        note=_("E-postadresser till tips som avslutats för mer än %(days)d dagar sedan borttagna.")
        % {"days": tip_email_days()},
    )


def expired_walk_guests(now: dt.datetime | None = None) -> QuerySet[WalkInvitee]:
    """The guests (invitees without an account, kept by name only) of safety walks held before the
    retention cutoff: the walk, its findings and the invited members stay."""
    return WalkInvitee.objects.filter(user__isnull=True, walk__date__lt=retention_cutoff(now).date())


def purge_walk_guests(*, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Remove the expired guests of safety walks (see `expired_walk_guests`), with one audit row."""

    def delete(qs: QuerySet[WalkInvitee]) -> int:
        removed, _by_model = WalkInvitee.objects.filter(pk__in=list(qs.values_list("pk", flat=True))).delete()
        return removed

    return _purge_audited(
        expired_walk_guests(now),
        dry_run=dry_run,
        apply=delete,
        action=AuditAction.DELETE,
        object_repr=_("Gallring av gäster på trygghetsvandringar"),
        changes={"guest_name": ["…", None]},
        note=_("Namn på gäster inbjudna till trygghetsvandringar före %(date)s borttagna enligt gallringsregeln.")
        % {"date": f"{retention_cutoff(now):%Y-%m-%d}"},
    )


def meeting_guest_placeholder() -> str:
    """What a purged guest is called in the attendance and the minutes (stored in the active language)."""
    return _("Gäst")


def expired_meeting_guests(now: dt.datetime | None = None) -> QuerySet[Attendance]:
    """The guests without an account (kept by name, perhaps with a title) called to meetings held
    before the retention cutoff, not yet purged. Members, users called as guests (their name follows
    their account) and organisations called without a person are not guests of this kind."""
    return Attendance.objects.filter(
        is_guest=True, user__isnull=True, meeting__date__lt=retention_cutoff(now).date()
    ).filter(~Q(name=meeting_guest_placeholder()) | ~Q(title=""))


def purge_meeting_guests(*, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Replace the names (and titles) of the expired guests of meetings (see `expired_meeting_guests`)
    by "Gäst", with one audit row. The row stays, with its status and organisation: the minutes said
    that N people attended and must go on saying it; deleting the row would change that count."""
    placeholder = meeting_guest_placeholder()
    return _purge_audited(
        expired_meeting_guests(now),
        dry_run=dry_run,
        apply=lambda qs: Attendance.objects.filter(pk__in=qs.values("pk")).update(name=placeholder, title=""),
        action=AuditAction.UPDATE,
        object_repr=_("Gallring av gästers namn i mötens närvaro"),
        changes={"name": ["…", placeholder], "title": ["…", ""]},
        note=_("Namn och titel på gäster vid möten före %(date)s ersatta med ”%(placeholder)s” enligt gallringsregeln.")
        % {"date": f"{retention_cutoff(now):%Y-%m-%d}", "placeholder": placeholder},
    )


def purge_expired(*, dry_run: bool = False, now: dt.datetime | None = None) -> PurgeResult:
    cutoff = retention_cutoff(now)
    tip_emails = purge_tip_emails(dry_run=dry_run, now=now)
    walk_guests = purge_walk_guests(dry_run=dry_run, now=now)
    meeting_guests = purge_meeting_guests(dry_run=dry_run, now=now)
    guests = {"walk_guests": walk_guests, "meeting_guests": meeting_guests}
    qs = expired_incidents(now)
    count = qs.count()
    if dry_run or count == 0:
        return PurgeResult(cutoff=cutoff, incidents=count, tip_emails=tip_emails, **guests)
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
    return PurgeResult(cutoff=cutoff, incidents=updated, tip_emails=tip_emails, **guests)
