import datetime as dt

import pytest

from tests.factories import MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.casework import services
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, WorkKind
from tryggsam.core.errors import ConcurrentEditError, InvalidTransitionError, PermissionDeniedError, ServiceError

pytestmark = pytest.mark.django_db


def test_measure_create__audits_and_inherits_kind_and_classification(coordinator, partnership, district_admin):
    problem = services.problem_create(
        actor=coordinator,
        title="Cykelstölder vid pendeltåget",
        kind=WorkKind.DEVELOPMENT,
        forum=partnership,
        classification="restricted",
        owner_organisation=district_admin,
    )
    measure = services.measure_create(actor=coordinator, problem=problem, title="Nya cykelställ med lås")
    assert measure.kind == WorkKind.DEVELOPMENT
    assert measure.classification == "restricted"
    event = AuditEvent.objects.get(object_type="casework.measure", object_id=str(measure.pk), action=AuditAction.CREATE)
    assert event.actor == coordinator
    assert event.changes["title"] == [None, "Nya cykelställ med lås"]


def test_measure_update__records_old_and_new_values(coordinator, measure):
    services.measure_update(
        actor=coordinator, measure=measure, expected_version=measure.version, title="Kvällsvandring"
    )
    event = AuditEvent.objects.filter(object_type="casework.measure", action=AuditAction.UPDATE).latest("id")
    assert event.changes["title"] == ["Gemensam kvällsnärvaro", "Kvällsvandring"]
    assert event.changes["version"] == [1, 2]


def test_measure_update__stale_version_is_refused_and_nothing_changes(coordinator, measure):
    first = Measure.objects.get(pk=measure.pk)
    second = Measure.objects.get(pk=measure.pk)
    services.measure_update(actor=coordinator, measure=first, expected_version=1, title="Först sparad")
    with pytest.raises(ConcurrentEditError) as excinfo:
        services.measure_update(actor=coordinator, measure=second, expected_version=1, title="Sent sparad")
    assert "ändrats av någon annan" in str(excinfo.value)
    measure.refresh_from_db()
    assert measure.title == "Först sparad"
    assert measure.version == 2


def test_measure_change_status__requires_note(coordinator, measure):
    with pytest.raises(ServiceError, match="uppföljningsanteckning"):
        services.measure_change_status(
            actor=coordinator,
            measure=measure,
            expected_version=measure.version,
            new_status=MeasureStatus.PAUSED,
            note="  ",
        )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.ONGOING
    assert not FollowUp.objects.exists()


def test_measure_change_status__creates_follow_up_and_audits_status(coordinator, measure):
    follow_up = services.measure_change_status(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        new_status=MeasureStatus.DONE,
        note="Klart, lugnt sedan i våras.",
        date=dt.date(2026, 11, 1),
        next_follow_up=None,
    )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE
    assert measure.end_date == dt.date(2026, 11, 1)
    assert follow_up.status_after == MeasureStatus.DONE and follow_up.author == coordinator
    status_event = AuditEvent.objects.get(object_type="casework.measure", action=AuditAction.STATUS)
    assert status_event.changes["status"] == ["ongoing", "done"]
    assert status_event.note == "Klart, lugnt sedan i våras."


@pytest.mark.parametrize(
    ("new_status", "given", "expected"),
    [
        (MeasureStatus.DONE, "unchanged", None),
        (MeasureStatus.STOPPED, "unchanged", None),
        (MeasureStatus.DONE, dt.date(2027, 5, 1), dt.date(2027, 5, 1)),  # an effect evaluation
        (MeasureStatus.PAUSED, "unchanged", dt.date(2026, 11, 28)),
    ],
)
def test_measure_change_status__finished_work_has_no_next_follow_up_unless_given(
    coordinator, measure, new_status, given, expected
):
    type(measure).objects.filter(pk=measure.pk).update(next_follow_up=dt.date(2026, 11, 28))
    measure.refresh_from_db()
    services.measure_change_status(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        new_status=new_status,
        note="Läget i dag.",
        next_follow_up=given,
    )
    measure.refresh_from_db()
    assert measure.next_follow_up == expected


def test_measure_change_status__invalid_transition_refused(coordinator, measure):
    measure.status = MeasureStatus.DONE
    measure.save()
    with pytest.raises(InvalidTransitionError):
        services.measure_change_status(
            actor=coordinator,
            measure=measure,
            expected_version=measure.version,
            new_status=MeasureStatus.PAUSED,
            note="x",
        )


def test_measure_update__member_of_other_organisation_refused(measure):
    outsider = user_with_role(Role.MEMBER, OrganisationFactory(name="Bostadsbolaget"))
    with pytest.raises(PermissionDeniedError):
        services.measure_update(actor=outsider, measure=measure, expected_version=measure.version, title="Nej")
    measure.refresh_from_db()
    assert measure.title == "Gemensam kvällsnärvaro"


def test_measure_update__member_of_responsible_organisation_allowed(measure, district_admin):
    member = user_with_role(Role.MEMBER, district_admin)
    services.measure_update(actor=member, measure=measure, expected_version=measure.version, participants_text="Fält")
    measure.refresh_from_db()
    assert measure.participants_text == "Fält"


def test_measure_update__unknown_field_refused(coordinator, measure):
    with pytest.raises(ServiceError):
        services.measure_update(actor=coordinator, measure=measure, expected_version=1, status="done")


def test_problem_create__reader_refused(partnership):
    reader = user_with_role(Role.READER)
    with pytest.raises(PermissionDeniedError):
        services.problem_create(actor=reader, title="Klotter", forum=partnership)


def test_measure_create__positions_follow_order(coordinator):
    problem = ProblemFactory()
    a = services.measure_create(actor=coordinator, problem=problem, title="A")
    b = services.measure_create(actor=coordinator, problem=problem, title="B")
    assert a.position < b.position
    assert MeasureFactory._meta.model.objects.filter(problem=problem).count() == 2
