import datetime as dt
import io
import json

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem, WorkKind
from tryggsam.casework.selectors import measures_due
from tryggsam.core.models import Classification
from tryggsam.demo.data.people import DEMO_PASSWORD, USERS
from tryggsam.forums.models import (
    DeliveryStatus,
    Finding,
    Forum,
    ForumKind,
    ForumMember,
    Programme,
    ProgrammeDelivery,
    SafetyWalk,
)
from tryggsam.meetings.models import Decision
from tryggsam.places.models import Area, AreaAlias, AreaLevel
from tryggsam.plans.models import ActionPlan, FocusArea, PlanKind

FOCUS_AREA_TEXT_FIELDS = (
    "name", "goal", "purpose", "target_group", "measure", "responsible", "police_contact", "police_commitment",
    "district_contact", "district_commitment", "other_actors", "funding", "communication", "follow_up",
)  # fmt: skip
AUDITED_MODELS = (
    Organisation, User, Membership, Forum, ForumMember, Problem, Measure, FollowUp, Programme,
    ProgrammeDelivery, SafetyWalk, Finding, ActionPlan, FocusArea,
)  # fmt: skip
COUNTED_MODELS = (*AUDITED_MODELS, Area, AreaAlias, AuditEvent)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def run_again() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo__prints_swedish_logins_with_password(demo):
    assert f"Demoinloggningar (lösenord: {DEMO_PASSWORD})" in demo
    for spec in USERS:
        assert spec.email in demo


def test_load_demo__imports_real_districts_from_shared(demo, shared_dir):
    features = json.loads((shared_dir / "data/geo/stockholm_stadsdelar_simplified.geo.json").read_text())["features"]
    assert Area.objects.filter(level=AreaLevel.DISTRICT).count() == len(features)
    district_area = Area.objects.get(level=AreaLevel.DISTRICT_AREA, name="Hägersten-Älvsjö")
    assert Area.objects.get(level=AreaLevel.DISTRICT, name="Västertorp").parent == district_area
    assert Area.objects.filter(level=AreaLevel.PLACE).exclude(geometry="").exists()  # metro stations


def test_load_demo__defines_fvh_abbreviation(demo):
    names = set(AreaAlias.objects.filter(name="F/V/H").values_list("area__name", flat=True))
    assert names == {"Fruängen", "Västertorp", "Hägerstensåsen"}


def test_load_demo__organisations_of_every_kind_the_district_needs(demo):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {
        OrganisationKind.DISTRICT_ADMINISTRATION, OrganisationKind.POLICE, OrganisationKind.FIRE_AND_RESCUE,
        OrganisationKind.SCHOOL, OrganisationKind.SOCIAL_SERVICES, OrganisationKind.HOUSING_COMPANY,
        OrganisationKind.SECURITY_COMPANY, OrganisationKind.PUBLIC_TRANSPORT, OrganisationKind.ASSOCIATION,
        OrganisationKind.BUSINESS,
    } <= kinds  # fmt: skip
    assert Organisation.objects.filter(kind=OrganisationKind.SCHOOL).count() >= 3


