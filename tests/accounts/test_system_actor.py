"""The system is an explicit actor with a stated scope (accounts.actors.SystemActor): the policy
answers for it from that scope alone, and "no user" is refused rather than let through."""

from __future__ import annotations

import pytest

from tests.factories import ForumFactory, OrganisationFactory, ProblemFactory
from tryggsam.accounts import permissions
from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.casework import services as casework
from tryggsam.casework.models import Problem
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.core.models import Classification

pytestmark = pytest.mark.django_db

OPEN_READER = SystemActor(purpose="test: läser det öppna")
ALL_READER = SystemActor(purpose="test: läser allt", reads=SystemScope.ALL)
WRITER = SystemActor(purpose="test: skriver som samordnare", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)


@pytest.fixture
def problems(db):
    owner = OrganisationFactory()
    return {
        c: ProblemFactory(title=f"Problem {c}", classification=c, owner_organisation=owner)
        for c in Classification.values
    }


@pytest.mark.parametrize(
    ("system", "readable"),
    [
        (OPEN_READER, {Classification.OPEN}),
        (ALL_READER, set(Classification.values)),
        (WRITER, set(Classification.values)),
    ],
    ids=["open", "all", "writer"],
)
def test_system_actor__reads_by_its_stated_scope(problems, system, readable):
    assert {c for c, p in problems.items() if permissions.can_view(system, p)} == readable
    listed = Problem.objects.filter(permissions.visible_q(system, Problem))
    assert {p.classification for p in listed} == readable


@pytest.mark.parametrize(
    ("system", "may_write"), [(OPEN_READER, False), (ALL_READER, False), (WRITER, True)], ids=["open", "all", "writer"]
)
def test_system_actor__writes_only_with_a_stated_role(system, may_write):
    assert bool(permissions.can_manage_collaboration(system)) is may_write
    assert bool(permissions.can_create_problem(system)) is may_write


def test_system_actor__open_scope_gets_the_public_picture():
    assert permissions.sees_public_picture(OPEN_READER)
    assert not permissions.sees_public_picture(ALL_READER)


def test_system_actor__no_user_is_refused_not_the_system(db):
    with pytest.raises(PermissionDeniedError):
        casework.problem_create(actor=None, title="Utan aktör")
    assert not Problem.objects.filter(title="Utan aktör").exists()


def test_system_actor__writes_and_its_audit_row_names_it(db):
    forum = ForumFactory()
    problem = casework.problem_create(actor=WRITER, title="Från ett jobb", forum=forum)
    event = AuditEvent.objects.get(object_type="casework.problem", object_id=str(problem.pk))
    assert event.actor is None and event.actor_label == "system: test: skriver som samordnare"


def test_system_actor__a_reader_may_not_write(db):
    with pytest.raises(PermissionDeniedError):
        casework.problem_create(actor=ALL_READER, title="Läsaren skriver")


def test_system_actor__restricted_forum_closed_to_an_open_scope_writer(db):
    writer = SystemActor(purpose="test: skriver, läser öppet", acts_as=Role.COORDINATOR)
    forum = ForumFactory(classification=Classification.RESTRICTED, owner_organisation=OrganisationFactory())
    assert not permissions.can_manage_forum(writer, forum)
    assert permissions.can_manage_forum(WRITER, forum)
