"""Guests without an account called to a meeting are kept by name (and title); when the meeting is
older than the retention period the daily purge_expired replaces the name by "Gäst" and empties the
title, with one audit row, and keeps the row: the minutes go on saying how many were there. Members,
users called as guests and newer meetings keep their names; the register of processing says so."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.meetings import services
from tryggsam.meetings.minutes import minutes_context, render_minutes
from tryggsam.meetings.models import Attendance, AttendanceStatus
from tryggsam.privacy.register import DECLARATIONS, _text, render_markdown
from tryggsam.privacy.retention import purge_expired

pytestmark = pytest.mark.django_db
# 24 months before: 2022-01-01, between the meeting (2021-10-15) and the next one (2022-04-22).
NOW = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def held(meeting, next_meeting, coordinator, chair, police_member):
    """The old meeting held, its guest present; the next one (newer than the cutoff) with a guest too."""
    for attendance in meeting.attendances.filter(user__in=[chair, police_member]) | meeting.attendances.filter(
        name="Gustav Gästberg"
    ):
        services.attendance_mark(actor=coordinator, attendance=attendance, status=AttendanceStatus.PRESENT)
    services.meeting_call(
        actor=coordinator, meeting=next_meeting, users=[chair], guests=[{"name": "Greta Grannsson", "title": "Boende"}]
    )
    return meeting


def test_purge_expired__old_meeting_guest_named_gast_newer_guest_and_members_kept(
    held, next_meeting, chair, police_member, coordinator
):
    rows_before = Attendance.objects.count()
    result = purge_expired(now=NOW)
    assert result.meeting_guests == 1
    assert Attendance.objects.count() == rows_before
    guest = held.attendances.get(is_guest=True, user=None)
    assert (guest.name, guest.title, guest.organisation_text, guest.status) == (
        "Gäst",
        "",
        "Räddningstjänsten",
        AttendanceStatus.PRESENT,
    )
    assert set(held.attendances.filter(user__in=[chair, police_member]).values_list("name", flat=True)) == {
        chair.full_name,
        police_member.full_name,
    }
    assert next_meeting.attendances.filter(name="Greta Grannsson", title="Boende").exists()
    event = AuditEvent.objects.get(object_type="meetings.attendance", object_id="*")
    assert event.action == "update" and event.changes["count"] == [None, 1]
    assert event.changes["name"] == ["…", "Gäst"]
    assert "Gustav" not in str(event.changes) + event.note + event.object_repr
    assert purge_expired(now=NOW).meeting_guests == 0
    assert AuditEvent.objects.filter(object_type="meetings.attendance", object_id="*").count() == 1


def test_purge_expired__user_called_as_guest_keeps_name(meeting, coordinator, district_admin):
    visitor = user_with_role(Role.MEMBER, district_admin)
    (row,) = services.meeting_call(actor=coordinator, meeting=meeting, users=[visitor])
    assert row.is_guest and row.user == visitor
    purge_expired(now=NOW)
    row.refresh_from_db()
    assert row.name == (visitor.full_name or visitor.email)


def test_purge_expired__minutes_still_render_with_the_same_attendance(held, coordinator):
    before = minutes_context(held, coordinator)
    purge_expired(now=NOW)
    held.refresh_from_db()
    after = minutes_context(held, coordinator)
    assert [p.name for p in before["attendees"]].count("Gustav Gästberg") == 1
    assert len(after["attendees"]) == len(before["attendees"])
    assert "Gäst" in [p.name for p in after["attendees"]]
    assert "Gustav Gästberg" not in [p.name for p in after["attendees"]]
    html = render_minutes(held, coordinator, fmt="html").decode()
    assert "Gäst" in html and "Gästberg" not in html and "Brandinspektör" not in html


def test_purge_expired__dry_run_counts_and_changes_nothing(meeting):
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "1 namn på gäster vid möten skulle gallras" in out.getvalue()
    assert meeting.attendances.filter(name="Gustav Gästberg").exists()


def test_register__declares_the_meeting_guests_retention():
    retention = _text(DECLARATIONS["meetings.Attendance"].fields["name"].retention or "")
    assert "purge_expired" in retention and "24" in retention and "Gäst" in retention
    assert "ersätts namnet med ”Gäst”" in render_markdown()


def test_meeting_page__a_purged_guest_is_shown_once_as_a_guest(client, held, coordinator):
    purge_expired(now=NOW)
    client.force_login(coordinator)
    html = client.get(f"/moten/{held.pk}/").content.decode()
    assert "Gäst</td>" in html and "Gäst <span" not in html  # not "Gäst (gäst)"
    services.meeting_call(actor=coordinator, meeting=held, guests=[{"name": "Ny Besökare", "title": ""}])
    html = client.get(f"/moten/{held.pk}/").content.decode()
    assert 'Ny Besökare <span class="muted">(gäst)</span>' in html
