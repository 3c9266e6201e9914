"""Who reads and who changes a cause tree: it follows the owner. And an incident filter is counted as
the reader: restricted incidents only for those who may read them, the public rule for visitors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    FocusAreaFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.causes import selectors, services
from tryggsam.causes.models import EvidenceKind
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories


@pytest.fixture
def restricted(district_admin, coordinator):
    problem = ProblemFactory(classification="restricted", owner_organisation=district_admin, title="Hemligt")
    cause = services.cause_add(actor=coordinator, owner=problem, title="Begränsad orsak")
    return problem, cause


@pytest.fixture
def stranger(db):
    return user_with_role(Role.COORDINATOR, OrganisationFactory(name="Annan kommun"), full_name="Sten Främling")


def test_restricted_problem__another_organisation_and_anonymous_read_nothing(restricted, stranger):
    problem, cause = restricted
    for user in (stranger, AnonymousUser()):
        assert not permissions.can_view_causes(user, problem)
        assert not permissions.can_edit_causes(user, problem)
        with pytest.raises(Http404):
            selectors.cause_for(user, cause.pk)
        assert not selectors.causes_visible_to(user).exists()
        assert selectors.cause_trees(user, problems=[problem]) == []


def test_restricted_problem__its_own_organisation_reads_and_the_read_is_audited(restricted, reader):
    from tryggsam.audit.models import AuditEvent

    problem, cause = restricted
    assert selectors.cause_for(reader, cause.pk) == cause
    assert AuditEvent.objects.filter(action="read", object_type="casework.problem", object_id=str(problem.pk)).exists()
    [view] = selectors.cause_trees(reader, problems=[problem])
    assert [n.cause.title for n in view.nodes] == ["Begränsad orsak"]
    assert not view.can_edit  # a reader reads, never changes


def test_reader_cannot_edit__member_of_the_owner_and_coordinator_can(
    problem, reader, member, coordinator, police_member
):
    assert not permissions.can_edit_causes(reader, problem)
    assert permissions.can_edit_causes(member, problem)
    assert permissions.can_edit_causes(coordinator, problem)
    assert not permissions.can_edit_causes(police_member, problem)  # a member of another organisation
    assert permissions.can_view_causes(police_member, problem)  # but the problem is internal


def test_focus_area__follows_its_plan(coordinator, member, stranger, district_admin):
    plan = ActionPlanFactory(classification="restricted", owner_organisation=district_admin)
    focus_area = FocusAreaFactory(plan=plan)
    assert permissions.can_edit_causes(coordinator, focus_area)
    assert not permissions.can_edit_causes(member, focus_area)  # plans are kept by coordinators
    assert permissions.can_view_causes(member, focus_area)
    assert not permissions.can_view_causes(stranger, focus_area)
    with pytest.raises(Http404):
        selectors.focus_area_for(stranger, focus_area.pk)


def test_aimed_measures__a_restricted_measure_is_hidden_from_those_who_may_not_read_it(
    problem, tree, coordinator, police_member, district_admin
):
    secret = MeasureFactory(
        problem=problem, title="Dold insats", classification="restricted", owner_organisation=district_admin
    )
    services.measure_aim(actor=coordinator, cause=tree["first"], measure=secret)
    [own] = [n for n in selectors.tree_view(coordinator, problem).nodes if n.cause == tree["first"]]
    [other] = [n for n in selectors.tree_view(police_member, problem).nodes if n.cause == tree["first"]]
    assert [m.title for m in own.measures] == ["Dold insats"]
    assert other.measures == ()


def _incident(area, category, *, classification="internal", owner=None, days_ago=10):
    incident = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now() - dt.timedelta(days=days_ago),
        title="Händelse",
        description="Testhändelse",
        district=area,
        classification=classification,
        owner_organisation=owner,
    )
    incident.categories.add(category)
    return incident


def test_incident_evidence__counted_live_as_the_reader(tree, problem, coordinator, district_admin, stranger):
    area = AreaFactory(name="Torgets stadsdel", level="district")
    graffiti = ensure_default_categories()["graffiti"]
    today = timezone.localdate()
    services.evidence_add(
        actor=coordinator, cause=tree["first"], kind=EvidenceKind.INCIDENTS, categories=[graffiti], area=area,
        period_start=today - dt.timedelta(days=60), period_end=today,
    )  # fmt: skip
    for _ in range(3):
        _incident(area, graffiti, classification="open")
    _incident(area, graffiti, classification="restricted", owner=district_admin)
    _incident(area, graffiti, days_ago=200)  # outside the period
    _incident(area, ensure_default_categories()["litter"])  # another category

    def count(user):
        [node] = [n for n in selectors.tree_view(user, problem).nodes if n.cause == tree["first"]]
        return node.evidence[0].count

    assert count(coordinator) == 4
    assert count(stranger) == 3  # the restricted incident is not theirs to count
    _incident(area, graffiti, classification="open")
    assert count(coordinator) == 5  # live, not stored


def test_incident_evidence__the_public_rule_hides_small_counts(district_admin, coordinator):
    problem = ProblemFactory(classification="open", owner_organisation=district_admin)
    cause = services.cause_add(actor=coordinator, owner=problem, title="Öppen orsak")
    area = AreaFactory(name="Öppna stadsdelen", level="district")
    graffiti = ensure_default_categories()["graffiti"]
    today = timezone.localdate()
    services.evidence_add(
        actor=coordinator, cause=cause, kind=EvidenceKind.INCIDENTS, categories=[graffiti], area=area,
        period_start=today - dt.timedelta(days=30), period_end=today,
    )  # fmt: skip
    _incident(area, graffiti, classification="open")
    [node] = selectors.tree_view(AnonymousUser(), problem).nodes
    assert node.evidence[0].count is None  # one incident: "not shown" for the public
    [node] = selectors.tree_view(coordinator, problem).nodes
    assert node.evidence[0].count == 1


def test_cause_trees__plain_dataclasses_for_the_statutory_documents(tree, problem, measure, coordinator):
    services.measure_aim(actor=coordinator, cause=tree["second"], measure=measure)
    services.evidence_add(
        actor=coordinator, cause=tree["sub"], kind="text", text="Tre lampor släckta", source="Vandring 3 mars"
    )
    focus_area = FocusAreaFactory()
    services.cause_add(actor=coordinator, owner=focus_area, title="Skolvägen")
    empty = ProblemFactory()
    views = selectors.cause_trees(coordinator, problems=[problem, empty], focus_areas=[focus_area])
    assert [v.owner_kind for v in views] == ["problem", "focus_area"]
    assert [(n.number, n.depth, n.cause.title) for n in views[0].nodes] == [
        ("1", 0, "Mörk passage"),
        ("1.1", 1, "Trasig belysning"),
        ("2", 0, "Ingen vuxen närvaro"),
    ]
    assert views[0].nodes[1].evidence[0].text == "Tre lampor släckta"
    assert views[0].nodes[1].evidence[0].source == "Vandring 3 mars"
    assert [m.title for m in views[0].nodes[2].measures] == [measure.title]


def test_gaps__causes_without_measures_and_measures_without_a_cause(tree, problem, measure, coordinator, partnership):
    unused = MeasureFactory(problem=problem, title="Ingen orsak ännu")
    services.measure_aim(actor=coordinator, cause=tree["first"], measure=measure)
    found = selectors.gaps(coordinator, forum=partnership)
    assert {c.title for c in found.causes_without_measures} == {"Ingen vuxen närvaro", "Trasig belysning"}
    assert found.measures_without_cause == [unused]
