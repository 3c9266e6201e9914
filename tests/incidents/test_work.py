"""Incidents as work: edit and reclassify, change the classification, mark a duplicate, link a problem,
and the review queue (route, accept, dismiss with a reason). Every change is audited, and whatever
changes what an incident counts under keeps the roll-ups equal to a rebuild from the raw incidents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, ProblemFactory, police_event, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.incidents import work
from tryggsam.incidents.models import Incident, ReviewStatus
from tryggsam.incidents.other_sources import resident_tip
from tryggsam.incidents.selectors import (
    POLICE_QUEUE_DAYS,
    counts_by_category,
    incidents_counted,
    police_events_in_review,
    tips_awaiting_review,
)
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


# --- police events in the review queue: counted at once, routed, linked or dismissed as not relevant ---


def _vandalism(user) -> int:
    return {c.category.code: c.count for c in counts_by_category(user)}["vandalism"]


def test_police_queue__lists_the_municipalitys_new_unlinked_events(categories, coordinator, school_member):
    here = police_event("p-1", summary="Fönster krossade vid skolan")
    police_event("p-2", place="Uppsala")  # another municipality
    police_event("p-3", published=timezone.now() - dt.timedelta(days=POLICE_QUEUE_DAYS + 2))  # old news
    linked = police_event("p-4")
    work.incident_link_problem(actor=coordinator, incident=linked, problem=ProblemFactory())
    assert all(e.is_counted for e in Incident.objects.all())
    assert _vandalism(coordinator) == 3  # the last 30 days: the old event is counted in its own month
    assert list(police_events_in_review(coordinator)) == [here]
    assert not police_events_in_review(school_member).exists()  # nothing sent to the school
    assert not tips_awaiting_review(coordinator).exists()  # the tips' tab stays the tips'


def test_police_queue__routed_event_keeps_counting_and_the_organisations_member_dismisses_it(
    categories, coordinator, school, school_member
):
    event = police_event("p-10")
    stranger = user_with_role(Role.MEMBER, OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        work.incident_route(actor=school_member, incident=event, organisation=school)
    work.incident_route(actor=coordinator, incident=event, organisation=school)
    event.refresh_from_db()
    assert event.review_status == ReviewStatus.REVIEWED and event.routed_to == school
    assert _vandalism(coordinator) == 1  # the police reviewed it: it counts while it is routed
    assert list(police_events_in_review(school_member)) == [event]
    assert list(police_events_in_review(coordinator)) == [event]
    with pytest.raises(PermissionDeniedError):
        work.incident_dismiss(actor=stranger, incident=event, reason="Inte vår")
    work.incident_dismiss(actor=school_member, incident=event, reason="Gäller inte skolans område")
    event.refresh_from_db()
    assert event.review_status == ReviewStatus.DISMISSED and event.dismissal_reason == "Gäller inte skolans område"
    assert _vandalism(coordinator) == 0
    assert not police_events_in_review(coordinator).exists()
    _assert_rollups_match_rebuild()
    last = AuditEvent.objects.filter(object_id=str(event.pk), action="status").latest("id")
    assert last.actor == school_member
    assert last.changes["review_status"] == ["reviewed", "dismissed"]
    assert last.changes["dismissal_reason"] == ["", "Gäller inte skolans område"]


def test_police_queue__dismissed_by_the_coordinator_leaves_the_picture_and_cannot_be_accepted(categories, coordinator):
    event = police_event("p-20")
    with pytest.raises(ServiceError):
        work.incident_dismiss(actor=coordinator, incident=event, reason=" ")
    assert Incident.objects.get(pk=event.pk).is_counted
    work.incident_dismiss(actor=coordinator, incident=event, reason="Utanför vårt område")
    assert _vandalism(coordinator) == 0
    assert not incidents_counted(coordinator).filter(pk=event.pk).exists()
    _assert_rollups_match_rebuild()
    work.incident_accept(actor=coordinator, incident=event)  # a late click changes nothing
    assert Incident.objects.get(pk=event.pk).review_status == ReviewStatus.DISMISSED
    with pytest.raises(PermissionDeniedError):  # dismissed once: not dismissed again
        work.incident_dismiss(actor=coordinator, incident=event, reason="igen")


def test_police_queue_view__tab_lists_the_event_and_dismissal_returns_to_the_tab(client, categories, coordinator):
    event = police_event("p-30", summary="Skadegörelse på busskuren")
    client.force_login(coordinator)
    tab = reverse("incidents:queue") + "?flik=polisen"
    body = client.get(tab).content.decode()
    assert f'data-incident="{event.pk}"' in body and "Inte relevant för oss" in body
    assert f'data-incident="{event.pk}"' not in client.get(reverse("incidents:queue")).content.decode()
    response = client.post(reverse("incidents:dismiss", args=[event.pk]), {"reason": "Inte hos oss", "next": tab})
    assert response.status_code == 302 and response.url == tab
    assert Incident.objects.get(pk=event.pk).review_status == ReviewStatus.DISMISSED
    assert 'id="police-queue-empty"' in client.get(tab).content.decode()
