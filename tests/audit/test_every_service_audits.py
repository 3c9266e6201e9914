"""Every write service audits itself in its own transaction.

A write service is found two ways, so that a new one is noticed wherever it is written:
- a public function of a service module (`<app>/services.py`, `<app>/*_services.py`, a `services/`
  package), with the names it lists in `__all__` (meetings re-exports its agenda services);
- any public module-level function decorated `@transaction.atomic` (the house style's mark of a write).
Each must have an entry in EXAMPLES: a call with small example arguments that must leave at least one
new audit row before its transaction ends; without one the test fails with "service X has no audit
test entry". A helper that does not write does not belong in a service module (make it private or
move it). `audit.services` is the audit trail's own writer and is tested in test_audit.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from collections.abc import Callable
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

import tryggsam
from tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    FindingFactory,
    FocusAreaFactory,
    ForumFactory,
    ForumMemberFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    ProgrammeDeliveryFactory,
    ProgrammeFactory,
    SafetyWalkFactory,
    UserFactory,
    user_with_role,
)
from tryggsam.accounts.models import Membership, OrganisationKind, Role
from tryggsam.audit.models import AuditEvent
from tryggsam.statutory.models import StatutoryDocument

ROOT = Path(tryggsam.__file__).parent
NOT_WRITE_SERVICES = ("tryggsam.audit.services", "tryggsam.audit.writes")
DAY = dt.date(2026, 10, 1)


def _is_service_module(path: Path) -> bool:
    return path.name == "services.py" or path.name.endswith("_services.py") or path.parent.name == "services"


def _atomic_functions() -> list[tuple[Path, str]]:
    """Public module-level functions decorated `@transaction.atomic` anywhere in the project."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and any(ast.unparse(d) in {"transaction.atomic", "atomic"} for d in node.decorator_list)
            ):
                found.append((path, node.name))
    return found


def service_modules() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT.parent).with_suffix("")
        if "migrations" in relative.parts or not _is_service_module(path):
            continue
        name = ".".join(relative.parts).removesuffix(".__init__")
        found.append(name)
    return found


def service_functions() -> list[str]:
    """'<app>.<module>.<function>' (where it is defined) for every write service."""
    names = set()
    for module_name in service_modules():
        module = import_module(module_name)
        exported = {getattr(module, name) for name in getattr(module, "__all__", ())}
        defined = {value for value in vars(module).values() if inspect.isfunction(value)}
        for function in exported | {f for f in defined if f.__module__ == module_name}:
            if not function.__name__.startswith("_"):
                names.add(f"{function.__module__}.{function.__name__}")
    for path, name in _atomic_functions():
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        names.add(f"{module}.{name}")
    return sorted(name.removeprefix("tryggsam.") for name in names if not name.startswith(NOT_WRITE_SERVICES))


