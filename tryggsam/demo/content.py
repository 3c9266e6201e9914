"""Build the demo's collaboration content from the declarative data modules, through the write
services with the system as actor (None), so that every record gets its audit rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tryggsam.accounts.models import Organisation, User
from tryggsam.audit.writes import update_audited
from tryggsam.casework.models import Measure, Problem
from tryggsam.casework.services import finding_to_problem, measure_change_status, measure_create, problem_create
from tryggsam.core.holidays import working_day_on_or_after
from tryggsam.core.models import Classification
from tryggsam.demo.causes import create_cause_analysis
from tryggsam.demo.data import alvsjo, fvh, liljeholmen, promise
from tryggsam.demo.data.forums import (
    DELIVERIES,
    DISTRICT_AREA,
    FINDING_PROBLEM_TITLE,
    FINDINGS,
    FORUMS,
    PROGRAMMES,
    SAFETY_WALK,
    WALK_FINDING_POINTS,
    WALK_GUESTS,
    WALK_INVITED_MEMBERS,
    WALK_ROUTE_OFFSETS,
)
from tryggsam.demo.data.plan import COMMUNICATION, FOCUS_AREAS, FUNDING, PLAN
from tryggsam.demo.data.specs import MeasureSpec, ProblemSpec
from tryggsam.demo.effects import create_demo_effects
from tryggsam.demo.goals import create_goals
from tryggsam.demo.held_meeting import approve_held_meeting, create_held_meeting, create_partnership_meeting
from tryggsam.demo.incidents import create_demo_incidents, create_demo_police_events, create_demo_tips
from tryggsam.demo.places import area_named
from tryggsam.demo.population import create_demo_populations
from tryggsam.demo.priorities import create_demo_priorities
from tryggsam.demo.statutory import create_statutory_documents
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.forums.models import Forum
from tryggsam.forums.services import (
    delivery_record,
    finding_add,
    forum_create,
    forum_member_add,
    programme_create,
)
from tryggsam.forums.walk_services import safety_walk_plan
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.services import meeting_schedule
from tryggsam.plans.follow_ups import EntryInput, follow_up_record
from tryggsam.plans.models import ActionPlan
from tryggsam.plans.services import focus_area_create, plan_create, plan_decide

WORK_TABLES = (("liljeholmen", liljeholmen.PROBLEMS), ("fvh", fvh.PROBLEMS), ("alvsjo", alvsjo.PROBLEMS))


@dataclass
class Directory:
    """The records the data modules refer to by key, and the day the demo's relative dates count from."""

    organisations: dict[str, Organisation]
    users: dict[str, User]
    today: dt.date
    forums: dict[str, Forum] = field(default_factory=dict)

    def organisation(self, key: str) -> Organisation | None:
        return self.organisations[key] if key else None

    def user(self, key: str) -> User | None:
        return self.users[key] if key else None

    def days(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)


def create_forums(d: Directory) -> None:
    for spec in FORUMS:
        forum = forum_create(
            actor=DEMO_SYSTEM,
            name=spec.name,
            kind=spec.kind,
            purpose=spec.purpose,
            cadence=spec.cadence,
            parent=d.forums[spec.parent] if spec.parent else None,
            area=area_named(spec.area) if spec.area else None,
            description=spec.description,
            classification=spec.classification,
        )
        d.forums[spec.key] = forum
        for member in spec.members:
            forum_member_add(
                actor=DEMO_SYSTEM,
                forum=forum,
                user=d.user(member.user),
                organisation=d.organisation(member.organisation),
                role=member.role,
                title=member.title,
            )


def add_measure(d: Directory, problem: Problem, spec: MeasureSpec) -> Measure:
    """Create a measure as planned and walk it through its follow-ups, so that the status history
    is real; the last follow-up sets the next follow-up date."""
    measure = measure_create(
        actor=DEMO_SYSTEM,
        problem=problem,
        title=spec.title,
        participants_text=spec.participants,
        participating_organisations=[d.organisations[k] for k in spec.organisations],
        responsible_organisation=d.organisation(spec.responsible_org),
        responsible_user=d.user(spec.responsible_user),
        responsible_text=spec.responsible_text,
        description=spec.description,
    )
    next_follow_up = d.days(spec.follow_up_in) if spec.follow_up_in is not None else None
    for i, step in enumerate(spec.steps):
        last = i == len(spec.steps) - 1
        measure_change_status(
            actor=DEMO_SYSTEM,
            measure=measure,
            expected_version=None,
            new_status=step.status,
            note=step.note,
            date=d.days(-step.days_ago),
            next_follow_up=next_follow_up if last else "unchanged",
        )
    return measure


