"""The cause tree's services: what they change, the audit rows they write in the same transaction,
and the refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    AreaFactory,
    FindingFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    SafetyWalkFactory,
)
from tryggsam.audit.models import AuditEvent
from tryggsam.causes import services
from tryggsam.causes.models import Cause, Evidence, EvidenceKind
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.incidents.services import ensure_default_categories


def _titles(problem):
    """The tree as (depth-first outline, title) pairs, read from the database."""
    from tryggsam.causes.selectors import tree_of

    rows = []

    def walk(parent, prefix):
        for i, c in enumerate(Cause.objects.filter(tree=tree_of(problem), parent=parent).order_by("position", "id")):
            rows.append((f"{prefix}{i + 1}", c.title))
            walk(c, f"{prefix}{i + 1}.")

    walk(None, "")
    return rows


def _audited(obj, action):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)


def test_cause_add__makes_the_tree_and_audits(problem, coordinator):
    cause = services.cause_add(actor=coordinator, owner=problem, title="  Mörk passage ", description="Kväll")
    assert cause.title == "Mörk passage"
    assert cause.tree.problem == problem
    assert _audited(cause, "create").exists()
    assert _audited(cause.tree, "create").exists()


def test_cause_add__positions_follow_the_order_added(tree, problem):
    assert _titles(problem) == [("1", "Mörk passage"), ("1.1", "Trasig belysning"), ("2", "Ingen vuxen närvaro")]


def test_cause_update__audits_old_and_new(tree, coordinator):
    services.cause_update(actor=coordinator, cause=tree["second"], title="Få vuxna ute", description="")
    event = _audited(tree["second"], "update").latest("pk")
    assert event.changes["title"] == ["Ingen vuxen närvaro", "Få vuxna ute"]


def test_cause_move__up_down_indent_outdent(tree, problem, coordinator):
    services.cause_move(actor=coordinator, cause=tree["second"], direction="up")
    assert _titles(problem) == [("1", "Ingen vuxen närvaro"), ("2", "Mörk passage"), ("2.1", "Trasig belysning")]
    services.cause_move(actor=coordinator, cause=tree["sub"], direction="outdent")
    assert _titles(problem) == [("1", "Ingen vuxen närvaro"), ("2", "Mörk passage"), ("3", "Trasig belysning")]
    services.cause_move(actor=coordinator, cause=tree["first"], direction="indent")
    assert _titles(problem) == [("1", "Ingen vuxen närvaro"), ("1.1", "Mörk passage"), ("2", "Trasig belysning")]
    services.cause_move(actor=coordinator, cause=tree["sub"], direction="up")
    assert _titles(problem) == [("1", "Trasig belysning"), ("2", "Ingen vuxen närvaro"), ("2.1", "Mörk passage")]
    assert _audited(tree["first"], "update").filter(changes__has_key="parent_id").exists()


@pytest.mark.parametrize(
    ("which", "direction", "message"),
    [
        ("first", "up", "redan först"),
        ("second", "down", "redan sist"),
        ("first", "indent", "ingen orsak ovanför"),
        ("first", "outdent", "redan överst"),
        ("sub", "indent", "ingen orsak ovanför"),
        ("first", "sidledes", "Okänd"),
    ],
)
def test_cause_move__refused_moves_change_nothing(tree, problem, coordinator, which, direction, message):
    before, events = _titles(problem), AuditEvent.objects.count()
    with pytest.raises(ServiceError, match=message):
        services.cause_move(actor=coordinator, cause=tree[which], direction=direction)
    assert _titles(problem) == before
    assert AuditEvent.objects.count() == events


def test_cause_move__indent_beyond_the_depth_limit_is_refused(problem, coordinator):
    services.cause_add(actor=coordinator, owner=problem, title="Ovanför")
    top = parent = services.cause_add(actor=coordinator, owner=problem, title="Gren 0")
    for level in range(1, 4):
        parent = services.cause_add(actor=coordinator, owner=problem, title=f"Gren {level}", parent=parent)
    before = _titles(problem)
    with pytest.raises(ValidationError, match="nivåer djupt"):
        services.cause_move(actor=coordinator, cause=top, direction="indent")
    assert _titles(problem) == before


def test_cause_delete__takes_the_sub_causes_and_evidence_and_audits_each(tree, problem, coordinator):
    evidence = services.evidence_add(
        actor=coordinator, cause=tree["sub"], kind=EvidenceKind.TEXT, text="Lampor trasiga", source="Vandring"
    )
    gone = [("causes.cause", tree["first"].pk), ("causes.cause", tree["sub"].pk), ("causes.evidence", evidence.pk)]
    services.cause_delete(actor=coordinator, cause=tree["first"])
    assert _titles(problem) == [("1", "Ingen vuxen närvaro")]
    assert not Evidence.objects.filter(pk=gone[2][1]).exists()
    for object_type, pk in gone:
        assert AuditEvent.objects.filter(object_type=object_type, object_id=str(pk), action="delete").exists()


def test_evidence_add__each_kind(tree, coordinator):
    cause = tree["first"]
    area = AreaFactory()
    graffiti = ensure_default_categories()["graffiti"]
    incidents = services.evidence_add(
        actor=coordinator, cause=cause, kind=EvidenceKind.INCIDENTS, categories=[graffiti], area=area,
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30),
    )  # fmt: skip
    assert list(incidents.categories.all()) == [graffiti]
    walk = SafetyWalkFactory(area=area)
    finding = services.evidence_add(
        actor=coordinator, cause=cause, kind=EvidenceKind.FINDING, finding=FindingFactory(walk=walk)
    )
    text = services.evidence_add(actor=coordinator, cause=cause, kind=EvidenceKind.TEXT, text="Hörsägen", source="Möte")
    for evidence in (incidents, finding, text):
        assert _audited(evidence, "create").exists()
    assert _audited(incidents, "update").filter(changes__has_key="categories").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "gissning"}, "Okänd typ"),
        ({"kind": EvidenceKind.TEXT, "text": "Utan källa", "source": "  "}, "både text och källa"),
        ({"kind": EvidenceKind.INCIDENTS}, "första och sista dag"),
        (
            {"kind": EvidenceKind.INCIDENTS, "period_start": dt.date(2026, 3, 1), "period_end": dt.date(2026, 1, 1)},
            "före den första",
        ),
        ({"kind": EvidenceKind.STATISTIC}, "brottsstatistiken"),
        ({"kind": EvidenceKind.SURVEY}, "trygghetsmätningen"),
        ({"kind": EvidenceKind.FINDING}, "trygghetsvandring"),
    ],
)
def test_evidence_add__bad_input_is_refused_and_changes_nothing(tree, coordinator, fields, message):
    events = AuditEvent.objects.count()
    with pytest.raises(ServiceError, match=message):
        services.evidence_add(actor=coordinator, cause=tree["first"], **fields)
    assert not Evidence.objects.exists()
    assert AuditEvent.objects.count() == events


def test_evidence_add__a_finding_of_a_walk_the_actor_may_not_read_is_refused(tree, member):
    stranger = OrganisationFactory(name="Annan förvaltning")
    walk = SafetyWalkFactory(classification="restricted", owner_organisation=stranger)
    with pytest.raises(ServiceError, match="får läsa"):
        services.evidence_add(
            actor=member, cause=tree["first"], kind=EvidenceKind.FINDING, finding=FindingFactory(walk=walk)
        )
    assert not Evidence.objects.exists()


def test_measure_aim__same_problem_only_and_audited(tree, problem, measure, other_problem, coordinator):
    services.measure_aim(actor=coordinator, cause=tree["first"], measure=measure)
    assert list(tree["first"].measures.all()) == [measure]
    assert _audited(tree["first"], "update").filter(changes__has_key="measures").exists()
    with pytest.raises(ServiceError, match="redan riktad"):
        services.measure_aim(actor=coordinator, cause=tree["first"], measure=measure)
    foreign = MeasureFactory(problem=other_problem)
    with pytest.raises(ServiceError, match="hör inte till"):
        services.measure_aim(actor=coordinator, cause=tree["first"], measure=foreign)
    services.measure_unaim(actor=coordinator, cause=tree["first"], measure=measure)
    assert not tree["first"].measures.exists()
    with pytest.raises(ServiceError, match="inte riktad"):
        services.measure_unaim(actor=coordinator, cause=tree["first"], measure=measure)


def test_services__a_reader_may_change_nothing(tree, problem, measure, reader):
    events = AuditEvent.objects.count()
    calls = [
        lambda: services.cause_add(actor=reader, owner=problem, title="Ny"),
        lambda: services.cause_update(actor=reader, cause=tree["first"], title="Ändrad"),
        lambda: services.cause_move(actor=reader, cause=tree["second"], direction="up"),
        lambda: services.cause_delete(actor=reader, cause=tree["first"]),
        lambda: services.evidence_add(actor=reader, cause=tree["first"], kind="text", text="x", source="y"),
        lambda: services.measure_aim(actor=reader, cause=tree["first"], measure=measure),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
    assert AuditEvent.objects.count() == events
    assert Cause.objects.count() == 3


def test_focus_area__measures_of_its_forum_or_area_may_be_aimed(coordinator, partnership, measure):
    from tests.factories import ActionPlanFactory, FocusAreaFactory
    from tryggsam.causes.selectors import eligible_measures

    area = AreaFactory(name="Torget")
    inside = AreaFactory(name="Torgets hörna", parent=area)
    plan = ActionPlanFactory()
    focus_area = FocusAreaFactory(plan=plan, forum=partnership)
    located = MeasureFactory(problem=ProblemFactory(area=inside))
    elsewhere = MeasureFactory(problem=ProblemFactory())
    assert set(eligible_measures(coordinator, focus_area)) == {measure}
    focus_area.area = area
    focus_area.save()
    assert set(eligible_measures(coordinator, focus_area)) == {measure, located}
    cause = services.cause_add(actor=coordinator, owner=focus_area, title="Otrygg skolväg")
    services.measure_aim(actor=coordinator, cause=cause, measure=located)
    with pytest.raises(ServiceError, match="hör inte till"):
        services.measure_aim(actor=coordinator, cause=cause, measure=elsewhere)


def test_focus_area__a_decided_plan_freezes_its_causes(coordinator):
    from tests.factories import ActionPlanFactory, FocusAreaFactory

    plan = ActionPlanFactory(status="decided", decided_on=dt.date(2026, 1, 1))
    with pytest.raises(PermissionDeniedError):
        services.cause_add(actor=coordinator, owner=FocusAreaFactory(plan=plan), title="För sent")