class World:
    """The small set of records the examples act on, made on first use."""

    @cached_property
    def admin(self) -> Any:
        return user_with_role(Role.ADMIN, self.organisation, full_name="Ada Administratör")

    @cached_property
    def organisation(self) -> Any:
        return OrganisationFactory(name="Stadsdelsförvaltningen Exempel")

    @cached_property
    def member(self) -> Any:
        return Membership.objects.get(user=user_with_role(Role.MEMBER, self.organisation))

    @cached_property
    def area(self) -> Any:
        return AreaFactory()

    @cached_property
    def forum(self) -> Any:
        return ForumFactory(owner_organisation=self.organisation)

    @cached_property
    def forum_member(self) -> Any:
        return ForumMemberFactory(forum=self.forum)

    @cached_property
    def problem(self) -> Any:
        return ProblemFactory(forum=self.forum, owner_organisation=self.organisation)

    @cached_property
    def measure(self) -> Any:
        return MeasureFactory(problem=self.problem)

    @cached_property
    def delivery(self) -> Any:
        return ProgrammeDeliveryFactory()

    @cached_property
    def walk(self) -> Any:
        return SafetyWalkFactory(area=self.area, forum=self.forum, owner_organisation=self.organisation)

    @cached_property
    def plan(self) -> Any:
        return ActionPlanFactory(owner_organisation=self.organisation, forum=self.forum)

    @cached_property
    def focus_area(self) -> Any:
        return FocusAreaFactory(plan=self.plan, name="Trygga skolvägar")

    @cached_property
    def decided_plan(self) -> Any:
        _ = self.focus_area  # a plan is decided with its focus areas
        return _call("plans.services", "plan_decide")(actor=self.admin, plan=self.plan, decided_on=DAY)

    @cached_property
    def meeting(self) -> Any:
        return _call("meetings.services", "meeting_schedule")(actor=self.admin, forum=self.forum, date=DAY)

    @cached_property
    def item(self) -> Any:
        return _call("meetings.services", "item_add")(actor=self.admin, meeting=self.meeting, heading="Läget i området")

    @cached_property
    def attendance(self) -> Any:
        return _call("meetings.services", "meeting_call")(actor=self.admin, meeting=self.meeting, users=[self.admin])[0]

    @cached_property
    def approved_meeting(self) -> Any:
        _ = self.attendance  # a meeting is approved with its attendance
        return _call("meetings.services", "meeting_approve")(actor=self.admin, meeting=self.meeting)

    @cached_property
    def second_item(self) -> Any:
        return _call("meetings.services", "item_add")(actor=self.admin, meeting=self.item.meeting, heading="Övrigt")

    @cached_property
    def closed_problem(self) -> Any:
        return _call("casework.services", "problem_close")(actor=self.admin, problem=self.problem, reason="Löst")

    @cached_property
    def archived_forum(self) -> Any:
        return _call("forums.services", "forum_archive")(actor=self.admin, forum=self.forum)

    @cached_property
    def subscription(self) -> Any:
        return _call("situation.services", "report_subscription_start")(
            actor=self.admin, area=self.area, frequency="weekly"
        )[0]

    @cached_property
    def category(self) -> Any:
        return _call("incidents.services", "ensure_default_categories")()["graffiti"]

    @cached_property
    def incident(self) -> Any:
        return _call("incidents.services", "incident_report")(
            actor=self.admin,
            categories=[self.category],
            occurred_at=dt.datetime(2026, 10, 1, 21, 0, tzinfo=dt.UTC),
            text="Klotter på tunneln",
            lat=59.305,
            lon=18.005,
            reporting_organisation=self.organisation,
        )

    @cached_property
    def incident_original(self) -> Any:
        return _call("incidents.services", "incident_report")(
            actor=self.admin,
            categories=[self.category],
            occurred_at=dt.datetime(2026, 10, 1, 20, 0, tzinfo=dt.UTC),
            text="Klotter på tunneln, först rapporterat",
            lat=59.305,
            lon=18.005,
            reporting_organisation=self.organisation,
        )

    @cached_property
    def tip(self) -> Any:
        return _call("incidents.other_sources", "resident_tip")(
            category=self.category, text="Trasig lampa", lat=59.305, lon=18.005, address="192.0.2.9"
        )

    @cached_property
    def open_approved_meeting(self) -> Any:
        type(self.forum).objects.filter(pk=self.forum.pk).update(classification="open")
        self.approved_meeting.refresh_from_db()
        return self.approved_meeting

    @cached_property
    def enrolment_code(self) -> Any:
        return _call("accounts.two_factor", "enrolment_code_send")(user=self.admin)

    @cached_property
    def device(self) -> Any:
        from tests.accounts.two_factor_helpers import enable

        return enable(self.admin)

    @cached_property
    def token(self) -> Any:
        return _call("api.services", "create_token")(
            actor=self.admin, organisation=self.organisation, name="Nyckel", scopes=["read"]
        )[0]

    # The prioritisation (tryggsam.priorities): a council with an area, a draft list, a meeting of it.
    @cached_property
    def council(self) -> Any:
        area = AreaFactory(level="district_area", name="Stadsdelsområde Exempel")
        return ForumFactory(kind="council", area=area, owner_organisation=self.organisation, name="Rådet Exempel")

    @cached_property
    def draft_priorities(self) -> Any:
        period = _call("priorities.periods", "Period")("tertial", 2025, 1)
        return _call("priorities.services", "priority_list_create")(
            actor=self.admin, council=self.council, period=period, entries=[(self.council.area, "Ökning")]
        )

    @cached_property
    def council_item(self) -> Any:
        meeting = _call("meetings.services", "meeting_schedule")(actor=self.admin, forum=self.council, date=DAY)
        return _call("meetings.services", "item_add")(actor=self.admin, meeting=meeting, heading="Prioriteringar")

    @cached_property
    def cause(self) -> Any:
        return _call("causes.services", "cause_add")(actor=self.admin, owner=self.problem, title="Mörk passage")

    @cached_property
    def second_cause(self) -> Any:
        _ = self.cause  # moved up, above the first
        return _call("causes.services", "cause_add")(actor=self.admin, owner=self.problem, title="Få vuxna ute")

    @cached_property
    def evidence(self) -> Any:
        return _call("causes.services", "evidence_add")(
            actor=self.admin, cause=self.cause, kind="text", text="Lampor släckta", source="Vandringen"
        )

    @cached_property
    def aimed_cause(self) -> Any:
        _call("causes.services", "measure_aim")(actor=self.admin, cause=self.cause, measure=self.measure)
        return self.cause

    @cached_property
    def goal(self) -> Any:
        return _call("goals.services", "goal_create")(actor=self.admin, problem=self.problem, spec=_goal_spec())

    @cached_property
    def goal_reading(self) -> Any:
        return _call("goals.services", "reading_add")(actor=self.admin, goal=self.goal, date=DAY, value=40.0)