def test_load_demo__one_account_per_role(demo):
    roles = set(Membership.objects.filter(user__email__endswith="@demo.tryggsam.se").values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(memberships__role=Role.ADMIN)
    assert admin.is_staff and admin.is_superuser
    police = User.objects.get(email="kommunpolis@demo.tryggsam.se")
    assert police.memberships.get().organisation.kind == OrganisationKind.POLICE


def test_load_demo__council_with_working_groups(demo):
    council = Forum.objects.get(kind=ForumKind.COUNCIL)
    assert "fyra" in council.cadence.lower()
    groups = Forum.objects.filter(kind=ForumKind.WORKING_GROUP, parent=council)
    assert groups.count() >= 4
    roles = set(ForumMember.objects.values_list("role", flat=True))
    assert {"chair", "convener", "secretary", "member"} <= roles
    assert all(forum.members.exists() for forum in Forum.objects.all())


def test_load_demo__partnerships_have_full_work_tables(demo):
    partnerships = Forum.objects.filter(kind=ForumKind.PARTNERSHIP)
    assert partnerships.count() == 3
    for forum in partnerships:
        problems = Problem.objects.filter(forum=forum)
        measures = Measure.objects.filter(problem__forum=forum)
        assert forum.area is not None
        assert problems.count() >= 10 and measures.count() >= 10, forum.name
        assert set(problems.values_list("kind", flat=True)) == set(WorkKind.values)
        assert len(set(measures.values_list("status", flat=True))) >= 4, forum.name
        # A measure the council has just decided (demo.held_meeting) has no follow-up yet.
        decided = Decision.objects.exclude(created_measure=None).values("created_measure")
        assert not measures.filter(follow_ups__isnull=True).exclude(pk__in=decided).exists(), "a follow-up each"
        assert measures.exclude(participants_text="").exists()
        assert measures.exclude(responsible_text="").filter(responsible_organisation__isnull=False).exists()
        assert measures.filter(responsible_user__isnull=False).exists()


def test_load_demo__statuses_reached_through_follow_ups(demo):
    assert set(Measure.objects.values_list("status", flat=True)) == set(MeasureStatus.values)
    for measure in Measure.objects.exclude(status=MeasureStatus.PLANNED):
        assert measure.follow_ups.filter(status_after=measure.status).exists()
        assert AuditEvent.objects.filter(
            object_type="casework.measure", object_id=str(measure.pk), action=AuditAction.STATUS
        ).exists()


def test_load_demo__follow_up_dates_spread_around_today(demo):
    today = timezone.localdate()
    open_measures = Measure.objects.filter(
        status__in=[MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.PAUSED]
    )
    assert open_measures.filter(next_follow_up__lt=today).exists()
    assert open_measures.filter(next_follow_up__range=(today, today + dt.timedelta(days=14))).exists()
    assert open_measures.filter(next_follow_up__gt=today + dt.timedelta(days=14)).exists()


@pytest.mark.parametrize("email", ["samordnare@demo.tryggsam.se", "kommunpolis@demo.tryggsam.se"])
def test_load_demo__coordinator_and_police_have_due_follow_ups(demo, email):
    user = User.objects.get(email=email)
    due = measures_due(user, responsible_user=user)
    assert due.count() >= 3
    assert due.filter(next_follow_up__lt=timezone.localdate()).exists()


def test_load_demo__restricted_rows_belong_to_police_and_open_rows_exist(demo):
    police = Organisation.objects.get(kind=OrganisationKind.POLICE)
    restricted = Problem.objects.filter(classification=Classification.RESTRICTED)
    assert restricted.exists()
    assert set(restricted.values_list("owner_organisation", flat=True)) == {police.pk}
    assert not Measure.objects.filter(problem__in=restricted).exclude(classification=Classification.RESTRICTED).exists()
    assert Problem.objects.filter(classification=Classification.OPEN).exists()


def test_load_demo__action_plan_with_every_field_filled(demo):
    plan = ActionPlan.objects.get(kind=PlanKind.ACTION_PLAN)
    assert plan.forum.kind == ForumKind.COUNCIL
    focus_areas = list(plan.focus_areas.all())
    assert len(focus_areas) >= 5
    for focus_area in focus_areas:
        for name in FOCUS_AREA_TEXT_FIELDS:
            assert getattr(focus_area, name).strip(), f"{focus_area.name}: {name}"
        assert focus_area.activities and all(isinstance(a, str) and a for a in focus_area.activities)
        assert focus_area.forum is not None and focus_area.forum_text
        assert focus_area.area is not None


def test_load_demo__programmes_delivered_in_schools_over_two_years(demo):
    assert set(Programme.objects.values_list("grade", flat=True)) == {7, 8}
    for programme in Programme.objects.all():
        deliveries = programme.deliveries.all()
        assert deliveries.filter(status=DeliveryStatus.DELIVERED).values("school").distinct().count() >= 2
        assert deliveries.values("school").distinct().count() >= 3
        assert set(deliveries.values_list("school_year", flat=True)) == {"2024/25", "2025/26"}
    assert len(set(ProgrammeDelivery.objects.values_list("status", flat=True))) >= 3


def test_load_demo__safety_walk_finding_became_problem(demo):
    walk = SafetyWalk.objects.get()
    assert walk.findings.count() >= 4
    converted = walk.findings.filter(problem__isnull=False)
    assert converted.count() == 1
    problem = converted.get().problem
    assert problem.forum == walk.forum and problem.forum.kind == ForumKind.PARTNERSHIP
    assert problem.measures.exists()


def test_load_demo__every_record_has_a_system_create_audit_row(demo):
    """Every record is audited as created by the system, except what the coordinator wrote herself in
    the held council meeting (its new measure and follow-up), which names her."""
    coordinator = User.objects.get(email="samordnare@demo.tryggsam.se")
    for model in AUDITED_MODELS:
        label = model._meta.label_lower
        ids = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
        creates = AuditEvent.objects.filter(object_type=label, action=AuditAction.CREATE)
        by_system = set(creates.filter(actor__isnull=True).values_list("object_id", flat=True))
        by_coordinator = set(creates.filter(actor=coordinator).values_list("object_id", flat=True))
        assert ids and ids <= by_system | by_coordinator, label
        assert len(by_coordinator & ids) == (1 if model in (Measure, FollowUp) else 0), label


def test_load_demo__no_password_hash_in_audit_trail(demo):
    for event in AuditEvent.objects.filter(object_type="accounts.user"):
        password = event.changes.get("password")
        assert password is None or not str(password[1]).startswith("md5$")


def test_load_demo__second_run_creates_nothing(demo):
    before = counts()
    output = run_again()
    assert counts() == before
    assert "finns redan" in output
    assert f"lösenord: {DEMO_PASSWORD}" in output


def test_load_demo__second_run_restores_a_changed_password(demo, client):
    user = User.objects.get(email="lasare@demo.tryggsam.se")
    user.set_password("ett-helt-annat-losenord")
    user.save()
    output = run_again()
    assert "1 lösenord" in output
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("email", [spec.email for spec in USERS])
def test_load_demo__every_demo_user_logs_in_with_printed_password(demo, client, email):
    response = client.post(reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
    assert client.get(reverse("home:start")).status_code == 200


def test_load_demo__demo_password_passes_the_validators(demo):
    for user in User.objects.filter(email__endswith="@demo.tryggsam.se"):
        validate_password(DEMO_PASSWORD, user)


def test_load_demo__walk_with_a_route_invited_and_findings_on_it(demo):
    walk = SafetyWalk.objects.get()
    coordinates = walk.route["coordinates"]
    assert len(coordinates) >= 5
    area = walk.area
    for lon, lat in coordinates:  # the route lies in (or at the edge of) the walk's area
        assert area.min_lat - 0.005 <= lat <= area.max_lat + 0.005
        assert area.min_lon - 0.005 <= lon <= area.max_lon + 0.005
    assert walk.invitees.filter(user__isnull=False).count() >= 2 and walk.invitees.filter(user=None).exists()
    assert all(f.lat is not None for f in walk.findings.all())


def test_load_demo__citizen_promise_decided_and_followed_up_once(demo, client):
    promise = ActionPlan.objects.get(kind=PlanKind.CITIZEN_PROMISE)
    assert promise.is_frozen and promise.follow_ups.count() == 1
    follow_up = promise.follow_ups.get()
    assert {e.status for e in follow_up.entries.all()} == {"done", "partly", "not_done"}
    page = client.get(reverse("plans:detail", args=[promise.pk])).content.decode()
    assert "Nästa uppföljning föreslås" in page and "Försenad" not in page


def test_load_demo__tips_waiting_routed_and_accepted_in_the_review_queue(demo):
    from tryggsam.incidents.models import Incident, IncidentSource, ReviewStatus
    from tryggsam.incidents.selectors import tips_awaiting_review

    tips = Incident.objects.filter(source=IncidentSource.RESIDENT_TIP)
    assert {t.review_status for t in tips} == {ReviewStatus.PENDING, ReviewStatus.ROUTED, ReviewStatus.REVIEWED}
    routed = tips.get(review_status=ReviewStatus.ROUTED)
    falt = User.objects.get(email="falt@demo.tryggsam.se")  # a member of the organisation it was sent to
    assert list(tips_awaiting_review(falt)) == [routed]
    coordinator = User.objects.get(email="samordnare@demo.tryggsam.se")
    assert tips_awaiting_review(coordinator).count() == 2
    assert tips.get(review_status=ReviewStatus.REVIEWED).problem is not None


def test_load_demo__recent_police_events_in_the_review_queue_located_by_their_summary(demo):
    from tryggsam.incidents.selectors import police_events_in_review

    coordinator = User.objects.get(email="samordnare@demo.tryggsam.se")
    events = list(police_events_in_review(coordinator))
    assert len(events) == 3
    assert {e.district.name for e in events if e.district} >= {"Liljeholmen", "Fruängen"}
    assert all(e.municipality == "Stockholm" and timezone.localtime(e.occurred_at).hour == 21 for e in events)
