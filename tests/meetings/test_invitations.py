import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from tests.factories import UserFactory
from tryggsam.audit import services as audit_services
from tryggsam.meetings import services
from tryggsam.meetings.invitations import meeting_ics, meeting_invite_send
from tryggsam.meetings.models import AttendanceStatus

pytestmark = pytest.mark.django_db


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def _sending(callbacks: list) -> list:
    """The callbacks left after the rollback, but the audit layer's one for the test's own enclosing
    transaction (it holds what the setup wrote; the rolled-back block's part was dropped)."""
    return [c for c in callbacks if not isinstance(c, audit_services._Writes)]


def test_meeting_ics__one_event_with_timezone(meeting):
    calendar, event = _event(meeting_ics(meeting))
    assert str(event["UID"]) == f"meeting-{meeting.pk}@tryggsam"
    assert int(event["SEQUENCE"]) == 0
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, end.hour, start.date()) == (9, 11, dt.date(2021, 10, 15))
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["SUMMARY"]) == "Trygghetsrådet i Norrviken"
    assert str(event["LOCATION"]) == "Stadsdelshuset, rum Gläntan"
    assert str(event["URL"]).endswith(f"/moten/{meeting.pk}/")
    assert b"METHOD:REQUEST" in meeting_ics(meeting)


def test_meeting_ics__update_keeps_uid_and_raises_sequence(meeting, coordinator):
    _, before = _event(meeting_ics(meeting))
    services.meeting_update(actor=coordinator, meeting=meeting, start_time=dt.time(13), end_time=dt.time(15))
    _, after = _event(meeting_ics(meeting))
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART").hour == 13


def test_meeting_ics__new_version_keeps_uid(meeting, chair, coordinator):
    services.meeting_approve(actor=chair, meeting=meeting)
    copy = services.meeting_new_version(actor=coordinator, meeting=meeting)
    assert _event(meeting_ics(copy))[1]["UID"] == _event(meeting_ics(meeting))[1]["UID"]


def test_meeting_ics__without_time_is_all_day(council, coordinator):
    meeting = services.meeting_schedule(actor=coordinator, forum=council, date=dt.date(2022, 2, 2), location="Rummet")
    _, event = _event(meeting_ics(meeting))
    assert event.decoded("DTSTART") == dt.date(2022, 2, 2)


def test_meeting_invite_send__mail_with_ics_to_called(
    meeting, coordinator, police_member, chair, django_capture_on_commit_callbacks
):
    services.attendance_mark(
        actor=coordinator, attendance=meeting.attendances.get(user=chair), status=AttendanceStatus.EXCUSED
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert meeting_invite_send(meeting, actor=coordinator) == 2
        transaction.set_rollback(True)
    assert not _sending(callbacks) and not mail.outbox  # rolled back: no invitation leaves
    with django_capture_on_commit_callbacks(execute=True):
        sent = meeting_invite_send(meeting, actor=coordinator)
    assert sent == 2  # the police member and the secretary; the guest and the school have no address
    assert sorted(m.to[0] for m in mail.outbox) == sorted([police_member.email, coordinator.email])
    message = mail.outbox[0]
    assert "Trygghetsrådet i Norrviken" in message.subject and "Fredagen den 15 oktober 2021" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    data = content.encode() if isinstance(content, str) else content
    assert _event(data)[1]["UID"] == f"meeting-{meeting.pk}@tryggsam"


def test_ics_view__download_and_404_for_outsider(client, meeting, police_member):
    client.force_login(police_member)
    response = client.get(f"/moten/{meeting.pk}/kalender.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    _event(response.content)
    client.force_login(UserFactory())
    assert client.get(f"/moten/{meeting.pk}/kalender.ics").status_code == 404