def add_problem(d: Directory, forum: Forum, spec: ProblemSpec) -> Problem:
    problem = problem_create(
        actor=DEMO_SYSTEM,
        title=spec.title,
        kind=spec.kind,
        forum=forum,
        area=area_named(spec.area),
        description=spec.description,
        categories=spec.categories,
        classification=spec.classification,
        owner_organisation=d.organisations[spec.owner],
    )
    for measure in spec.measures:
        add_measure(d, problem, measure)
    return problem


def create_work_tables(d: Directory) -> None:
    for forum_key, problems in WORK_TABLES:
        for spec in problems:
            add_problem(d, d.forums[forum_key], spec)


def create_programmes(d: Directory) -> None:
    programmes = {}
    for spec in PROGRAMMES:
        programme = programme_create(
            actor=DEMO_SYSTEM,
            name=spec.name,
            short_name=spec.short_name,
            grade=spec.grade,
            description=spec.description,
            forum=d.forums[spec.forum],
        )
        programmes[spec.key] = update_audited(
            obj=programme, actor=DEMO_SYSTEM, fields={"responsible_organisation": d.organisations[spec.organisation]}
        )
    for programme_key, school, year, status, delivered_on, classes, note in DELIVERIES:
        delivery_record(
            actor=DEMO_SYSTEM,
            programme=programmes[programme_key],
            school=d.organisations[school],
            school_year=year,
            status=status,
            delivered_on=dt.date.fromisoformat(delivered_on) if delivered_on else None,
            classes=classes,
            note=note,
        )


