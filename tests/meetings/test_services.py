import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ForumFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.forums.models import ForumKind
from tryggsam.meetings import services
from tryggsam.meetings.models import AttendanceStatus, Decision, MinutesStatus

pytestmark = pytest.mark.django_db


def _audits(obj, action=None):
    qs = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


def test_meeting_call__members_and_guests_called_once(meeting, coordinator, chair, police_member, school):
    rows = list(meeting.attendances.all())
    assert {r.name for r in rows} == {
        "Ylva Ordförandesson",
        "Sam Ordnare",
        "Kim Kommunpolis",
        "Kvarnskolan",
        "Gustav Gästberg",
    }
    assert rows[-1].name == "Gustav Gästberg"
    assert all(r.status == AttendanceStatus.CALLED for r in rows)
    police_row = meeting.attendances.get(user=police_member)
    assert police_row.title == "Kommunpolis" and police_row.organisation.name == "Lokalpolisområdet"
    assert meeting.attendances.get(name="Gustav Gästberg").is_guest
    assert meeting.attendances.get(name="Kvarnskolan").organisation == school
    services.meeting_call(actor=coordinator, meeting=meeting)
    assert meeting.attendances.count() == 5


def test_meeting_call__user_outside_forum_is_guest(meeting, coordinator):
    outsider = user_with_role(Role.MEMBER, full_name="Olle Utanför")
    services.meeting_call(actor=coordinator, meeting=meeting, users=[outsider])
    assert meeting.attendances.get(user=outsider).is_guest


def test_meeting_call__guest_without_name_refused(meeting, coordinator):
    with pytest.raises(ServiceError):
        services.meeting_call(actor=coordinator, meeting=meeting, users=[], guests=[{"name": " "}])
    assert meeting.attendances.count() == 5


def test_attendance_mark__audited(meeting, coordinator, police_member):
    row = meeting.attendances.get(user=police_member)
    services.attendance_mark(actor=coordinator, attendance=row, status=AttendanceStatus.PRESENT)
    row.refresh_from_db()
    assert row.status == AttendanceStatus.PRESENT
    assert _audits(row, "update").exists()
    with pytest.raises(ServiceError):
        services.attendance_mark(actor=coordinator, attendance=row, status="sleeping")


def test_attendance_mark__member_not_running_meeting_refused(meeting, police_member):
    row = meeting.attendances.get(user=police_member)
    with pytest.raises(PermissionDeniedError):
        services.attendance_mark(actor=police_member, attendance=row, status=AttendanceStatus.PRESENT)


def test_agenda_from_template__standard_items_with_partnership_subitems(meeting, kvarn, council, coordinator):
    ForumFactory(name="Platssamverkan Ängen", parent=council)
    ForumFactory(name="Arbetsgrupp Skolan", parent=council, kind=ForumKind.WORKING_GROUP)
    items = list(meeting.items.all())
    assert [i.number for i in items] == ["1", "2", "3", "3.1", "4", "5", "6"]
    assert items[3].partnership == kvarn and items[3].heading == kvarn.name
    assert "Ylva Ordförandesson" in items[0].notes
    assert items[-1].heading == "Kommande möten"
    with pytest.raises(ServiceError):
        services.agenda_from_template(actor=coordinator, meeting=meeting)


def test_item_add_and_move__renumbered(meeting, coordinator):
    item = services.item_add(actor=coordinator, meeting=meeting, heading="Information om sommarjobb", position=2)
    assert item.number == "2"
    assert [i.number for i in meeting.items.all()] == ["1", "2", "3", "4", "4.1", "5", "6", "7"]
    moved = services.item_move(actor=coordinator, item=item, position=7)
    assert moved.number == "6" and moved.position == 7
    assert meeting.items.order_by("position").last().heading == "Kommande möten"
    assert _audits(item, "update").filter(changes__has_key="position").exists()


def test_item_update_notes__audited(meeting, coordinator):
    item = meeting.items.get(number="2")
    services.item_update_notes(actor=coordinator, item=item, notes="  Färre anmälningar i år.  ")
    item.refresh_from_db()
    assert item.notes == "Färre anmälningar i år."
    assert _audits(item, "update").exists()


