"""Calendar invitations: one VEVENT per meeting with a stable UID (the same for every version of
the minutes) and SEQUENCE from `Meeting.sequence`, so calendars update the event instead of adding a
new one; and the invitation e-mail with the .ics attached, through Django's e-mail backend."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.services import audit_record
from tryggsam.core.mail import send_after_commit
from tryggsam.core.text import strip_control_characters
from tryggsam.meetings.minutes.swedish import full_when
from tryggsam.meetings.models import AttendanceStatus, Meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_LENGTH = dt.timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.first_version_pk}@tryggsam"


def meeting_url(meeting: Meeting) -> str:
    base = getattr(settings, "TRYGGSAM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + reverse("meetings:detail", args=[meeting.pk])


def meeting_ics(meeting: Meeting) -> bytes:
    """The meeting as an iCalendar file (METHOD:REQUEST) with its VTIMEZONE for Europe/Stockholm.
    A meeting without a start time is an all-day event."""
    from icalendar import Calendar, Event  # heavy (80 modules): loaded when an invitation is made

    with translation.override("sv"):
        calendar = Calendar()
        calendar.add("prodid", "-//TryggSam//Möten//SV")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "REQUEST")
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now().astimezone(dt.UTC))
        if meeting.start_time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=STOCKHOLM)
            end = (
                dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=STOCKHOLM)
                if meeting.end_time
                else start + DEFAULT_LENGTH
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        event.add("summary", strip_control_characters(str(meeting.forum)))
        location = meeting.location or meeting.online_link
        if location:
            event.add("location", strip_control_characters(location))
        event.add("url", meeting_url(meeting))
        description = [full_when(meeting.date, meeting.start_time, meeting.end_time)]
        if meeting.online_link:
            description.append(_("Länk: %(url)s") % {"url": meeting.online_link})
        event.add("description", strip_control_characters("\n".join(description)))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
        calendar.add_missing_timezones()
        return bytes(calendar.to_ical())


@transaction.atomic
def meeting_invite_send(meeting: Meeting, *, actor: Actor | None = None) -> int:
    """E-mail every called attendee who has an address (one message each) with the .ics attached,
    after the commit, and note it in the audit trail. Returns the number of messages."""
    recipients = sorted(
        {
            a.user.email
            for a in meeting.attendances.select_related("user").exclude(status=AttendanceStatus.EXCUSED)
            if a.user is not None and a.user.email and a.user.is_active
        }
    )
    if not recipients:
        return 0
    ics = meeting_ics(meeting)
    with translation.override("sv"):
        when = full_when(meeting.date, meeting.start_time, meeting.end_time)
        subject = _("Kallelse: %(forum)s %(when)s") % {"forum": meeting.forum, "when": when}
        lines = [
            _("Du är kallad till %(forum)s.") % {"forum": meeting.forum},
            "",
            _("Tidpunkt: %(when)s") % {"when": when},
            _("Plats: %(place)s") % {"place": meeting.location or meeting.online_link or "–"},
            "",
            _("Mötet i TryggSam: %(url)s") % {"url": meeting_url(meeting)},
            _("Kalenderinbjudan bifogas."),
        ]
        body = "\n".join(lines)
    messages = []
    for address in recipients:
        message = EmailMessage(subject=subject, body=body, to=[address])
        message.attach("mote.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
        messages.append(message)
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        note=_("Kallelse skickad till %(n)s personer.") % {"n": len(messages)},
    )
    send_after_commit(messages)
    return len(messages)