def _statistics_file(w: World) -> Path:
    path = Path(w.tmp) / "statistik.csv"
    path.write_text("Titel;;\n;2024;2025\n;Antal;Antal\nStadsdelsområde Exempel;;\nRån;3;5\n", encoding="utf-8")
    return path


def _population(w: World) -> Any:
    return _call("places.population_services", "population_enter")(
        actor=w.admin, area=w.area, year=2025, inhabitants=41000, note="Egen räkning"
    )


def _count_and_rate(w: World) -> list[int]:
    """A count and its rate per 100 000 for the same area, year and offence: the population they imply."""
    from tryggsam.crimestats.models import CrimeStatistic, StatisticsImport

    record = StatisticsImport.objects.create(file_name="egen-tabell.csv", sha256="0" * 64)
    for measure, value in (("count", 820.0), ("per_100k", 2000.0)):
        CrimeStatistic.objects.create(
            area=w.area, area_name=w.area.name, period="2024", period_start=dt.date(2024, 1, 1),
            category="Anmälda brott", measure=measure, value=value, source_import=record,
        )  # fmt: skip
    return [w.area.pk]


def _goal_spec(text: str = "Färre som känner sig otrygga") -> Any:
    return _call("goals.services", "Indicator")(
        text=text, indicator="manual", baseline_period="2025", baseline_value=50.0,
        target_value=30.0, target_date=dt.date(2027, 12, 31), direction="lower", unit="%",
    )  # fmt: skip


def _call(module: str, name: str) -> Callable[..., Any]:
    return getattr(import_module(f"tryggsam.{module}"), name)