def test_decision_record__creates_measure_with_follow_up(meeting, coordinator, work_rows):
    item = meeting.items.get(number="3.1")
    problem = work_rows["internal"].problem
    due = dt.date(2021, 11, 5)
    decision = services.decision_record(
        actor=coordinator,
        item=item,
        text="Fältgruppen och polisen gör gemensamma kvällsrundor.",
        create_measure={"problem": problem, "responsible_text": "Fältgruppen"},
        follow_up_date=due,
    )
    measure = decision.created_measure
    assert measure.problem == problem and measure.title.startswith("Fältgruppen och polisen")
    assert measure.next_follow_up == due and decision.follow_up_date == due
    assert _audits(measure, "create").exists() and _audits(decision, "create").exists()


@pytest.mark.parametrize(
    ("meeting_classification", "problem_row", "expected"),
    [
        ("internal", "open", "internal"),
        ("open", "open", "open"),
        ("restricted", "internal", "restricted"),
    ],
)
def test_decision_record__measure_never_more_open_than_the_meeting_or_the_problem(
    meeting, coordinator, work_rows, meeting_classification, problem_row, expected
):
    type(meeting).objects.filter(pk=meeting.pk).update(
        classification=meeting_classification, owner_organisation=coordinator.memberships.first().organisation
    )
    meeting.refresh_from_db()
    meeting.items.update(classification=meeting_classification)  # as created in such a meeting
    problem = work_rows[problem_row].problem
    decision = services.decision_record(
        actor=coordinator,
        item=meeting.items.get(number="3.1"),
        text="Snabbare sanering av busskuren.",
        create_measure={"problem": problem},
    )
    measure = decision.created_measure
    assert measure.classification == expected
    if meeting_classification == "restricted":
        assert measure.owner_organisation == meeting.owner_organisation


def test_decision_record__changes_status_with_follow_up_note(meeting, coordinator, work_rows):
    item = meeting.items.get(number="3.1")
    measure = work_rows["open"]
    decision = services.decision_record(
        actor=coordinator,
        item=item,
        text="Saneringen är klar och avslutas.",
        change_measure=(measure, MeasureStatus.DONE, "Inget nytt klotter på sex veckor."),
        follow_up_date=dt.date(2022, 4, 22),
    )
    measure.refresh_from_db()
    assert decision.changed_measure == measure and measure.status == MeasureStatus.DONE
    assert measure.next_follow_up == dt.date(2022, 4, 22)
    follow_up = FollowUp.objects.filter(measure=measure).order_by("-id").first()
    assert follow_up.text == "Inget nytt klotter på sex veckor." and follow_up.date == meeting.date
    assert _audits(measure, "status").exists()


def test_decision_record__refused_change_leaves_nothing(meeting, coordinator, work_rows):
    item = meeting.items.get(number="3.1")
    measure = work_rows["open"]
    with pytest.raises(ServiceError):
        services.decision_record(
            actor=coordinator, item=item, text="Avslutas.", change_measure=(measure, MeasureStatus.DONE, "")
        )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.ONGOING
    assert not Decision.objects.exists()


def test_decision_record__follow_up_only_on_item_measure(meeting, coordinator, work_rows):
    measure = work_rows["development"]
    item = services.item_add(actor=coordinator, meeting=meeting, heading="Sommartorget", measure=measure)
    services.decision_record(actor=coordinator, item=item, text="Följs upp i vår.", follow_up_date=dt.date(2022, 4, 1))
    measure.refresh_from_db()
    assert measure.next_follow_up == dt.date(2022, 4, 1)


