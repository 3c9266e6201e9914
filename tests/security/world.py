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
from tryggsam.casework.models import ALLOWED_TRANSITIONS as ALLOWED_NEXT

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


@dataclass
class MeetingOutputs:
    """Meetings inside the world's open forum whose outputs (page, minutes, invitation, public and
    published versions) hold records of every classification. Each secret is a marker that ends in
    its classification ("MATRIS-...-restricted"), so a test can tell who may read it."""

    meetings: dict[str, Any]  # by the meeting's classification
    markers: dict[str, list[str]]  # by the meeting's classification: every marker in its outputs


def add_meeting_outputs(world: World) -> MeetingOutputs:
    """An open, an internal and a restricted meeting (owned by organisation A) in the open forum,
    approved and published. In the open meeting: agenda items of every classification; decisions
    that create a measure on a problem of every classification and that change the restricted
    measure; items on place partnerships of every classification (their descriptions). In every
    meeting: an open and a restricted item, a guest, a place."""
    from tryggsam.core.models import Classification
    from tryggsam.meetings import distribution, services
    from tryggsam.meetings.models import AgendaItem, Meeting

    actor = world.users["admin@own"]
    forum = world.obj("forum", "open")
    own = forum.owner_organisation
    meetings: dict[str, Any] = {}
    markers: dict[str, list[str]] = {}
    for c in CLASSIFICATIONS:
        meeting = Meeting.objects.create(
            forum=forum,
            date=timezone.localdate() - dt.timedelta(days=7),
            location=f"MATRIS-place-{c}",
            classification=c,
            owner_organisation=own,
        )
        services.meeting_call(
            actor=actor, meeting=meeting, users=[], guests=[{"name": f"MATRIS-guest-{c}", "title": "Gäst"}]
        )
        found = [f"MATRIS-place-{c}", f"MATRIS-guest-{c}"]
        for item_c in CLASSIFICATIONS:
            services.item_add(
                actor=actor,
                meeting=meeting,
                heading=f"MATRIS-item-{c}-{item_c}",
                notes=f"MATRIS-notes-{c}-{item_c}",
                classification=item_c,
            )
            found += [f"MATRIS-item-{c}-{item_c}", f"MATRIS-notes-{c}-{item_c}"]
        meetings[c] = meeting
        markers[c] = found
    meeting = meetings["open"]
    decisions = services.item_add(
        actor=actor, meeting=meeting, heading="Beslutade åtgärder och insatser", classification="open"
    )
    for problem_c in CLASSIFICATIONS:
        services.decision_record(
            actor=actor,
            item=decisions,
            text=f"MATRIS-decided-{problem_c}",
            create_measure={"problem": world.obj("problem", problem_c), "title": f"MATRIS-decided-{problem_c}"},
        )
        markers["open"].append(f"MATRIS-decided-{problem_c}")
    changed = world.obj("measure", "restricted")
    services.decision_record(
        actor=actor,
        item=decisions,
        text="MATRIS-changetext-restricted",
        change_measure=(changed, sorted(ALLOWED_NEXT[changed.status])[0], "Statusen ändrades på mötet."),
    )
    markers["open"] += ["MATRIS-changetext-restricted", "MATRIS-measure-restricted"]
    for partnership_c in CLASSIFICATIONS:
        partnership = ForumFactory(
            name=f"MATRIS-partnership-{partnership_c}",
            parent=forum,
            description=f"MATRIS-description-{partnership_c}",
            classification=partnership_c,
            owner_organisation=own,
        )
        item = services.item_add(actor=actor, meeting=meeting, heading="Platssamverkan", partnership=partnership)
        # An item written before items had their own classification: open, whatever it points to.
        AgendaItem.objects.filter(pk=item.pk).update(classification=Classification.OPEN)
        markers["open"].append(f"MATRIS-description-{partnership_c}")
    for c, m in meetings.items():
        services.meeting_approve(actor=actor, meeting=m)
        distribution.minutes_publish(actor=actor, meeting=m)
        m.refresh_from_db()
        meetings[c] = m
    return MeetingOutputs(meetings=meetings, markers=markers)


__all__ = [
    "ACTORS",
    "CLASSIFICATIONS",
    "Actor",
    "MeetingOutputs",
    "Role",
    "World",
    "add_meeting_outputs",
    "build_world",
    "may_edit_measure",
    "may_manage",
    "may_view",
]
