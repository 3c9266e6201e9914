"""A council meeting the demo has already held, run the way the coordinator runs one in the meeting
page, through the meetings services with her as the actor: scheduled, members and a guest called,
attendance marked, the standard agenda from the template, notes under the items and decisions linked
to the Liljeholmen work table (a follow-up noted, a new measure decided). The council's priority list
is decided under its situation item afterwards (demo.priorities, which looks for a held meeting whose
minutes are still open), and then the chair approves the minutes (`approve_held_meeting`). The
Liljeholmen place partnership has held a meeting too, with items on rows of its work table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tryggsam.casework.models import Problem
from tryggsam.core.holidays import working_day_on_or_before
from tryggsam.demo.data import held_meeting as data
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import AgendaItem, AttendanceStatus, Meeting
from tryggsam.meetings.services import (
    agenda_from_template,
    attendance_mark,
    decision_record,
    item_add,
    item_update_notes,
    meeting_approve,
    meeting_call,
    meeting_schedule,
)

if TYPE_CHECKING:
    from tryggsam.demo.content import Directory


def held_meeting_date(today: dt.date) -> dt.date:
    return working_day_on_or_before(today - dt.timedelta(days=data.DAYS_AGO))


def create_held_meeting(d: Directory) -> Meeting:
    """The meeting with its attendance, agenda, notes and decisions; its minutes still a draft."""
    council = d.forums["council"]
    coordinator = d.users["samordnare"]
    meeting = meeting_schedule(
        actor=coordinator,
        forum=council,
        date=held_meeting_date(d.today),
        start_time=dt.time(data.START_HOUR),
        end_time=dt.time(data.END_HOUR),
        location=data.LOCATION,
        chair=d.users["lasare"],
        secretary=coordinator,
    )
    _attendance(d, meeting)
    items = agenda_from_template(actor=coordinator, meeting=meeting)
    top = [item for item in items if item.depth == 0]
    by_partnership = {item.partnership_id: item for item in items if item.partnership_id}
    notes = {
        top[1]: data.SITUATION_NOTES,
        top[2]: data.REPORTS_NOTES,
        top[3]: data.MEASURES_NOTES,
        top[4]: data.OTHER_NOTES,
        top[5]: data.UPCOMING_NOTES % {"date": f"{_next_council_meeting(meeting):%Y-%m-%d}"},
    }
    for key, text in data.PARTNERSHIP_NOTES.items():
        notes[by_partnership[d.forums[key].pk]] = text
    for item, text in notes.items():
        item_update_notes(actor=coordinator, item=item, notes=text)
    _decisions(d, by_partnership[d.forums["liljeholmen"].pk], measures_item=top[3])
    return meeting


def _attendance(d: Directory, meeting: Meeting) -> None:
    coordinator = d.users["samordnare"]
    called = meeting_call(actor=coordinator, meeting=meeting)
    called += meeting_call(actor=coordinator, meeting=meeting, users=[], guests=[data.GUEST])
    by_user = {d.users[key].pk: status for key, status in data.NOT_PRESENT.items()}
    by_organisation = {d.organisations[key].pk: status for key, status in data.ABSENT_ORGANISATIONS.items()}
    for attendance in called:
        status = (
            by_user.get(attendance.user_id)
            if attendance.user_id
            else by_organisation.get(attendance.organisation_id)
            if attendance.organisation_id
            else None
        )
        attendance_mark(actor=coordinator, attendance=attendance, status=status or AttendanceStatus.PRESENT)


def _next_council_meeting(meeting: Meeting) -> dt.date:
    upcoming = Meeting.objects.filter(forum=meeting.forum, date__gt=meeting.date).order_by("date").first()
    return upcoming.date if upcoming else meeting.date + dt.timedelta(days=91)


def _decisions(d: Directory, liljeholmen_item: AgendaItem, *, measures_item: AgendaItem) -> None:
    coordinator = d.users["samordnare"]
    problem = Problem.objects.get(forum=d.forums["liljeholmen"], title=data.UNDERPASS_PROBLEM)
    measure = problem.measures.order_by("position", "pk").first()
    assert measure is not None
    text, status, note = data.UNDERPASS_FOLLOW_UP
    decision_record(actor=coordinator, item=liljeholmen_item, text=text, change_measure=(measure, status, note))
    spec = data.NEW_MEASURE
    decision_record(
        actor=coordinator,
        item=liljeholmen_item,
        text=data.NEW_MEASURE_TEXT,
        create_measure={
            "problem": problem,
            "title": spec["title"],
            "participants_text": spec["participants_text"],
            "responsible_text": spec["responsible_text"],
            "responsible_organisation": d.organisations[spec["responsible_org"]],
        },
        follow_up_date=d.days(data.NEW_MEASURE_FOLLOW_UP_IN),
    )
    decision_record(actor=coordinator, item=measures_item, text=data.MEASURES_DECISION)


def approve_held_meeting(d: Directory) -> Meeting | None:
    """The chair approves (justerar) the held meeting's minutes; nothing changes in them after this."""
    meeting = (
        Meeting.objects.filter(forum__kind=ForumKind.COUNCIL, forum=d.forums["council"], date__lt=d.today)
        .order_by("-date")
        .first()
    )
    if meeting is None or meeting.is_approved:
        return meeting
    return meeting_approve(actor=d.users["lasare"], meeting=meeting)


def create_partnership_meeting(d: Directory) -> Meeting:
    """The Liljeholmen partnership's last meeting: members called and present, items on rows of its
    work table with notes and a decision, and the minutes approved by the coordinator who convenes it."""
    forum, coordinator = d.forums["liljeholmen"], d.users["samordnare"]
    date = d.today - dt.timedelta(days=data.PARTNERSHIP_DAYS_AGO)
    start, end = data.PARTNERSHIP_HOURS
    meeting = meeting_schedule(
        actor=coordinator,
        forum=forum,
        date=working_day_on_or_before(date),
        start_time=dt.time(start),
        end_time=dt.time(end),
        location=data.PARTNERSHIP_LOCATION,
        secretary=coordinator,
    )
    for attendance in meeting_call(actor=coordinator, meeting=meeting):
        attendance_mark(actor=coordinator, attendance=attendance, status=AttendanceStatus.PRESENT)
    for heading, problem_title, notes, decision in data.PARTNERSHIP_ITEMS:
        problem = Problem.objects.get(forum=forum, title=problem_title) if problem_title else None
        item = item_add(actor=coordinator, meeting=meeting, heading=heading, notes=notes, problem=problem)
        if decision:
            decision_record(actor=coordinator, item=item, text=decision)
    return meeting_approve(actor=coordinator, meeting=meeting)