def test_meeting_approve__freezes_minutes(meeting, chair, coordinator, police_member):
    approved = services.meeting_approve(actor=chair, meeting=meeting)
    assert approved.status == MinutesStatus.APPROVED and approved.approved_by == chair and approved.approved_at
    item = meeting.items.first()
    refusals = [
        lambda: services.item_update_notes(actor=coordinator, item=item, notes="Ändrat i efterhand"),
        lambda: services.item_add(actor=coordinator, meeting=meeting, heading="Ny punkt"),
        lambda: services.item_move(actor=coordinator, item=item, position=3),
        lambda: services.decision_record(actor=coordinator, item=item, text="Sent beslut"),
        lambda: services.attendance_mark(
            actor=coordinator, attendance=meeting.attendances.first(), status=AttendanceStatus.PRESENT
        ),
        lambda: services.meeting_call(actor=coordinator, meeting=meeting, guests=[{"name": "Sen Gäst"}]),
        lambda: services.meeting_update(actor=coordinator, meeting=meeting, location="Annat rum"),
        lambda: services.meeting_approve(actor=coordinator, meeting=meeting),
    ]
    for refused in refusals:
        with pytest.raises(ServiceError, match="justerat"):
            refused()
    item.refresh_from_db()
    assert "Ändrat" not in item.notes and meeting.attendances.count() == 5


def test_meeting_approve__member_refused(meeting, police_member):
    with pytest.raises(PermissionDeniedError):
        services.meeting_approve(actor=police_member, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MinutesStatus.DRAFT


def test_meeting_new_version__draft_copy(meeting, chair, coordinator, work_rows):
    item = meeting.items.get(number="3.1")
    services.decision_record(actor=coordinator, item=item, text="Rådet noterar rapporten.")
    services.meeting_approve(actor=chair, meeting=meeting)
    measures_before = Measure.objects.count()
    copy = services.meeting_new_version(actor=coordinator, meeting=meeting)
    assert copy.version == 2 and copy.status == MinutesStatus.DRAFT and copy.previous_version == meeting
    assert copy.first_version_pk == meeting.pk
    assert copy.attendances.count() == 5 and copy.items.count() == meeting.items.count()
    assert copy.items.get(number="3.1").decisions.get().text == "Rådet noterar rapporten."
    assert Measure.objects.count() == measures_before
    services.item_update_notes(actor=coordinator, item=copy.items.first(), notes="Rättad öppning.")
    with pytest.raises(ServiceError):
        services.meeting_new_version(actor=coordinator, meeting=meeting)


def test_meeting_new_version__every_copied_row_audited_as_created(meeting, chair, coordinator):
    item = meeting.items.get(number="3.1")
    services.decision_record(actor=coordinator, item=item, text="Rådet noterar rapporten.")
    services.meeting_approve(actor=chair, meeting=meeting)
    copy = services.meeting_new_version(actor=coordinator, meeting=meeting)
    copies = [
        *copy.attendances.all(),
        *copy.items.all(),
        *Decision.objects.filter(item__meeting=copy),
    ]
    created = AuditEvent.objects.filter(action="create", actor=coordinator)
    for row in copies:
        event = created.get(object_type=row._meta.label_lower, object_id=str(row.pk))
        assert event.note.startswith("Kopia av post")


def test_meeting_new_version__draft_refused(meeting, coordinator):
    with pytest.raises(ServiceError):
        services.meeting_new_version(actor=coordinator, meeting=meeting)


def test_meeting_update__sequence_raised_only_when_moved(meeting, coordinator):
    assert meeting.sequence == 0
    services.meeting_update(actor=coordinator, meeting=meeting, chair=None)
    assert meeting.sequence == 0
    services.meeting_update(actor=coordinator, meeting=meeting, start_time=dt.time(10), end_time=dt.time(12))
    assert meeting.sequence == 1
    services.meeting_update(actor=coordinator, meeting=meeting, location="Biblioteket")
    meeting.refresh_from_db()
    assert meeting.sequence == 2


def test_meeting_update__member_refused(meeting, police_member):
    with pytest.raises(PermissionDeniedError):
        services.meeting_update(actor=police_member, meeting=meeting, location="Annat")


def test_meeting_schedule__end_before_start_refused(council, coordinator):
    with pytest.raises(ValidationError):
        services.meeting_schedule(
            actor=coordinator, forum=council, date=dt.date(2022, 1, 1), start_time=dt.time(11), end_time=dt.time(9)
        )


def test_decision_record__problem_required_for_new_measure(meeting, coordinator):
    item = meeting.items.first()
    with pytest.raises(ServiceError):
        services.decision_record(actor=coordinator, item=item, text="Ny insats", create_measure={"title": "X"})
    assert not Decision.objects.exists()
