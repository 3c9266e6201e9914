"""Incidents as work: edit and reclassify, change the classification, mark a duplicate, link a problem,
and the review queue (route, accept, dismiss with a reason). Every change is audited, and whatever
changes what an incident counts under keeps the roll-ups equal to a rebuild from the raw incidents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.incidents import work
from tryggsam.incidents.models import Incident, ReviewStatus
from tryggsam.incidents.other_sources import resident_tip
from tryggsam.incidents.selectors import counts_by_category, incidents_counted, tips_awaiting_review
from tryggsam.incidents.services import ensure_default_categories, incident_report
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup, MonthlyRollup
from tryggsam.situation.rollups import rebuild_rollups

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    parent = AreaFactory(name="Arbetsområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Arbetsby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


@pytest.fixture
def categories():
    return ensure_default_categories()


@pytest.fixture
def school():
    return OrganisationFactory(name="Skolan i Arbetsby")


@pytest.fixture
def school_member(school):
    return user_with_role(Role.MEMBER, school, full_name="Mia Medlem")


def _report(actor, org, categories, code="graffiti", **kwargs):
    return incident_report(
        actor=actor,
        categories=[categories[code]],
        occurred_at=timezone.now() - dt.timedelta(hours=2),
        text="Klotter på väggen vid skolan",
        place_text="Arbetsby",
        reporting_organisation=org,
        **kwargs,
    )


def _rollups() -> list[tuple]:
    fields = ("area_id", "category_id", "source", "classification", "owner", "audience", "count")
    return sorted(DailyRollup.objects.values_list("day", *fields)) + sorted(
        MonthlyRollup.objects.values_list("month", *fields)
    )


def _assert_rollups_match_rebuild():
    kept = _rollups()
    rebuild_rollups()
    assert _rollups() == kept


def _graffiti(user) -> int:
    return {c.category.code: c.count for c in counts_by_category(user)}["graffiti"]


def test_incident_update__reclassifies_audited_and_recounted(district, categories, school, school_member):
    incident = _report(school_member, school, categories)
    assert _graffiti(school_member) == 1
    work.incident_update(
        actor=school_member,
        incident=incident,
        title="Skadegörelse vid entrén",
        description="Krossad ruta",
        occurred_at=incident.occurred_at,
        categories=[categories["vandalism"]],
    )
    incident.refresh_from_db()
    assert incident.title == "Skadegörelse vid entrén"
    assert [c.code for c in incident.categories.all()] == ["vandalism"]
    counts = {c.category.code: c.count for c in counts_by_category(school_member)}
    assert counts["graffiti"] == 0 and counts["vandalism"] == 1
    _assert_rollups_match_rebuild()
    changes = [e.changes for e in AuditEvent.objects.filter(object_id=str(incident.pk), action="update")]
    assert any("title" in c for c in changes)
    assert any(c.get("categories") == [[categories["graffiti"].pk], [categories["vandalism"].pk]] for c in changes)


def test_incident_update__refused_for_a_member_of_another_organisation(district, categories, school, school_member):
    incident = _report(school_member, school, categories)
    stranger = user_with_role(Role.MEMBER, OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        work.incident_update(
            actor=stranger,
            incident=incident,
            title="x",
            description="",
            occurred_at=incident.occurred_at,
            categories=[categories["fire"]],
        )
    assert [c.code for c in Incident.objects.get(pk=incident.pk).categories.all()] == ["graffiti"]


def test_incident_classify__restricted_leaves_other_organisations_counts(district, categories, school, school_member):
    incident = _report(school_member, school, categories)
    other_member = user_with_role(Role.MEMBER, OrganisationFactory())
    assert _graffiti(other_member) == 1
    work.incident_classify(
        actor=school_member, incident=incident, classification="restricted", owner_organisation=school
    )
    assert _graffiti(other_member) == 0
    assert _graffiti(school_member) == 1
    _assert_rollups_match_rebuild()
    event = AuditEvent.objects.filter(object_id=str(incident.pk), action="update").latest("id")
    assert event.changes["classification"] == ["internal", "restricted"]


def test_incident_classify__restricted_needs_an_owner_of_ones_own(district, categories, school, school_member):
    incident = _report(school_member, school, categories)
    with pytest.raises(ServiceError):
        work.incident_classify(
            actor=school_member, incident=incident, classification="restricted", owner_organisation=None
        )
    with pytest.raises(PermissionDeniedError):
        work.incident_classify(
            actor=school_member,
            incident=incident,
            classification="restricted",
            owner_organisation=OrganisationFactory(),
        )
    assert Incident.objects.get(pk=incident.pk).classification == "internal"


def test_incident_mark_duplicate__leaves_the_counts_and_comes_back(district, categories, school, school_member):
    original = _report(school_member, school, categories)
    duplicate = _report(school_member, school, categories)
    assert _graffiti(school_member) == 2
    work.incident_mark_duplicate(actor=school_member, incident=duplicate, original=original)
    assert _graffiti(school_member) == 1
    assert list(incidents_counted(school_member)) == [original]
    _assert_rollups_match_rebuild()
    assert AuditEvent.objects.filter(object_id=str(duplicate.pk), changes__has_key="duplicate_of_id").exists()
    work.incident_mark_duplicate(actor=school_member, incident=duplicate, original=None)
    assert _graffiti(school_member) == 2
    _assert_rollups_match_rebuild()


def test_incident_mark_duplicate__no_self_no_chains(district, categories, school, school_member):
    first, second, third = (_report(school_member, school, categories) for _ in range(3))
    with pytest.raises(ServiceError):
        work.incident_mark_duplicate(actor=school_member, incident=first, original=first)
    work.incident_mark_duplicate(actor=school_member, incident=second, original=first)
    with pytest.raises(ServiceError):
        work.incident_mark_duplicate(actor=school_member, incident=third, original=second)
    with pytest.raises(ServiceError):
        work.incident_mark_duplicate(actor=school_member, incident=first, original=third)
    assert Incident.objects.get(pk=third.pk).duplicate_of_id is None


def test_incident_link_problem__only_a_problem_one_may_read(district, categories, school, school_member):
    incident = _report(school_member, school, categories)
    readable = ProblemFactory(title="Klotter vid skolan", classification="internal")
    secret = ProblemFactory(title="Hemligt", classification="restricted", owner_organisation=OrganisationFactory())
    with pytest.raises(ServiceError):
        work.incident_link_problem(actor=school_member, incident=incident, problem=secret)
    work.incident_link_problem(actor=school_member, incident=incident, problem=readable)
    assert Incident.objects.get(pk=incident.pk).problem == readable
    assert AuditEvent.objects.filter(object_id=str(incident.pk), changes__problem_id=[None, readable.pk]).exists()


def _tip(categories):
    return resident_tip(category=categories["graffiti"], text="Klotter på muren", place_text="Arbetsby", address="a")


def test_review_queue__route_then_the_organisations_member_accepts(
    district, categories, coordinator, school, school_member
):
    tip = _tip(categories)
    assert list(tips_awaiting_review(coordinator)) == [tip]
    assert not tips_awaiting_review(school_member).exists()
    with pytest.raises(PermissionDeniedError):
        work.incident_route(actor=school_member, incident=tip, organisation=school)
    work.incident_route(actor=coordinator, incident=tip, organisation=school)
    assert list(tips_awaiting_review(school_member)) == [tip]
    assert not tips_awaiting_review(user_with_role(Role.MEMBER, OrganisationFactory())).exists()
    assert _graffiti(coordinator) == 0  # routed is not yet accepted
    work.incident_accept(actor=school_member, incident=tip)
    tip.refresh_from_db()
    assert tip.review_status == ReviewStatus.REVIEWED and tip.routed_to == school
    assert _graffiti(coordinator) == 1
    _assert_rollups_match_rebuild()
    statuses = [
        e.changes.get("review_status")
        for e in AuditEvent.objects.filter(object_id=str(tip.pk), action="status").order_by("id")
    ]
    assert statuses == [["pending", "routed"], ["routed", "reviewed"]]


def test_review_queue__dismiss_needs_a_reason_and_never_counts(district, categories, coordinator):
    tip = _tip(categories)
    with pytest.raises(ServiceError):
        work.incident_dismiss(actor=coordinator, incident=tip, reason="  ")
    assert Incident.objects.get(pk=tip.pk).review_status == ReviewStatus.PENDING
    work.incident_dismiss(actor=coordinator, incident=tip, reason="Gäller en annan kommun")
    tip.refresh_from_db()
    assert tip.review_status == ReviewStatus.DISMISSED and tip.dismissal_reason == "Gäller en annan kommun"
    assert not tips_awaiting_review(coordinator).exists()
    assert _graffiti(coordinator) == 0
    _assert_rollups_match_rebuild()
    work.incident_accept(actor=coordinator, incident=tip)  # a late click on "accept" changes nothing
    assert Incident.objects.get(pk=tip.pk).review_status == ReviewStatus.DISMISSED


def test_dismiss_view__empty_reason_is_a_swedish_error_and_changes_nothing(client, district, categories, coordinator):
    tip = _tip(categories)
    client.force_login(coordinator)
    response = client.post(reverse("incidents:dismiss", args=[tip.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Skriv varför händelsen avfärdas." in response.content.decode()
    assert Incident.objects.get(pk=tip.pk).review_status == ReviewStatus.PENDING


def test_detail_page__shows_what_the_incident_is_and_history_only_to_admins(
    client, district, categories, school, school_member
):
    incident = _report(school_member, school, categories)
    client.force_login(school_member)
    body = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    for expected in ("Partnerrapport", "Klotter", "Arbetsby", "Intern", school.name, "Granskad"):
        assert expected in body
    assert 'id="incident-history"' not in body
    admin = user_with_role(Role.ADMIN, OrganisationFactory())
    client.force_login(admin)
    body = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'id="incident-history"' in body


def test_map_points__link_to_the_incident_page(district, categories, school, school_member):
    from tryggsam.situation.mapdata import map_data

    incident = incident_report(
        actor=school_member,
        categories=[categories["graffiti"]],
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        text="",
        lat=district.min_lat + 0.0005,
        lon=district.min_lon + 0.0005,
        reporting_organisation=school,
    )
    today = timezone.localdate()
    points = map_data(school_member, area=district, start=today - dt.timedelta(days=1), end=today)["points"]
    assert [p["url"] for p in points] == [reverse("incidents:detail", args=[incident.pk])]