EXAMPLES: dict[str, Callable[[World], Any]] = {
    # accounts
    "accounts.services.user_create": lambda w: _call("accounts.services", "user_create")(
        acting_user=w.admin, email="ny@exempel.se", full_name="Ny Person"
    ),
    "accounts.services.user_update": lambda w: _call("accounts.services", "user_update")(
        user=w.member.user, acting_user=w.admin, title="Fältassistent"
    ),
    "accounts.services.user_set_password": lambda w: _call("accounts.services", "user_set_password")(
        user=w.member.user, acting_user=w.admin, password="Kvallsdopp-vid-bryggan-26"
    ),
    "accounts.services.user_delete": lambda w: _call("accounts.services", "user_delete")(
        user=UserFactory(), acting_user=w.admin
    ),
    "accounts.services.organisation_create": lambda w: _call("accounts.services", "organisation_create")(
        acting_user=w.admin, name="Fastighetsbolaget", kind=OrganisationKind.HOUSING_COMPANY
    ),
    "accounts.services.organisation_update": lambda w: _call("accounts.services", "organisation_update")(
        organisation=w.organisation, acting_user=w.admin, name="Stadsdelsförvaltningen Väst"
    ),
    "accounts.services.organisation_delete": lambda w: _call("accounts.services", "organisation_delete")(
        organisation=OrganisationFactory(), acting_user=w.admin
    ),
    "accounts.services.membership_create": lambda w: _call("accounts.services", "membership_create")(
        user=UserFactory(), organisation=w.organisation, role=Role.READER, acting_user=w.admin
    ),
    "accounts.services.membership_change_role": lambda w: _call("accounts.services", "membership_change_role")(
        membership=w.member, role=Role.READER, acting_user=w.admin
    ),
    "accounts.services.membership_delete": lambda w: _call("accounts.services", "membership_delete")(
        membership=w.member, acting_user=w.admin
    ),
    "accounts.services.user_invite": lambda w: _call("accounts.services", "user_invite")(
        acting_user=w.admin,
        email="inbjuden@exempel.se",
        full_name="Inbjuden Person",
        organisation=w.organisation,
        role=Role.MEMBER,
        base_url="http://testserver",
    ),
    "accounts.organisations.organisation_set_active": lambda w: _call(
        "accounts.organisations", "organisation_set_active"
    )(organisation=OrganisationFactory(), active=False, acting_user=w.admin),
    "accounts.organisations.organisation_merge": lambda w: _call("accounts.organisations", "organisation_merge")(
        removed=OrganisationFactory(), kept=w.organisation, acting_user=w.admin
    ),
    "accounts.two_factor.enrolment_code_send": lambda w: _call("accounts.two_factor", "enrolment_code_send")(
        user=w.admin
    ),
    "accounts.two_factor.enrolment_code_redeem": lambda w: _call("accounts.two_factor", "enrolment_code_redeem")(
        user=w.admin, code="00000000"
    ),
    "accounts.two_factor.totp_begin": lambda w: _call("accounts.two_factor", "totp_begin")(user=w.admin),
    "accounts.two_factor.totp_confirm": lambda w: w.device,
    "accounts.two_factor.totp_verify": lambda w: _call("accounts.two_factor", "totp_verify")(
        user=w.admin, code="000000"
    ),
    "accounts.two_factor.totp_disable": lambda w: _call("accounts.two_factor", "totp_disable")(
        user=w.admin, actor=w.admin
    ),
    # api
    "api.services.create_token": lambda w: w.token,
    "api.services.revoke_token": lambda w: _call("api.services", "revoke_token")(actor=w.admin, token=w.token),
    "api.services.record_call": lambda w: _call("api.services", "record_call")(
        token=w.token, method="GET", path="/api/v1/handelser/"
    ),
    # casework
    "casework.services.problem_create": lambda w: _call("casework.services", "problem_create")(
        actor=w.admin, title="Stök vid torget", forum=w.forum, owner_organisation=w.organisation
    ),
    "casework.services.problem_update": lambda w: _call("casework.services", "problem_update")(
        actor=w.admin, problem=w.problem, title="Stök vid torget på kvällen"
    ),
    "casework.services.problem_close": lambda w: _call("casework.services", "problem_close")(
        actor=w.admin, problem=w.problem, reason="Löst"
    ),
    "casework.services.problem_reopen": lambda w: _call("casework.services", "problem_reopen")(
        actor=w.admin, problem=w.closed_problem
    ),
    "casework.services.measure_create": lambda w: _call("casework.services", "measure_create")(
        actor=w.admin, problem=w.problem, title="Kvällsvandring"
    ),
    "casework.services.measure_update": lambda w: _call("casework.services", "measure_update")(
        actor=w.admin, measure=w.measure, expected_version=None, title="Kvällsvandring varje fredag"
    ),
    "casework.services.measure_change_status": lambda w: _call("casework.services", "measure_change_status")(
        actor=w.admin, measure=w.measure, expected_version=None, new_status="paused", note="Vilar över sommaren"
    ),
    # core (generic writers)
    # crimestats
    "crimestats.services.statistics_import": lambda w: _call("crimestats.services", "statistics_import")(
        path=_statistics_file(w), actor=w.admin
    ),
    "crimestats.population_services.populations_derive": lambda w: _call(
        "crimestats.population_services", "populations_derive"
    )(actor=w.admin, area_ids=_count_and_rate(w)),
    # forums
    "forums.services.forum_create": lambda w: _call("forums.services", "forum_create")(
        actor=w.admin, name="Platssamverkan Stationen", kind="partnership", owner_organisation=w.organisation
    ),
    "forums.services.forum_update": lambda w: _call("forums.services", "forum_update")(
        actor=w.admin, forum=w.forum, purpose="Tryggare station"
    ),
    "forums.services.forum_archive": lambda w: _call("forums.services", "forum_archive")(
        actor=w.admin, forum=w.forum, reason="Klar"
    ),
    "forums.services.forum_restore": lambda w: _call("forums.services", "forum_restore")(
        actor=w.admin, forum=w.archived_forum
    ),
    "forums.services.forum_member_update": lambda w: _call("forums.services", "forum_member_update")(
        actor=w.admin, member=w.forum_member, role="secretary"
    ),
    "forums.services.forum_member_remove": lambda w: _call("forums.services", "forum_member_remove")(
        actor=w.admin, member=w.forum_member
    ),
    "forums.services.forum_member_add": lambda w: _call("forums.services", "forum_member_add")(
        actor=w.admin, forum=w.forum, user=UserFactory()
    ),
    "forums.services.programme_create": lambda w: _call("forums.services", "programme_create")(
        actor=w.admin, name="Värderingsövningar"
    ),
    "forums.services.delivery_update": lambda w: _call("forums.services", "delivery_update")(
        actor=w.admin, delivery=w.delivery, classes=3
    ),
    "forums.services.delivery_record": lambda w: _call("forums.services", "delivery_record")(
        actor=w.admin,
        programme=ProgrammeFactory(),
        school=OrganisationFactory(kind=OrganisationKind.SCHOOL),
        school_year="2026/27",
    ),
    "forums.services.safety_walk_create": lambda w: _call("forums.services", "safety_walk_create")(
        actor=w.admin, title="Vandring vid stationen", date=DAY, area=w.area, owner_organisation=w.organisation
    ),
    "forums.services.finding_add": lambda w: _call("forums.services", "finding_add")(
        actor=w.admin, walk=w.walk, text="Buskage skymmer gångvägen"
    ),
    "forums.services.safety_walk_update": lambda w: _call("forums.services", "safety_walk_update")(
        actor=w.admin, walk=w.walk, summary="Fem fynd"
    ),
    "casework.services.finding_to_problem": lambda w: _call("casework.services", "finding_to_problem")(
        actor=w.admin, finding=FindingFactory(walk=w.walk), forum=w.forum
    ),
    "forums.walk_services.walk_set_invitees": lambda w: _call("forums.walk_services", "walk_set_invitees")(
        actor=w.admin, walk=w.walk, users=[w.forum_member.user], guests=["Fastighetsvärden"]
    ),
    "forums.walk_services.safety_walk_plan": lambda w: _call("forums.walk_services", "safety_walk_plan")(
        actor=w.admin, title="Planerad vandring", date=DAY, area=w.area, owner_organisation=w.organisation
    ),
    "forums.walk_services.safety_walk_change": lambda w: _call("forums.walk_services", "safety_walk_change")(
        actor=w.admin, walk=w.walk, summary="Ändrad"
    ),
    # incidents
    "incidents.services.ensure_default_categories": lambda w: (
        _drop_category("graffiti") and _call("incidents.services", "ensure_default_categories")()
    ),
    "incidents.services.incident_report": lambda w: w.incident,
    "incidents.bulk.import_incident_rows": lambda w: _call("incidents.bulk", "import_incident_rows")(
        [
            _call("incidents.bulk", "IncidentRow")(
                occurred_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC), category_ids=(w.category.pk,)
            )
        ],
        source="partner_report",
        actor=w.admin,
    ),
    "incidents.other_sources.resident_tip": lambda w: _call("incidents.other_sources", "resident_tip")(
        category=w.category, text="Trasig lampa", lat=59.305, lon=18.005, address="192.0.2.9"
    ),
    "incidents.other_sources.finding_incident": lambda w: _call("incidents.other_sources", "finding_incident")(
        finding=FindingFactory(walk=w.walk), category=w.category, actor=w.admin
    ),
    "incidents.work.incident_update": lambda w: _call("incidents.work", "incident_update")(
        actor=w.admin,
        incident=w.incident,
        title="Klotter i tunneln",
        description="Stora taggar på väggen",
        occurred_at=w.incident.occurred_at,
        categories=[w.category],
    ),
    "incidents.work.incident_classify": lambda w: _call("incidents.work", "incident_classify")(
        actor=w.admin, incident=w.incident, classification="restricted", owner_organisation=w.organisation
    ),
    "incidents.work.incident_mark_duplicate": lambda w: _call("incidents.work", "incident_mark_duplicate")(
        actor=w.admin, incident=w.incident, original=w.incident_original
    ),
    "incidents.work.incident_link_problem": lambda w: _call("incidents.work", "incident_link_problem")(
        actor=w.admin, incident=w.incident, problem=w.problem
    ),
    "incidents.work.incident_route": lambda w: _call("incidents.work", "incident_route")(
        actor=w.admin, incident=w.tip, organisation=OrganisationFactory(kind=OrganisationKind.POLICE)
    ),
    "incidents.work.incident_accept": lambda w: _call("incidents.work", "incident_accept")(
        actor=w.admin, incident=w.tip
    ),
    "incidents.work.incident_dismiss": lambda w: _call("incidents.work", "incident_dismiss")(
        actor=w.admin, incident=w.tip, reason="Inte ett trygghetsärende"
    ),
    # meetings (and the agenda services it exports)
    "meetings.services.meeting_schedule": lambda w: w.meeting,
    "meetings.services.meeting_update": lambda w: _call("meetings.services", "meeting_update")(
        actor=w.admin, meeting=w.meeting, location="Medborgarhuset"
    ),
    "meetings.services.meeting_call": lambda w: w.attendance,
    "meetings.services.attendance_mark": lambda w: _call("meetings.services", "attendance_mark")(
        actor=w.admin, attendance=w.attendance, status="present"
    ),
    "meetings.services.meeting_approve": lambda w: w.approved_meeting,
    "meetings.services.meeting_new_version": lambda w: _call("meetings.services", "meeting_new_version")(
        actor=w.admin, meeting=w.approved_meeting
    ),
    "meetings.agenda.agenda_from_template": lambda w: _call("meetings.services", "agenda_from_template")(
        actor=w.admin, meeting=w.meeting
    ),
    "meetings.agenda.item_add": lambda w: w.item,
    "meetings.agenda.items_append": lambda w: _call("meetings.agenda", "items_append")(
        actor=w.admin, meeting=w.meeting, items=[("Rapporter", "Polisen redogjorde."), ("Övrigt", "")]
    ),
    "meetings.agenda.item_move": lambda w: _call("meetings.services", "item_move")(
        actor=w.admin, item=w.second_item, position=1
    ),
    "meetings.agenda.item_update_notes": lambda w: _call("meetings.services", "item_update_notes")(
        actor=w.admin, item=w.item, notes="Polisen redogjorde för läget."
    ),
    "meetings.agenda.decision_record": lambda w: _call("meetings.services", "decision_record")(
        actor=w.admin, item=w.item, text="Rådet noterar informationen."
    ),
    "meetings.agenda.decision_decide_plan": lambda w: _call("meetings.services", "decision_decide_plan")(
        actor=w.admin, item=w.item, plan=w.plan
    ),
    "meetings.agenda.decision_decide_priorities": lambda w: _call("meetings.services", "decision_decide_priorities")(
        actor=w.admin, item=w.council_item, priority_list=w.draft_priorities
    ),
    "meetings.distribution.minutes_send": lambda w: _call("meetings.distribution", "minutes_send")(
        actor=w.admin, meeting=w.approved_meeting
    ),
    "meetings.distribution.minutes_publish": lambda w: _call("meetings.distribution", "minutes_publish")(
        actor=w.admin, meeting=w.open_approved_meeting
    ),
    "meetings.invitations.meeting_invite_send": lambda w: _call("meetings.invitations", "meeting_invite_send")(
        w.attendance.meeting, actor=w.admin
    ),
    # causes
    "causes.services.cause_add": lambda w: _call("causes.services", "cause_add")(
        actor=w.admin, owner=w.problem, title="Mörk passage"
    ),
    "causes.services.cause_update": lambda w: _call("causes.services", "cause_update")(
        actor=w.admin, cause=w.cause, title="Mörk gångtunnel"
    ),
    "causes.services.cause_delete": lambda w: _call("causes.services", "cause_delete")(actor=w.admin, cause=w.cause),
    "causes.services.cause_move": lambda w: _call("causes.services", "cause_move")(
        actor=w.admin, cause=w.second_cause, direction="up"
    ),
    "causes.services.evidence_add": lambda w: _call("causes.services", "evidence_add")(
        actor=w.admin, cause=w.cause, kind="text", text="Tre lampor släckta", source="Trygghetsvandringen"
    ),
    "causes.services.evidence_remove": lambda w: _call("causes.services", "evidence_remove")(
        actor=w.admin, evidence=w.evidence
    ),
    "causes.services.measure_aim": lambda w: _call("causes.services", "measure_aim")(
        actor=w.admin, cause=w.cause, measure=w.measure
    ),
    "causes.services.measure_unaim": lambda w: _call("causes.services", "measure_unaim")(
        actor=w.admin, cause=w.aimed_cause, measure=w.measure
    ),
    # places
    "places.services.alias_define": lambda w: _call("places.services", "alias_define")(
        actor=w.admin, name="SEX", areas=[w.area]
    ),
    "places.population_services.population_enter": _population,
    "places.population_services.population_update": lambda w: _call("places.population_services", "population_update")(
        actor=w.admin, population=_population(w), year=2025, inhabitants=41500
    ),
    "places.population_services.population_delete": lambda w: _call("places.population_services", "population_delete")(
        actor=w.admin, population=_population(w)
    ),
    "places.population_services.population_save_derived": lambda w: _call(
        "places.population_services", "population_save_derived"
    )(actor=w.admin, area=w.area, year=2024, inhabitants=41000, derived_from="egen-tabell.csv, Anmälda brott 2024"),
    # goals
    "goals.services.goal_create": lambda w: w.goal,
    "goals.services.goal_update": lambda w: _call("goals.services", "goal_update")(
        actor=w.admin, goal=w.goal, spec=_goal_spec("Färre otrygga kvällstid")
    ),
    "goals.services.goal_delete": lambda w: _call("goals.services", "goal_delete")(actor=w.admin, goal=w.goal),
    "goals.services.reading_add": lambda w: w.goal_reading,
    "goals.services.reading_correct": lambda w: _call("goals.services", "reading_correct")(
        actor=w.admin, reading=w.goal_reading, date=DAY, value=38.0
    ),
    "goals.services.reading_delete": lambda w: _call("goals.services", "reading_delete")(
        actor=w.admin, reading=w.goal_reading
    ),
    # plans
    "plans.services.plan_create": lambda w: _call("plans.services", "plan_create")(
        actor=w.admin, title="Åtgärdsplan 2027"
    ),
    "plans.services.plan_update": lambda w: _call("plans.services", "plan_update")(
        actor=w.admin, plan=w.plan, title="Åtgärdsplan 2027–2028"
    ),
    "plans.services.plan_decide": lambda w: w.decided_plan,
    "plans.services.plan_new_version": lambda w: _call("plans.services", "plan_new_version")(
        actor=w.admin, plan=w.decided_plan
    ),
    "plans.services.focus_area_create": lambda w: _call("plans.services", "focus_area_create")(
        actor=w.admin, plan=w.plan, name="Trygga skolvägar"
    ),
    "plans.services.focus_area_update": lambda w: _call("plans.services", "focus_area_update")(
        actor=w.admin, focus_area=FocusAreaFactory(plan=w.plan), name="Trygga parker"
    ),
    "plans.services.focus_area_delete": lambda w: _call("plans.services", "focus_area_delete")(
        actor=w.admin, focus_area=FocusAreaFactory(plan=w.plan)
    ),
    "plans.follow_ups.follow_up_record": lambda w: _call("plans.follow_ups", "follow_up_record")(
        actor=w.admin,
        plan=w.decided_plan,
        date=DAY,
        entries=[_call("plans.follow_ups", "EntryInput")(focus_area=w.focus_area, activity="", status="partly")],
    ),
    "plans.follow_ups.follow_up_correct": lambda w: _call("plans.follow_ups", "follow_up_correct")(
        actor=w.admin,
        follow_up=_call("plans.follow_ups", "follow_up_record")(
            actor=w.admin,
            plan=w.decided_plan,
            date=DAY,
            entries=[_call("plans.follow_ups", "EntryInput")(focus_area=w.focus_area, activity="", status="partly")],
        ),
        date=DAY,
        entries=[_call("plans.follow_ups", "EntryInput")(focus_area=w.focus_area, activity="", status="done")],
        reason="Fel status angavs först.",
    ),
    "privacy.erasure.user_erase": lambda w: _call("privacy.erasure", "user_erase")(actor=w.admin, user=UserFactory()),
    # priorities
    "priorities.services.priority_settings_set": lambda w: _call("priorities.services", "priority_settings_set")(
        actor=w.admin, council=w.council, rhythm="quarter"
    ),
    "priorities.services.priority_list_create": lambda w: w.draft_priorities,
    "priorities.services.priority_list_set_entries": lambda w: _call(
        "priorities.services", "priority_list_set_entries"
    )(actor=w.admin, priority_list=w.draft_priorities, entries=[(w.council.area, "Fler rapporter")]),
    "priorities.services.priority_list_decide": lambda w: _call("priorities.services", "priority_list_decide")(
        actor=w.admin, priority_list=w.draft_priorities, decided_on=DAY, meeting=w.council_item.meeting
    ),
    "priorities.services.priority_list_delete": lambda w: _call("priorities.services", "priority_list_delete")(
        actor=w.admin, priority_list=w.draft_priorities
    ),
    # situation
    "situation.rollups.rebuild_rollups": lambda w: _call("situation.rollups", "rebuild_rollups")(),
    "situation.services.report_subscription_start": lambda w: _call("situation.services", "report_subscription_start")(
        actor=w.admin, area=w.area, frequency="weekly"
    ),
    "situation.services.report_subscription_stop": lambda w: _call("situation.services", "report_subscription_stop")(
        actor=w.admin, area=w.subscription.area, frequency="weekly"
    ),
    # statutory documents
    "statutory.services.document_create": lambda w: _call("statutory.services", "document_create")(
        actor=w.admin, kind="situation", year=2026, forum=_council(w)
    ),
    "statutory.services.document_write": lambda w: _call("statutory.services", "document_write")(
        actor=w.admin, document=_statutory_draft(w), summary="Läget är lugnare än i fjol."
    ),
    "statutory.services.document_decide": lambda w: _statutory_decided(w),
    "statutory.services.document_new_version": lambda w: _call("statutory.services", "document_new_version")(
        actor=w.admin, document=_statutory_decided(w)
    ),
    "statutory.services.document_publish": lambda w: _call("statutory.services", "document_publish")(
        actor=w.admin, document=_statutory_decided(w)
    ),
    "effects.services.effect_study_save": lambda w: _call("effects.services", "effect_study_save")(
        actor=w.admin, measure=w.measure, comparison_areas=[w.area], before_periods=6, after_periods=6
    ),
}