def create_safety_walk(d: Directory) -> Problem:
    """A walk with its findings; the first finding becomes a problem in the partnership's table."""
    forum = d.forums[SAFETY_WALK.forum]
    area = area_named(SAFETY_WALK.area)
    lat0 = (
        area.centroid_lat if area.centroid_lat is not None else ((area.min_lat or 59.29) + (area.max_lat or 59.29)) / 2
    )
    lon0 = (
        area.centroid_lon if area.centroid_lon is not None else ((area.min_lon or 17.97) + (area.max_lon or 17.97)) / 2
    )
    points = [(round(lat0 + north, 6), round(lon0 + east, 6)) for north, east in WALK_ROUTE_OFFSETS]
    walk = safety_walk_plan(
        actor=DEMO_SYSTEM,
        title=SAFETY_WALK.title,
        date=d.days(-SAFETY_WALK.days_ago),
        area=area,
        forum=forum,
        participants=SAFETY_WALK.participants,
        summary=SAFETY_WALK.summary,
        route={"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]},
        users=[d.users[key] for key in WALK_INVITED_MEMBERS],
        guests=WALK_GUESTS,
    )
    unsafe = ensure_default_categories()["unsafe_place"]
    findings = [
        finding_add(
            actor=DEMO_SYSTEM,
            walk=walk,
            text=text,
            location=location,
            category=unsafe,
            lat=points[point][0],
            lon=points[point][1],
        )
        for (text, location), point in zip(FINDINGS, WALK_FINDING_POINTS, strict=True)
    ]
    problem = finding_to_problem(actor=DEMO_SYSTEM, finding=findings[0], forum=forum, title=FINDING_PROBLEM_TITLE)
    add_measure(d, problem, fvh.FINDING_MEASURE)
    return problem


def create_plan(d: Directory) -> ActionPlan:
    plan = plan_create(
        actor=DEMO_SYSTEM,
        title=PLAN["title"],
        kind=PLAN["kind"],
        parties=PLAN["parties"],
        introduction=PLAN["introduction"],
        forum=d.forums["council"],
        area=area_named(DISTRICT_AREA),
        valid_from=d.days(PLAN["valid_from_days"]),
        valid_to=d.days(PLAN["valid_to_days"]),
        classification=Classification.OPEN,
        owner_organisation=d.organisations["sdf"],
    )
    for spec in FOCUS_AREAS:
        fields = {"funding": FUNDING, "communication": COMMUNICATION, **spec}
        focus_area_create(
            actor=DEMO_SYSTEM,
            plan=plan,
            **{**fields, "area": area_named(fields["area"]), "forum": d.forums[fields["forum"]]},
        )
    # The demo's plan is in force: decided by the council two weeks before it started (frozen; a
    # coordinator sees "Gör en ny version").
    return plan_decide(
        actor=DEMO_SYSTEM,
        plan=plan,
        decided_on=d.days(PLAN["valid_from_days"] - 14),
        decided_by=str(d.forums["council"]),
    )


def create_citizen_promise(d: Directory) -> ActionPlan:
    """A decided citizen promise with its promises and activities, followed up once."""
    spec = promise.PROMISE
    plan = plan_create(
        actor=DEMO_SYSTEM,
        title=spec["title"],
        kind=spec["kind"],
        parties=spec["parties"],
        introduction=spec["introduction"],
        forum=d.forums["fvh"],
        valid_from=d.days(spec["valid_from_days"]),
        valid_to=d.days(spec["valid_to_days"]),
        classification=Classification.OPEN,
        owner_organisation=d.organisations["sdf"],
    )
    focus_areas = [
        focus_area_create(
            actor=DEMO_SYSTEM,
            plan=plan,
            **{**fields, "area": area_named(fields["area"]), "forum": d.forums[fields["forum"]]},
        )
        for fields in promise.PROMISES
    ]
    plan_decide(actor=DEMO_SYSTEM, plan=plan, decided_on=d.days(spec["decided_days"]), decided_by=str(d.forums["fvh"]))
    follow_up_record(
        actor=DEMO_SYSTEM,
        plan=plan,
        date=d.days(promise.FOLLOW_UP_DAYS),
        summary=promise.FOLLOW_UP_SUMMARY,
        entries=[
            EntryInput(focus_areas[i], activity, status, text)
            for i, activity, status, text in promise.FOLLOW_UP_ENTRIES
        ],
        today=d.today,
    )
    return plan


# (forum key, days from today, start hour, end hour, place)
MEETINGS = (
    ("council", 11, 9, 11, "Stadsdelshuset, sammanträdesrum Ekorren"),
    ("council", 102, 13, 15, "Stadsdelshuset, sammanträdesrum Ekorren"),
    ("sspf", 9, 14, 16, "Liljeviksskolan, personalrummet"),
    ("liljeholmen", 4, 10, 11, "Centrumkontoret vid torget"),
    ("fvh", 18, 13, 14, "Digitalt möte"),
    ("alvsjo", 6, 15, 16, "Ungdomens hus, lilla salen"),
)


def create_meetings(d: Directory) -> None:
    chair, secretary = d.user("lasare"), d.user("samordnare")
    for key, offset, start, end, place in MEETINGS:
        date = d.days(offset)
        date = working_day_on_or_after(date)  # not a weekend, public holiday or eve
        meeting_schedule(
            actor=DEMO_SYSTEM,
            forum=d.forums[key],
            date=date,
            start_time=dt.time(start),
            end_time=dt.time(end),
            location=place,
            chair=chair if key == "council" else None,
            secretary=secretary,
        )


def create_content(d: Directory) -> None:
    """Everything after places and people; the caller holds the transaction."""
    create_forums(d)
    create_meetings(d)
    create_work_tables(d)
    create_safety_walk(d)
    create_held_meeting(d)
    create_partnership_meeting(d)
    create_programmes(d)
    create_plan(d)
    create_citizen_promise(d)
    create_demo_incidents(
        reporters=[
            (d.users["rapportor"], d.organisations["nordvakt"]),
            (d.users["polis"], d.organisations["polis"]),
            (d.users["falt"], d.organisations["social"]),
        ]
    )
    create_demo_police_events(actor=DEMO_SYSTEM)
    create_demo_tips(
        coordinator=d.users["samordnare"],
        routed_to=d.organisations["social"],
        problem=Problem.objects.filter(classification=Classification.INTERNAL, is_closed=False).order_by("pk").first(),
    )
    create_demo_priorities(council=d.forums["council"], today=d.today)  # under the held meeting's item
    approve_held_meeting(d)
    create_cause_analysis(d.forums["liljeholmen"], today=d.today)
    create_demo_effects(actor=DEMO_SYSTEM, forum=d.forums["liljeholmen"])
    create_goals(d)
    create_statutory_documents(council=d.forums["council"], coordinator=d.users["samordnare"], today=d.today)
    create_demo_populations(council=d.forums["council"], year=d.today.year - 1)
