"""Merging a duplicate organisation and deactivating one (accounts.organisations): every reference to
the duplicate moves in one audited transaction, or nothing does."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    ForumFactory,
    ForumMemberFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    ProgrammeDeliveryFactory,
    ProgrammeFactory,
    UserFactory,
    user_with_role,
)
from tryggsam.accounts import services
from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role
from tryggsam.accounts.organisations import organisation_merge, organisation_references, organisation_set_active
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.models import Attendance, Meeting
from tryggsam.situation.models import DailyRollup
from tryggsam.situation.rollups import rebuild_rollups

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return user_with_role(Role.ADMIN, OrganisationFactory(name="Kommunen"))


def _everything_pointing_at(org: Organisation, other: Organisation) -> None:
    """One row of (nearly) every kind that refers to an organisation."""
    Membership.objects.create(user=UserFactory(), organisation=org, role=Role.MEMBER)
    forum = ForumFactory(classification=Classification.RESTRICTED, owner_organisation=org)
    forum.shared_with.add(org, other)  # shared with both: the duplicate entry is dropped, not refused
    ForumMemberFactory(forum=forum, organisation=org)
    problem = ProblemFactory(forum=forum, owner_organisation=org, classification=Classification.RESTRICTED)
    problem.shared_with.add(org)
    measure = MeasureFactory(problem=problem, responsible_organisation=org)
    measure.participating_organisations.add(org)
    ProgrammeFactory(responsible_organisation=org)
    ProgrammeDeliveryFactory(school=org)
    ActionPlanFactory(owner_organisation=org, classification=Classification.RESTRICTED)
    meeting = Meeting.objects.create(forum=forum, date=dt.date(2026, 11, 3), owner_organisation=org)
    Attendance.objects.create(meeting=meeting, name="Kim", organisation=org)
    incident = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now() - dt.timedelta(days=2),
        district=AreaFactory(),
        reporting_organisation=org,
        owner_organisation=org,
        classification=Classification.RESTRICTED,
    )
    incident.shared_with.add(org)
    incident.categories.add(next(iter(ensure_default_categories().values())))


def test_organisation_references__every_foreign_key_in_every_app():
    labels = {r.label for r in organisation_references()}
    assert {
        "accounts.Membership.organisation",
        "forums.ForumMember.organisation",
        "forums.ProgrammeDelivery.school",
        "casework.Measure.responsible_organisation",
        "casework.Measure_participating_organisations.organisation",
        "incidents.Incident.reporting_organisation",
        "incidents.Incident.owner_organisation",
        "meetings.Attendance.organisation",
        "plans.ActionPlan.owner_organisation",
    } <= labels


def test_organisation_merge__no_row_points_at_the_removed_organisation(admin_user):
    duplicate = OrganisationFactory(name="Polisen LPO Syd", kind=OrganisationKind.POLICE)
    kept = OrganisationFactory(name="Lokalpolisområde Syd", kind=OrganisationKind.POLICE)
    _everything_pointing_at(duplicate, kept)
    rebuild_rollups()
    assert DailyRollup.objects.filter(owner=duplicate.pk).exists()
    before = {r.label: r.rows(duplicate.pk).count() for r in organisation_references()}

    moved = organisation_merge(removed=duplicate, kept=kept, acting_user=admin_user)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    for reference in organisation_references():
        assert not reference.rows(duplicate.pk).exists(), reference.label
    assert moved == {label: n for label, n in before.items() if n}
    assert len(moved) >= 15
    assert not DailyRollup.objects.filter(owner=duplicate.pk).exists()
    assert DailyRollup.objects.filter(owner=kept.pk).exists()
    event = AuditEvent.objects.get(object_type="accounts.organisation", object_id=str(kept.pk), action="update")
    assert event.changes["moved"][1]["casework.Measure.responsible_organisation"] == 1
    assert event.actor == admin_user
    assert AuditEvent.objects.filter(object_id=str(duplicate.pk), action="delete").exists()


def test_organisation_merge__refuses_a_person_in_both_and_changes_nothing(admin_user):
    duplicate, kept = OrganisationFactory(name="Skolan A"), OrganisationFactory(name="Skolan A-skolan")
    person = UserFactory()
    Membership.objects.create(user=person, organisation=duplicate, role=Role.MEMBER)
    Membership.objects.create(user=person, organisation=kept, role=Role.READER)
    measure = MeasureFactory(responsible_organisation=duplicate)
    with pytest.raises(ServiceError, match="kan inte slås ihop: 1 medlemskap finns redan hos Skolan A-skolan"):
        organisation_merge(removed=duplicate, kept=kept, acting_user=admin_user)
    measure.refresh_from_db()
    assert measure.responsible_organisation_id == duplicate.pk
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_organisation_merge__refuses_the_same_programme_year_at_both_schools(admin_user):
    duplicate = OrganisationFactory(name="Bergskolan", kind=OrganisationKind.SCHOOL)
    kept = OrganisationFactory(name="Bergsskolan", kind=OrganisationKind.SCHOOL)
    programme = ProgrammeFactory()
    ProgrammeDeliveryFactory(programme=programme, school=duplicate, school_year="2025/26")
    ProgrammeDeliveryFactory(programme=programme, school=kept, school_year="2025/26")
    with pytest.raises(ServiceError, match="kan inte slås ihop"):
        organisation_merge(removed=duplicate, kept=kept, acting_user=admin_user)


def test_organisation_merge__coordinator_may_not_move_an_administrator(coordinator):
    duplicate, kept = OrganisationFactory(name="Kommunen 2"), OrganisationFactory(name="Kommunen 3")
    user_with_role(Role.ADMIN, duplicate)
    with pytest.raises(PermissionDeniedError):
        organisation_merge(removed=duplicate, kept=kept, acting_user=coordinator)
    plain = OrganisationFactory(name="Föreningen")
    MeasureFactory(responsible_organisation=plain)
    organisation_merge(removed=plain, kept=kept, acting_user=coordinator)
    assert not Organisation.objects.filter(pk=plain.pk).exists()


def test_organisation_merge__view_says_why_it_refuses(client, coordinator):
    duplicate, kept = OrganisationFactory(name="Bolaget AB"), OrganisationFactory(name="Bolaget")
    person = UserFactory()
    Membership.objects.create(user=person, organisation=duplicate, role=Role.MEMBER)
    Membership.objects.create(user=person, organisation=kept, role=Role.MEMBER)
    client.force_login(coordinator)
    response = client.post(reverse("accounts:organisation_merge", args=[duplicate.pk]), {"kept": kept.pk}, follow=True)
    assert "kan inte slås ihop" in response.content.decode()
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    response = client.post(reverse("accounts:organisation_merge", args=[duplicate.pk]), {"kept": "x"}, follow=True)
    assert response.status_code == 200 and "Välj en aktiv organisation" in response.content.decode()


def test_organisation_set_active__keeps_history_and_takes_no_new_members(client, coordinator):
    organisation = OrganisationFactory(name="Gamla bolaget")
    member = user_with_role(Role.MEMBER, organisation)
    client.force_login(coordinator)
    client.post(reverse("accounts:organisation_active", args=[organisation.pk]), {"active": "0"})
    organisation.refresh_from_db()
    assert not organisation.is_active
    assert Membership.objects.filter(user=member, organisation=organisation).exists()
    page = client.get(reverse("accounts:register")).content.decode()
    assert "Inaktiv" in page and "Återaktivera" in page
    with pytest.raises(ServiceError, match="inaktiv"):
        services.membership_create(
            user=UserFactory(), organisation=organisation, role=Role.MEMBER, acting_user=coordinator
        )
    response = client.post(
        reverse("accounts:invite"),
        {"email": "ny@bolaget.se", "full_name": "Ny", "organisation": organisation.pk, "role": Role.MEMBER},
    )
    assert response.status_code == 400
    client.post(reverse("accounts:organisation_active", args=[organisation.pk]), {"active": "1"})
    organisation.refresh_from_db()
    assert organisation.is_active
    changes = [
        e.changes["is_active"]
        for e in AuditEvent.objects.filter(
            object_type="accounts.organisation", object_id=str(organisation.pk)
        ).order_by("pk")
    ]
    assert changes == [[True, False], [False, True]]


def test_organisation_edit__coordinator_renames_audited(client, coordinator):
    organisation = OrganisationFactory(name="Skolan")
    client.force_login(coordinator)
    client.post(
        reverse("accounts:organisation_edit", args=[organisation.pk]),
        {"name": "Bergsskolan", "short_name": "", "kind": OrganisationKind.SCHOOL},
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind) == ("Bergsskolan", OrganisationKind.SCHOOL)
    event = AuditEvent.objects.get(object_type="accounts.organisation", object_id=str(organisation.pk))
    assert event.changes["name"] == ["Skolan", "Bergsskolan"]
    assert event.actor == coordinator


def test_organisation_set_active__no_new_forum_seat(client, coordinator):
    from tests.factories import ForumFactory
    from tryggsam.forums.models import ForumMember

    organisation = OrganisationFactory(name="Nedlagda föreningen")
    organisation_set_active(organisation=organisation, active=False, acting_user=coordinator)
    forum = ForumFactory()
    client.force_login(coordinator)
    page = client.get(reverse("forums:detail", args=[forum.pk])).content.decode()
    assert "Nedlagda föreningen" not in page
    client.post(reverse("forums:member_add", args=[forum.pk]), {"organisation": organisation.pk, "role": "member"})
    assert not ForumMember.objects.filter(forum=forum).exists()