def _council(w: World) -> Any:
    return ForumFactory(kind="council", owner_organisation=w.organisation, area=w.area, classification="open")


def _statutory_draft(w: World) -> Any:
    return StatutoryDocument.objects.create(
        kind="situation", year=2026, forum=_council(w), owner_organisation=w.organisation
    )


def _statutory_decided(w: World) -> Any:
    """A draft decided under an item of its council's meeting (the decision is in the minutes)."""
    document = _statutory_draft(w)
    meeting = _call("meetings.services", "meeting_schedule")(actor=w.admin, forum=document.forum, date=DAY)
    item = _call("meetings.agenda", "item_add")(actor=w.admin, meeting=meeting, heading="Lägesbilden")
    _call("statutory.services", "document_decide")(actor=w.admin, document=document, item=item)
    document.refresh_from_db()
    return document


def _drop_category(code: str) -> bool:
    from tryggsam.incidents.models import IncidentCategory

    return bool(IncidentCategory.objects.filter(code=code).delete()[0])


def test_service_functions__found_by_convention():
    found = service_functions()
    assert "casework.services.problem_create" in found  # a services.py module
    assert "forums.walk_services.safety_walk_plan" in found  # a *_services.py module
    assert "meetings.agenda.item_add" in found  # exported through __all__
    assert "incidents.work.incident_accept" in found  # a write marked @transaction.atomic elsewhere
    assert not [name for name in found if name.startswith("audit.")]


