"""The council meeting the demo has already held: attendance, the standard agenda with notes,
decisions linked to the Liljeholmen work table, the priority list decided under its situation item,
approved minutes that render for the coordinator, and the upcoming meetings left as they were; and
the Liljeholmen partnership's held meeting."""

import datetime as dt
import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from tryggsam.accounts.models import User
from tryggsam.casework.models import MeasureStatus
from tryggsam.core.holidays import is_working_day
from tryggsam.demo.data.held_meeting import DAYS_AGO
from tryggsam.demo.held_meeting import held_meeting_date
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.minutes import render_minutes
from tryggsam.meetings.models import AgendaItem, AttendanceStatus, Decision, Meeting, MinutesStatus
from tryggsam.priorities.models import PriorityList, PriorityStatus


def held() -> Meeting:
    return Meeting.objects.get(forum__kind=ForumKind.COUNCIL, date__lt=timezone.localdate())


def coordinator() -> User:
    return User.objects.get(email="samordnare@demo.tryggsam.se")


def test_demo__one_held_council_meeting_on_a_weekday_weeks_ago_and_six_ahead(demo):
    meeting = held()
    assert meeting.date.weekday() < 5
    assert all(is_working_day(day) for day in Meeting.objects.values_list("date", flat=True))
    assert 14 <= (timezone.localdate() - meeting.date).days <= 35
    assert meeting.chair.email == "lasare@demo.tryggsam.se" and meeting.secretary == coordinator()
    upcoming = Meeting.objects.filter(date__gte=timezone.localdate())
    assert upcoming.count() == 6 and not upcoming.filter(status=MinutesStatus.APPROVED).exists()
    assert not AgendaItem.objects.filter(meeting__in=upcoming).exists()


def test_demo__held_meeting_has_attendance_with_a_guest(demo):
    attendances = held().attendances.all()
    statuses = {a.status for a in attendances}
    assert {AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT} <= statuses
    assert AttendanceStatus.CALLED not in statuses
    guest = attendances.get(is_guest=True)
    assert guest.status == AttendanceStatus.PRESENT and guest.organisation_text
    council = Forum.objects.get(kind=ForumKind.COUNCIL)
    assert attendances.filter(is_guest=False).count() == council.members.count()


def test_demo__held_meeting_has_the_standard_agenda_with_notes(demo):
    items = list(held().items.all())
    numbers = [i.number for i in items]
    assert numbers == ["1", "2", "3", "3.1", "3.2", "3.3", "4", "5", "6"]
    assert all(i.notes.strip() for i in items)
    partnerships = {i.partnership.name for i in items if i.partnership}
    assert partnerships == set(Forum.objects.filter(kind=ForumKind.PARTNERSHIP).values_list("name", flat=True))


def test_demo__held_meeting_decisions_follow_up_and_create_measures(demo):
    meeting = held()
    decisions = Decision.objects.filter(item__meeting=meeting)
    assert decisions.count() == 4
    created = decisions.get(created_measure__isnull=False).created_measure
    changed = decisions.get(changed_measure__isnull=False).changed_measure
    assert created.problem == changed.problem and created.problem.forum.name == "Platssamverkan Liljeholmen"
    assert created.status == MeasureStatus.PLANNED and created.next_follow_up > timezone.localdate()
    follow_up = changed.follow_ups.get(date=meeting.date)
    assert follow_up.author == coordinator() and follow_up.status_after == changed.status


def test_demo__priority_list_decided_under_the_situation_item_then_minutes_approved(demo):
    meeting = held()
    item = meeting.items.get(number="2")
    priority_list = PriorityList.objects.get(decided_at_meeting=meeting)
    assert priority_list.status == PriorityStatus.DECIDED and priority_list.decided_on == meeting.date
    assert item.decisions.get().text.startswith("Rådet beslutade prioriterade områden")
    assert meeting.status == MinutesStatus.APPROVED and meeting.approved_by == meeting.chair


def test_demo__held_meeting_minutes_render_for_the_coordinator(demo):
    meeting = held()
    pdf = render_minutes(meeting, coordinator(), fmt="pdf")
    assert pdf.startswith(b"%PDF")
    docx = render_minutes(meeting, coordinator(), fmt="docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        text = archive.read("word/document.xml").decode()
    assert "Lägesbild och prioriterade områden" in text
    assert "Ny belysning och bättre siktlinjer" in text or "belysningen och siktlinjerna" in text
    assert "Sofia Lundgren" in text


def test_demo__held_meeting_page_for_the_coordinator(demo, client):
    client.force_login(coordinator())
    page = client.get(reverse("meetings:detail", args=[held().pk])).content.decode()
    assert "Platssamverkan Liljeholmen" in page and "Justerat" in page


def test_demo__liljeholmen_partnership_held_a_meeting_on_its_work_table(demo):
    meeting = Meeting.objects.get(forum__name="Platssamverkan Liljeholmen", date__lt=timezone.localdate())
    assert meeting.date.weekday() < 5 and meeting.is_approved
    assert not meeting.attendances.exclude(status=AttendanceStatus.PRESENT).exists()
    items = list(meeting.items.all())
    assert [i.number for i in items] == ["1", "2", "3"] and all(i.notes for i in items)
    assert {i.problem.forum for i in items if i.problem} == {meeting.forum}
    assert Decision.objects.filter(item__meeting=meeting).count() == 1


def test_demo__the_held_meeting_is_not_put_on_a_holiday():
    christmas_day = dt.date(2026, 12, 25)
    assert held_meeting_date(christmas_day + dt.timedelta(days=DAYS_AGO)) == dt.date(2026, 12, 23)
