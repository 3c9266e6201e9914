"""Guests invited to a safety walk are kept by name only; like the other personal data, the name goes
when the walk is older than the retention period (the daily purge_expired), with one audit row. The
walk and its invited members stay; the register of processing says so."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tests.factories import SafetyWalkFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.forums.models import SafetyWalk, WalkInvitee
from tryggsam.privacy.register import DECLARATIONS, _text
from tryggsam.privacy.retention import purge_expired

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _walk(date: dt.date, member) -> SafetyWalk:
    walk = SafetyWalkFactory(date=date)
    WalkInvitee.objects.create(walk=walk, guest_name="Greta Grannsson")
    WalkInvitee.objects.create(walk=walk, user=member)
    return walk


def test_purge_expired__guests_of_old_walks_go_members_and_walks_stay(district_admin):
    member = user_with_role(Role.MEMBER, district_admin)
    old, recent = _walk(dt.date(2024, 10, 1), member), _walk(dt.date(2025, 6, 1), member)
    result = purge_expired(now=NOW)
    assert result.walk_guests == 1
    assert list(old.invitees.values_list("user", "guest_name")) == [(member.pk, "")]
    assert recent.invitees.filter(guest_name="Greta Grannsson").exists()
    assert SafetyWalk.objects.count() == 2
    event = AuditEvent.objects.get(object_type="forums.walkinvitee", object_id="*")
    assert event.action == "delete" and event.changes["count"] == [None, 1]
    assert "Greta" not in str(event.changes) + event.note
    assert purge_expired(now=NOW).walk_guests == 0


def test_purge_expired__dry_run_counts_and_changes_nothing(district_admin):
    _walk(dt.date(2020, 1, 1), user_with_role(Role.MEMBER, district_admin))
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "1 gäster på trygghetsvandringar skulle gallras" in out.getvalue()
    assert WalkInvitee.objects.filter(user__isnull=True).count() == 1


def test_register__declares_the_guest_names_retention():
    retention = _text(DECLARATIONS["forums.WalkInvitee"].fields["guest_name"].retention or "")
    assert "purge_expired" in retention and "24" in retention
