"""The authorisation matrix: every URL pattern and API operation, for every role in the owning and in
another organisation and for anonymous visitors, against records of every classification.

A URL that is not in RULES fails `test_matrix__covers_every_url`, so a new page cannot ship without
deciding who may use it. Expected outcomes come from tests/security/world.py (the promised rules),
not from the policy module under test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import AreaFactory, FocusAreaFactory, ForumFactory
from tests.security.world import (
    ACTORS,
    CLASSIFICATIONS,
    Actor,
    World,
    build_world,
    may_edit_measure,
    may_manage,
    may_view,
)
from tryggsam.causes.models import Cause, CauseTree

OK_AFTER_POST = {200, 302, 400}
Expect = Callable[[Actor, str], int | set[int]]


def public(actor: Actor, c: str) -> int:
    return 200


def login(actor: Actor, c: str) -> int:
    return 302 if actor.rank == 0 else 200


def role(minimum: int) -> Expect:
    def expect(actor: Actor, c: str) -> int:
        return 302 if actor.rank == 0 else (200 if actor.rank >= minimum else 403)

    return expect


def view_public(actor: Actor, c: str) -> int:
    return 200 if may_view(actor, c) else 404


def view_login(actor: Actor, c: str) -> int:
    if actor.rank == 0:
        return 302
    return 200 if may_view(actor, c) else 404


def edit_measure(actor: Actor, c: str) -> int:
    if actor.rank == 0:
        return 302
    if not may_view(actor, c):
        return 404
    return 200 if may_edit_measure(actor, c) else 403


def post_by(minimum: int) -> Expect:
    """A write on a record: login first, 404 for what one may not see, 403 below the role."""

    def expect(actor: Actor, c: str) -> int | set[int]:
        if actor.rank == 0:
            return 302
        if not may_view(actor, c):
            return 404
        return OK_AFTER_POST if actor.rank >= minimum else 403

    return expect


def edit_post(actor: Actor, c: str) -> int | set[int]:
    """A write on a problem or measure of organisation A: its members and the coordinators."""
    expected = edit_measure(actor, c)
    return OK_AFTER_POST if expected == 200 else expected


def manage_post(actor: Actor, c: str) -> int | set[int]:
    return post_by(4)(actor, c) if not (actor.rank and may_view(actor, c) and not may_manage(actor)) else 403


def not_allowed_method(actor: Actor, c: str) -> int:
    return 405


@dataclass
class Rule:
    expect: Expect
    obj: str | None = None  # kind of record whose pk goes into the URL
    method: str = "get"
    query: str = ""
    hides: str | None = None  # list page: must not show records of this kind one may not see
    kwarg: str | None = "pk"  # None: the record's pk goes into the query string as {pk}
    fixed_kwargs: dict | None = None


MEMBER, REPORTER, COORDINATOR, ADMIN = 3, 2, 4, 5


def manage_view(actor: Actor, c: str) -> int:
    if actor.rank == 0:
        return 302
    if not may_view(actor, c):
        return 404
    return 200 if may_manage(actor) else 403


MEETING_POST = Rule(post_by(COORDINATOR), obj="meeting", method="post")
NO_SUCH_ROW = Rule(lambda a, c: 302 if a.rank == 0 else 404, method="post", fixed_kwargs={"pk": 999999})

RULES: dict[str, Rule] = {
    "home:start": Rule(public),
    "accounts:login": Rule(public),
    # The register is kept by coordinators and administrators (accounts.permissions.can_keep_register).
    "accounts:register": Rule(role(COORDINATOR)),
    "accounts:organisation_add": Rule(
        lambda a, c: OK_AFTER_POST if a.rank >= COORDINATOR else role(COORDINATOR)(a, c), method="post"
    ),
    "accounts:invite": Rule(lambda a, c: OK_AFTER_POST if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                            method="post"),
    "accounts:membership_role": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                     method="post", fixed_kwargs={"pk": 999999}),
    "accounts:membership_end": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                    method="post", fixed_kwargs={"pk": 999999}),
    "accounts:organisation_edit": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                       method="post", fixed_kwargs={"pk": 999999}),
    "accounts:organisation_active": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                         method="post", fixed_kwargs={"pk": 999999}),
    "accounts:organisation_merge": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                        method="post", fixed_kwargs={"pk": 999999}),
    "accounts:logout": Rule(not_allowed_method),
    "accounts:two_factor": Rule(lambda a, c: 302),  # only after the password step
    "accounts:two_factor_setup": Rule(login),
    "accounts:password_change": Rule(login),
    "accounts:password_change_done": Rule(login),
    "accounts:password_reset": Rule(public),
    "accounts:password_reset_done": Rule(public),
    "accounts:password_reset_confirm": Rule(public, kwarg=None, fixed_kwargs={"uidb64": "MQ", "token": "ogiltig"}),
    "accounts:password_reset_complete": Rule(public),
    "incidents:list": Rule(login, hides="incident"),
    "incidents:export_csv": Rule(login, hides="incident"),
    "incidents:export_xlsx": Rule(login),  # zipped: the restricted row's absence is tested in tests/incidents
    "incidents:report": Rule(role(REPORTER)),
    "incidents:tip": Rule(public),
    "incidents:tip_status": Rule(public),  # a tip's status by its reference: anyone who holds it
    # Open311 GeoReport v2: anonymous like the web tip form; no list of all tips for anyone (400), and
    # an unknown reference is 404 for everyone.
    "open311:services": Rule(public, fixed_kwargs={"fmt": "json"}),
    "open311:requests": Rule(lambda a, c: 400, fixed_kwargs={"fmt": "json"}),
    "open311:request": Rule(lambda a, c: 404, fixed_kwargs={"service_request_id": "TS-22222222", "fmt": "json"}),
    "incidents:report_done": Rule(lambda a, c: 302 if a.rank == 0 else 404, obj="incident"),  # the reporter's own only
    "incidents:queue": Rule(role(MEMBER)),
    "incidents:detail": Rule(view_login, obj="incident"),
    "incidents:edit": Rule(edit_post, obj="incident", method="post"),
    "incidents:classify": Rule(edit_post, obj="incident", method="post"),
    "incidents:duplicate": Rule(edit_post, obj="incident", method="post"),
    "incidents:link_problem": Rule(edit_post, obj="incident", method="post"),
    # The world's incidents are reviewed partner reports: nothing awaits review, so nobody may route,
    # accept or dismiss them (tests/security/test_incident_actions.py has incidents that wait).
    "incidents:route": Rule(lambda a, c: 302 if a.rank == 0 else (403 if may_view(a, c) else 404), obj="incident",
                            method="post"),
    "incidents:accept": Rule(lambda a, c: 302 if a.rank == 0 else (403 if may_view(a, c) else 404), obj="incident",
                             method="post"),
    "incidents:dismiss": Rule(lambda a, c: 302 if a.rank == 0 else (403 if may_view(a, c) else 404), obj="incident",
                              method="post"),
    "documents:batch_start": Rule(lambda a, c: role(COORDINATOR)(a, c) if a.rank < COORDINATOR else 302, method="post"),
    "documents:batch": Rule(lambda a, c: role(COORDINATOR)(a, c) if a.rank < COORDINATOR else 404,
                            fixed_kwargs={"pk": 999999}),
    "set_language": Rule(lambda a, c: 302, method="post"),
    "places:list": Rule(public),
    "public:area": Rule(public, obj="area"),
    "public:area_feed": Rule(public, obj="area"),
    "places:search": Rule(public, query="q=Liljeholmen"),
    "places:boundaries": Rule(public),
    # Populations of areas are kept by coordinators and administrators (accounts.permissions.can_keep_populations).
    "places:populations": Rule(role(COORDINATOR)),
    "places:population_edit": Rule(
        lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c), fixed_kwargs={"pk": 999999}
    ),
    "places:population_delete": Rule(
        lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
        method="post",
        fixed_kwargs={"pk": 999999},
    ),
    "forums:list": Rule(public, hides="forum"),
    "forums:detail": Rule(view_public, obj="forum", hides="measure"),
    "forums:create": Rule(role(COORDINATOR)),
    "forums:edit": Rule(manage_view, obj="forum"),
    "forums:archive": Rule(manage_post, obj="forum", method="post"),
    "forums:restore": Rule(manage_post, obj="forum", method="post"),
    "forums:member_add": Rule(manage_post, obj="forum", method="post"),
    "forums:member_update": NO_SUCH_ROW,
    "forums:member_remove": NO_SUCH_ROW,
    "forums:programmes": Rule(login),
    "forums:programme_create": Rule(lambda a, c: OK_AFTER_POST if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                    method="post"),
    "forums:delivery_add": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                method="post", fixed_kwargs={"pk": 999999}),
    "forums:delivery_edit": Rule(lambda a, c: 404 if a.rank >= COORDINATOR else role(COORDINATOR)(a, c),
                                 fixed_kwargs={"pk": 999999}),
    "forums:safety_walks": Rule(login, hides="walk"),
    "forums:safety_walk": Rule(view_login, obj="walk"),
    "forums:safety_walk_create": Rule(role(COORDINATOR)),
    "forums:safety_walk_edit": Rule(manage_view, obj="walk"),
    "forums:safety_walk_pdf": Rule(view_login, obj="walk"),
    "forums:finding_add": Rule(post_by(MEMBER), obj="walk", method="post"),
    "forums:finding_photo": Rule(lambda a, c: 302 if a.rank == 0 else 404, obj="finding"),  # no photo in the world
    "casework:finding_to_problem": Rule(manage_post, obj="finding", method="post"),
    "casework:due": Rule(login, query="visa=alla", hides="measure"),
    "casework:problem_add": Rule(post_by(MEMBER), obj="forum", method="post", kwarg="forum_id"),
    "casework:measure_add": Rule(post_by(MEMBER), obj="problem", method="post", kwarg="problem_id"),
    "casework:work_table_csv": Rule(view_login, obj="forum", kwarg="forum_id", hides="measure"),
    "casework:work_table_xlsx": Rule(view_login, obj="forum", kwarg="forum_id"),  # zipped: see tests/casework
    "casework:measure_detail": Rule(view_public, obj="measure"),  # the public page of an open measure
    "casework:problem_detail": Rule(view_login, obj="problem"),
    "casework:problem_edit": Rule(edit_post, obj="problem", method="post"),
    "casework:problem_close": Rule(edit_post, obj="problem", method="post"),
    "casework:problem_reopen": Rule(edit_post, obj="problem", method="post"),
    "casework:measure_row": Rule(view_login, obj="measure"),
    "casework:measure_edit": Rule(edit_measure, obj="measure"),
    "casework:measure_status": Rule(edit_measure, obj="measure"),
    # The effect of a measure: members who may read the measure, never the public (permissions.can_view_effect_study).
    "effects:study": Rule(view_login, obj="measure", kwarg="measure_id"),
    "effects:study_edit": Rule(edit_measure, obj="measure", kwarg="measure_id"),
    # goals: read with their subject (a problem's behind login), changed by whoever may edit it
    "goals:detail": Rule(view_login, obj="goal"),
    "goals:add_to_problem": Rule(edit_measure, obj="problem"),
    "goals:add_to_focus_area": Rule(manage_view, obj="focus_area"),
    "goals:edit": Rule(edit_measure, obj="goal"),
    "goals:delete": NO_SUCH_ROW,
    "goals:reading_add": Rule(edit_measure, obj="goal"),
    "goals:reading_edit": Rule(edit_measure, obj="reading"),
    "goals:reading_delete": NO_SUCH_ROW,
    "plans:list": Rule(public, hides="plan"),
    "plans:detail": Rule(view_public, obj="plan"),
    "plans:create": Rule(role(COORDINATOR)),
    "plans:docx": Rule(view_public, obj="plan"),
    "plans:pdf": Rule(view_public, obj="plan"),
    "plans:edit": Rule(manage_view, obj="plan"),
    "plans:focus_area_add": Rule(manage_view, obj="plan"),
    "plans:decide": Rule(manage_post, obj="plan", method="post"),
    "plans:follow_up_add": Rule(manage_view, obj="plan"),
    # a follow-up's own id; who may correct one is tested in tests/plans/test_follow_up_correction.py
    "plans:follow_up_edit": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999}),
    "plans:new_version": Rule(manage_post, obj="plan", method="post"),
    "plans:focus_area_edit": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999}),
    "plans:focus_area_delete": NO_SUCH_ROW,
    # Statutory documents: the members' pages behind login (no such document here: 404 after login; the
    # document's own rules are tested in tests/statutory), the public version 404 until published.
    "statutory:list": Rule(login),
    "statutory:detail": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999}),
    "statutory:file": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999, "fmt": "pdf"}),
    "statutory:texts": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999}),
    "statutory:decide": NO_SUCH_ROW,
    "statutory:new_version": NO_SUCH_ROW,
    "statutory:publish": NO_SUCH_ROW,
    "statutory:public": Rule(lambda a, c: 404, fixed_kwargs={"pk": 999999}),
    "statutory:public_file": Rule(lambda a, c: 404, fixed_kwargs={"pk": 999999, "fmt": "docx"}),
    "crimestats:table": Rule(public),
    "situation:map_data": Rule(public, obj="area", kwarg=None, query="area={pk}&start=2026-10-01&end=2026-10-31"),
    "situation:report_pdf": Rule(public, obj="area", kwarg=None, query="area={pk}&start=2026-10-01&end=2026-10-31"),
    "situation:report_docx": Rule(public, obj="area", kwarg=None, query="area={pk}&start=2026-10-01&end=2026-10-31"),
    "situation:report_status": Rule(public, obj="area", kwarg=None, fixed_kwargs={"fmt": "pdf"},
                                    query="area={pk}&start=2026-10-01&end=2026-10-31&v=0123456789abcdef"),
    "situation:subscribe": Rule(lambda a, c: 302, method="post"),
    "situation:picture": Rule(public, obj="area", kwarg=None, query="area={pk}&start=2026-10-01&end=2026-10-31"),
    "api:situation": Rule(public, obj="area", kwarg=None, query="area={pk}&from=2026-10-01&to=2026-10-31"),
    "documents:archive": Rule(role(COORDINATOR)),
    "documents:confirm": Rule(lambda a, c: role(COORDINATOR)(a, c) if a.rank < COORDINATOR else 404, method="post",
                              kwarg="token", fixed_kwargs={"token": "okand-token"}),
    "documents:discard": Rule(lambda a, c: role(COORDINATOR)(a, c) if a.rank < COORDINATOR else 302, method="post",
                              kwarg="token", fixed_kwargs={"token": "okand-token"}),
    "privacy:audit_log": Rule(role(ADMIN)),
    "meetings:list": Rule(login, hides="meeting"),
    "meetings:create": Rule(role(COORDINATOR)),
    "meetings:detail": Rule(view_login, obj="meeting"),
    "meetings:minutes_html": Rule(view_login, obj="meeting"),
    "meetings:minutes_docx": Rule(view_login, obj="meeting"),
    "meetings:minutes_pdf": Rule(view_login, obj="meeting"),
    "meetings:ics": Rule(view_login, obj="meeting"),
    # The progress of a generated minutes file (issue 17, item 4): the meeting's readers only.
    "meetings:minutes_status": Rule(view_login, obj="meeting", fixed_kwargs={"fmt": "pdf"}, query="v=0123456789abcdef"),
    "meetings:change": Rule(manage_view, obj="meeting"),
    "meetings:call": MEETING_POST,
    "meetings:guest_add": MEETING_POST,
    "meetings:invite": MEETING_POST,
    "meetings:agenda_template": MEETING_POST,
    "meetings:item_add": MEETING_POST,
    "meetings:approve": MEETING_POST,
    "meetings:new_version": MEETING_POST,
    "meetings:send_minutes": MEETING_POST,
    "meetings:confirm_proposal": Rule(post_by(COORDINATOR), obj="forum", method="post", kwarg="forum_id"),
    "meetings:publish": MEETING_POST,
    "meetings:published": Rule(lambda a, c: 404, obj="meeting"),  # nothing is published in the world
    "meetings:attendance_mark": NO_SUCH_ROW,
    "meetings:item_notes": NO_SUCH_ROW,
    "meetings:item_move": NO_SUCH_ROW,
    "meetings:decision_add": NO_SUCH_ROW,
    "meetings:plan_decide": NO_SUCH_ROW,
    "meetings:priorities_decide": NO_SUCH_ROW,
    "meetings:item_tables": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999}),
    "meetings:row_search": Rule(manage_view, obj="meeting", query="falt=measure&q=ab"),
    # The meeting page's forms, loaded when opened: for who runs the meeting (the world's are not approved).
    "meetings:meeting_form": Rule(manage_view, obj="meeting", fixed_kwargs={"form": "punkt"}),
    "meetings:item_form": Rule(lambda a, c: 302 if a.rank == 0 else 404, fixed_kwargs={"pk": 999999, "form": "beslut"}),
    # The prioritisation of a council's areas: members of the collaboration who may read the council;
    # its rhythm and draft lists: coordinators (accounts.permissions.can_draft_priorities).
    "priorities:list": Rule(login, hides="council"),
    "priorities:table": Rule(view_login, obj="council"),
    "priorities:table_csv": Rule(view_login, obj="council"),
    "priorities:table_xlsx": Rule(view_login, obj="council"),
    "priorities:rhythm_set": Rule(manage_post, obj="council", method="post"),
    "priorities:list_create": Rule(manage_post, obj="council", method="post"),
    "priorities:list_detail": Rule(view_login, obj="priority_list"),
    "priorities:list_delete": NO_SUCH_ROW,
    "api:openapi-json": Rule(public),
    "api:openapi-view": Rule(public),
    "api:api-root": Rule(lambda a, c: 404),
    "api:list_areas": Rule(public),
    "api:find": Rule(public, query="text=i%20Liljeholmen"),
    "api:get_area": Rule(public, obj="area", kwarg="area_id"),
    # Problems, measures and meetings: read by anyone (the selectors give a visitor what is open); the
    # writes (PATCH on the same URLs, follow-ups) need a token or a session.
    "api:list_measures": Rule(public, hides="measure"),
    "api:get_measure": Rule(view_public, obj="measure", kwarg="measure_id"),
    "api:list_problems": Rule(public, hides="problem"),
    "api:get_problem": Rule(view_public, obj="problem", kwarg="problem_id"),
    # (The matrix posts a form, not JSON: 400 with a Swedish message once the caller is let in; a PATCH
    # without a body is a 422 naming the missing fields.)
    "api:follow_up_measure": Rule(lambda a, c: 401 if a.rank == 0 else 400, obj="measure", kwarg="measure_id",
                                  method="post"),
    "api:patch_measure": Rule(lambda a, c: 401 if a.rank == 0 else 422, obj="measure", kwarg="measure_id",
                              method="patch"),
    "api:patch_problem": Rule(lambda a, c: 401 if a.rank == 0 else 422, obj="problem", kwarg="problem_id",
                              method="patch"),
    "api:list_meetings": Rule(public, hides="meeting"),
    "api:get_meeting": Rule(view_public, obj="meeting", kwarg="meeting_id"),
    # Minutes: the public only published ones (none in the world); members as the web shows them.
    "api:get_minutes": Rule(lambda a, c: 404 if a.rank == 0 else view_public(a, c), obj="meeting",
                            kwarg="meeting_id"),
    # Incidents as files: exact for members (what they may read), aggregated for the public, who must
    # name an area (400 without one).
    "api:incidents_geojson": Rule(lambda a, c: 400 if a.rank == 0 else 200, hides="incident"),
    "api:incidents_csv": Rule(lambda a, c: 400 if a.rank == 0 else 200, hides="incident"),
    # Incidents through the API: a token or a session. GET of the collection (the POST's URL name):
    # any member reads what the policy lets them see; anonymous callers get a Swedish 401.
    "api:list_incidents": Rule(lambda a, c: 401 if a.rank == 0 else 200, hides="incident"),
    "api:report_incident": Rule(lambda a, c: 401 if a.rank == 0 else 200, hides="incident"),
    "api:get_incident": Rule(lambda a, c: 401 if a.rank == 0 else 404, fixed_kwargs={"incident_id": 999999}, kwarg=None),
    # The organisation's API tokens: its coordinators and administrators.
    "api_tokens:list": Rule(role(COORDINATOR)),
    "api_tokens:revoke": NO_SUCH_ROW,
    # The cause analysis follows its owner: a problem's tree whoever may read/edit the problem, a focus
    # area's tree whoever may read the plan / the coordinators who keep it.
    "causes:problem_tree": Rule(view_login, obj="problem"),
    "causes:problem_cause_add": Rule(edit_post, obj="problem", method="post"),
    "causes:focus_area_tree": Rule(view_login, obj="focus_area"),
    "causes:focus_area_cause_add": Rule(manage_post, obj="focus_area", method="post"),
    "causes:cause_edit": Rule(edit_measure, obj="cause"),
    "causes:evidence_add": Rule(edit_measure, obj="cause"),
    "causes:cause_move": Rule(edit_post, obj="cause", method="post"),
    "causes:measure_aim": Rule(edit_post, obj="cause", method="post"),
    "causes:measure_unaim": Rule(edit_post, obj="cause", method="post"),
    "causes:cause_delete": NO_SUCH_ROW,
    "causes:evidence_remove": NO_SUCH_ROW,
    "causes:forum_gaps": Rule(view_login, obj="forum", hides="measure"),
    "causes:plan_gaps": Rule(view_login, obj="plan"),
}  # fmt: skip


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace if not namespace else (f"{namespace}:{p.namespace}" if p.namespace else namespace)
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name


def all_url_names() -> set[str]:
    return {name for name in _walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_matrix__covers_every_url():
    missing = sorted(all_url_names() - set(RULES))
    assert not missing, f"URL:er utan regel i behörighetsmatrisen: {missing}"
    stale = sorted(set(RULES) - all_url_names())
    assert not stale, f"Regler för URL:er som inte finns: {stale}"


@pytest.fixture
def world(db) -> World:
    built = build_world()
    for c in CLASSIFICATIONS:
        built.objects[("area", c)] = AreaFactory(name=f"Matrisområde {c}")
        built.objects[("focus_area", c)] = FocusAreaFactory(plan=built.obj("plan", c), name=f"MATRIS-focus-{c}")
        tree = CauseTree.objects.create(problem=built.obj("problem", c))
        built.objects[("cause", c)] = Cause.objects.create(tree=tree, title=f"MATRIS-cause-{c}")
    _add_councils(built)
    _add_goals(built)
    return built


def _add_councils(built: World) -> None:
    """A council of each classification, and a draft priority list of each classification of the open
    council (so a list's own classification decides who reads it)."""
    from tryggsam.forums.models import ForumKind
    from tryggsam.priorities.models import PriorityList

    own = built.obj("forum", "open").owner_organisation
    for c in CLASSIFICATIONS:
        built.objects[("council", c)] = ForumFactory(
            name=f"MATRIS-council-{c}", kind=ForumKind.COUNCIL, classification=c, owner_organisation=own
        )
    for c in CLASSIFICATIONS:
        built.objects[("priority_list", c)] = PriorityList.objects.create(
            council=built.obj("council", "open"),
            rhythm="tertial",
            year=2025,
            number=1,
            classification=c,
            owner_organisation=own,
        )


def _add_goals(built: World) -> None:
    """A goal with a hand-entered reading on each problem."""
    from tryggsam.goals.models import Goal, ManualReading

    for c in CLASSIFICATIONS:
        goal = Goal.objects.create(
            problem=built.obj("problem", c), text=f"MATRIS-goal-{c}", indicator="manual", baseline_period="2025",
            baseline_value=10, target_value=5, target_date=dt.date(2027, 12, 31), direction="lower",
        )  # fmt: skip
        built.objects[("goal", c)] = goal
        built.objects[("reading", c)] = ManualReading.objects.create(goal=goal, date=dt.date(2026, 6, 30), value=8)


def _url(name: str, rule: Rule, world: World, c: str) -> str:
    kwargs = dict(rule.fixed_kwargs or {})
    query = rule.query
    if rule.obj and rule.kwarg:
        kwargs[rule.kwarg] = world.obj(rule.obj, c).pk
    elif rule.obj:
        query = query.format(pk=world.obj(rule.obj, c).pk)
    url = reverse(name, kwargs=kwargs)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("name", sorted(RULES))
def test_matrix__url_for_every_actor_and_classification(client, world, name):
    rule = RULES[name]
    failures = []
    for actor in ACTORS:
        client.logout()
        if actor.rank:
            client.force_login(world.user(actor))
        for c in CLASSIFICATIONS if (rule.obj or rule.hides) else ("open",):
            url = _url(name, rule, world, c)
            response = getattr(client, rule.method)(url)
            expected = rule.expect(actor, c)
            allowed = expected if isinstance(expected, set) else {expected}
            if response.status_code not in allowed:
                failures.append(
                    f"{actor.key} {c} {rule.method.upper()} {url}: {response.status_code}, väntat {sorted(allowed)}"
                )
            elif rule.hides and response.status_code == 200:
                body = response.content.decode()
                for hidden in CLASSIFICATIONS:  # every record of that kind on the page, not only c's
                    marker = f"MATRIS-{rule.hides}-{hidden}"
                    if not may_view(actor, hidden) and marker in body:
                        failures.append(f"{actor.key} ser {marker} på {url}")
    assert not failures, "\n".join(failures)
