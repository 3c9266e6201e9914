"""A small world for the authorisation matrix: two organisations, one user per role in each, and
one record of every classified kind at each classification, all owned by organisation A.

The expected outcomes are written here independently of the policy module, from the rules the
users were promised: open is public, internal is for every member of the collaboration, restricted
is for the owning organisation only; coordinators edit what they can see, members edit what their
own organisation owns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import (
    ActionPlanFactory,
    FindingFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    SafetyWalkFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role

CLASSIFICATIONS = ("open", "internal", "restricted")
RANK = {"anonymous": 0, "reader": 1, "reporter": 2, "member": 3, "coordinator": 4, "admin": 5}


@dataclass(frozen=True)
class Actor:
    key: str  # e.g. "member@own"
    role: str  # anonymous, reader, reporter, member, coordinator, admin
    own: bool  # member of the owning organisation A

    @property
    def rank(self) -> int:
        return RANK[self.role]


ACTORS = [Actor("anonymous", "anonymous", False)] + [
    Actor(f"{role}@{side}", role, side == "own")
    for role in ("reader", "reporter", "member", "coordinator", "admin")
    for side in ("own", "other")
]


def may_view(actor: Actor, classification: str) -> bool:
    if classification == "open":
        return True
    if actor.rank == 0:
        return False
    return classification == "internal" or actor.own


def may_edit_measure(actor: Actor, classification: str) -> bool:
    if not may_view(actor, classification) or actor.rank == 0:
        return False
    return actor.rank >= RANK["coordinator"] or (actor.rank >= RANK["member"] and actor.own)


def may_manage(actor: Actor) -> bool:
    return actor.rank >= RANK["coordinator"]


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[tuple[str, str], Any] = field(default_factory=dict)

    def user(self, actor: Actor) -> Any:
        return self.users[actor.key]

    def obj(self, kind: str, classification: str) -> Any:
        return self.objects[(kind, classification)]


def build_world() -> World:
    from tryggsam.incidents.models import Incident, IncidentSource
    from tryggsam.meetings.models import Meeting

    own = OrganisationFactory(name="Ägande förvaltningen")
    other = OrganisationFactory(name="Annan organisation")
    world = World()
    world.users["anonymous"] = AnonymousUser()
    for actor in ACTORS[1:]:
        world.users[actor.key] = user_with_role(
            actor.role,
            own if actor.own else other,
            full_name=f"Matris {actor.key}",
            email=f"{actor.key.replace('@', '.')}@matris.se",
        )
    for c in CLASSIFICATIONS:
        owned = {"classification": c, "owner_organisation": own}
        forum = ForumFactory(name=f"MATRIS-forum-{c}", **owned)
        problem = ProblemFactory(forum=forum, title=f"MATRIS-problem-{c}", **owned)
        measure = MeasureFactory(problem=problem, title=f"MATRIS-measure-{c}", responsible_organisation=own, **owned)
        walk = SafetyWalkFactory(title=f"MATRIS-walk-{c}", forum=forum, **owned)
        world.objects.update(
            {
                ("forum", c): forum,
                ("problem", c): problem,
                ("measure", c): measure,
                ("plan", c): ActionPlanFactory(title=f"MATRIS-plan-{c}", **owned),
                ("walk", c): walk,
                ("finding", c): FindingFactory(walk=walk, text=f"MATRIS-finding-{c}"),
                ("meeting", c): Meeting.objects.create(
                    forum=forum,
                    date=timezone.localdate() + dt.timedelta(days=3),
                    location=f"MATRIS-meeting-{c}",
                    **owned,
                ),
                ("incident", c): Incident.objects.create(
                    source=IncidentSource.PARTNER_REPORT,
                    occurred_at=timezone.now() - dt.timedelta(days=1),
                    title=f"MATRIS-incident-{c}",
                    description=f"MATRIS-incident-{c}",
                    reporting_organisation=own,
                    **owned,
                ),
            }
        )
    # A restricted row inside the open forum's work table: the pages of the open forum must leave it
    # out for everyone who may not read restricted records (checked by the matrix's "hides").
    open_forum = world.obj("forum", "open")
    hidden = {"classification": "restricted", "owner_organisation": own}
    hidden_problem = ProblemFactory(forum=open_forum, title="MATRIS-problem-restricted (i öppet forum)", **hidden)
    MeasureFactory(problem=hidden_problem, title="MATRIS-measure-restricted (i öppet forum)", **hidden)
    MeasureFactory(problem=world.obj("problem", "open"), title="MATRIS-measure-restricted (på öppet problem)", **hidden)
    return world


__all__ = [
    "ACTORS",
    "CLASSIFICATIONS",
    "Actor",
    "Role",
    "World",
    "build_world",
    "may_edit_measure",
    "may_manage",
    "may_view",
]
