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


# --- outputs of the situation picture, incidents and casework (additive: build_world is unchanged) --
#
# Records of both organisations, at every classification, inside the open forum and located in one
# district: every output format (HTML, JSON, PDF, DOCX, CSV, XLSX) is searched for the markers of the
# records an actor may not read. Incidents of each (classification, owner) group carry their own
# category, so a count that reaches the wrong reader shows up as that category's name in the
# situation picture, its API, its report and its map.

OWNERS = ("own", "other")
OUTPUT_MARK = "UTDATA"
PUBLIC_LIMIT = 3  # the promise to the public: no count of 1 or 2 of anything, anywhere
# (classification, owner) -> (category code, its Swedish name, number of incidents)
INCIDENT_GROUPS: dict[tuple[str, str], tuple[str, str, int]] = {
    ("open", "own"): ("graffiti", "Klotter", 4),
    ("open", "other"): ("litter", "Nedskräpning", 1),  # one open incident: the public sees "< 3"
    ("internal", "own"): ("drug_dealing", "Narkotikahandel", 3),
    ("internal", "other"): ("vandalism", "Skadegörelse", 3),
    ("restricted", "own"): ("burglary", "Inbrott", 3),
    ("restricted", "other"): ("fire", "Brand", 3),
}
CLUSTER = (59.305, 18.005)  # the open cluster of four (one hexagon for the public map)
LONE = (59.3003, 18.0003)  # the lone open incident, in another hexagon


def may_view_owned(actor: Actor, classification: str, owner: str) -> bool:
    """`may_view` for a record owned by organisation A ("own") or by the other organisation ("other")."""
    if classification == "open":
        return True
    if actor.rank == 0:
        return False
    return classification == "internal" or actor.own == (owner == "own")


def output_marker(kind: str, classification: str, owner: str) -> str:
    return f"{OUTPUT_MARK}-{kind}-{classification}-{owner}"


def expected_situation_total(actor: Actor) -> int | None:
    """The total of the picture: every incident the actor may read; for the public only the
    categories of at least PUBLIC_LIMIT are added up (None when nothing is left to show)."""
    counts = [n for (c, o), (_code, _name, n) in INCIDENT_GROUPS.items() if may_view_owned(actor, c, o)]
    if actor.rank == 0:
        total = sum(n for n in counts if n >= PUBLIC_LIMIT)
        return None if 0 < total < PUBLIC_LIMIT else total
    return sum(counts)


@dataclass
class OutputWorld:
    district_area: Any
    district: Any
    place: Any
    start: dt.date
    end: dt.date
    forum: Any  # the open forum the casework rows sit in
    incidents: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    problems: dict[tuple[str, str], Any] = field(default_factory=dict)
    measures: dict[tuple[str, str], Any] = field(default_factory=dict)


def build_output_world(world: World) -> OutputWorld:
    """Add the records of the output matrix to a world made by `build_world`."""
    from tests.factories import SQUARE, AreaFactory
    from tryggsam.incidents.models import Incident, IncidentSource, Precision
    from tryggsam.incidents.services import ensure_default_categories
    from tryggsam.places.models import AreaLevel
    from tryggsam.situation.rollups import add_incidents

    organisations = {
        "own": world.users["reader@own"].memberships.get().organisation,
        "other": world.users["reader@other"].memberships.get().organisation,
    }
    categories = ensure_default_categories()
    district_area = AreaFactory(name="Utdataområdet", level=AreaLevel.DISTRICT_AREA, geometry="", min_lat=None)
    district = AreaFactory(name="Utdatastaden", level=AreaLevel.DISTRICT, parent=district_area, geometry=SQUARE)
    place = AreaFactory(name="Utdatatorget", level=AreaLevel.PLACE, parent=district, geometry=SQUARE)
    today = timezone.localdate()
    out = OutputWorld(
        district_area=district_area,
        district=district,
        place=place,
        start=today - dt.timedelta(days=29),
        end=today,
        forum=world.obj("forum", "open"),
    )
    when = timezone.now() - dt.timedelta(days=2)
    for (c, owner), (code, _name, n) in INCIDENT_GROUPS.items():
        lat, lon = LONE if n == 1 else CLUSTER
        created = []
        for i in range(n):
            incident = Incident.objects.create(
                source=IncidentSource.PARTNER_REPORT,
                occurred_at=when,
                title=f"{output_marker('incident', c, owner)} {i}",
                description=f"{output_marker('incident', c, owner)} beskrivning",
                lat=lat,
                lon=lon,
                precision=Precision.PLACE,
                place=place,
                district=district,
                district_area=district_area,
                reporting_organisation=organisations[owner],
                classification=c,
                owner_organisation=organisations[owner],
            )
            incident.categories.add(categories[code])
            created.append(incident)
        add_incidents([(incident, [categories[code].pk]) for incident in created])
        out.incidents[(c, owner)] = created
        problem = ProblemFactory(
            forum=out.forum,
            area=district,
            title=output_marker("problem", c, owner),
            classification=c,
            owner_organisation=organisations[owner],
        )
        out.problems[(c, owner)] = problem
        out.measures[(c, owner)] = MeasureFactory(
            problem=problem,
            title=output_marker("measure", c, owner),
            responsible_organisation=organisations[owner],
        )
    return out


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