def test_service_examples__no_entry_for_a_service_that_is_gone():
    assert sorted(set(EXAMPLES) - set(service_functions())) == []


@pytest.mark.django_db
@pytest.mark.parametrize("service", service_functions())
def test_service__writes_its_audit_row_in_its_transaction(service, tmp_path):
    if service not in EXAMPLES:
        pytest.fail(f"service {service} has no audit test entry (add one to EXAMPLES in {__name__})")
    world = World()
    world.tmp = tmp_path  # type: ignore[attr-defined]
    example = EXAMPLES[service]
    with transaction.atomic():
        # what the example needs is made first, so that only the service's own rows count
        _prepare(world, service)
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        example(world)
        written = AuditEvent.objects.filter(pk__gt=last)
        assert written.exists(), f"service {service} wrote no audit row"
        transaction.set_rollback(True)
    assert not AuditEvent.objects.filter(pk__gt=last).exists()  # the audit row rolled back with the change


# Records an example reuses (made by other services) are made before counting.
PREPARE: dict[str, tuple[str, ...]] = {
    "api.services.revoke_token": ("token",),
    "api.services.record_call": ("token",),
    "meetings.services.meeting_update": ("meeting",),
    "meetings.services.attendance_mark": ("attendance",),
    "meetings.services.meeting_new_version": ("approved_meeting",),
    "meetings.agenda.agenda_from_template": ("meeting",),
    "meetings.agenda.item_move": ("second_item",),
    "meetings.services.meeting_call": ("meeting",),
    "meetings.services.meeting_approve": ("attendance",),
    "meetings.agenda.item_add": ("meeting",),
    "casework.services.problem_reopen": ("closed_problem",),
    "forums.services.forum_restore": ("archived_forum",),
    "situation.services.report_subscription_stop": ("subscription",),
    "meetings.agenda.item_update_notes": ("item",),
    "meetings.agenda.decision_record": ("item",),
    "meetings.agenda.decision_decide_plan": ("item", "focus_area"),
    "plans.services.plan_new_version": ("decided_plan",),
    "plans.follow_ups.follow_up_record": ("decided_plan",),
    "goals.services.goal_update": ("goal",),
    "goals.services.goal_delete": ("goal",),
    "goals.services.reading_add": ("goal",),
    "goals.services.reading_correct": ("goal_reading",),
    "goals.services.reading_delete": ("goal_reading",),
    "meetings.distribution.minutes_send": ("approved_meeting",),
    "meetings.invitations.meeting_invite_send": ("attendance",),
    "accounts.two_factor.totp_verify": ("device",),
    "accounts.two_factor.totp_disable": ("device",),
    "accounts.two_factor.enrolment_code_redeem": ("enrolment_code",),
    "incidents.bulk.import_incident_rows": ("category",),
    "incidents.other_sources.resident_tip": ("category",),
    "incidents.other_sources.finding_incident": ("category", "walk"),
    "incidents.work.incident_update": ("incident",),
    "incidents.work.incident_classify": ("incident",),
    "incidents.work.incident_mark_duplicate": ("incident", "incident_original"),
    "incidents.work.incident_link_problem": ("incident", "problem"),
    "incidents.work.incident_route": ("tip",),
    "incidents.work.incident_accept": ("tip",),
    "incidents.work.incident_dismiss": ("tip",),
    "meetings.distribution.minutes_publish": ("open_approved_meeting",),
    "priorities.services.priority_settings_set": ("council",),
    "priorities.services.priority_list_create": ("council",),
    "priorities.services.priority_list_set_entries": ("draft_priorities",),
    "priorities.services.priority_list_decide": ("draft_priorities", "council_item"),
    "priorities.services.priority_list_delete": ("draft_priorities",),
    "meetings.agenda.decision_decide_priorities": ("draft_priorities", "council_item"),
    "causes.services.cause_update": ("cause",),
    "causes.services.cause_delete": ("cause",),
    "causes.services.cause_move": ("second_cause",),
    "causes.services.evidence_add": ("cause",),
    "causes.services.evidence_remove": ("evidence",),
    "causes.services.measure_aim": ("cause", "measure"),
    "causes.services.measure_unaim": ("aimed_cause",),
}


def _prepare(world: World, service: str) -> None:
    for name in PREPARE.get(service, ()):
        getattr(world, name)


def test_no_hand_built_audit_rows():
    """Audit rows are written by audit.services only (so every row has the same actor and redaction)."""
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or path.relative_to(ROOT).parts[0] == "audit":
            continue
        text = path.read_text(encoding="utf-8")
        if "AuditEvent.objects.create" in text or "AuditEvent(" in text or "AuditEvent.objects.bulk_create" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
