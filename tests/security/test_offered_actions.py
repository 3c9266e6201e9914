"""A user is offered exactly what they may do: for every role, every work-table row and problem page.

For each actor of the matrix world, the forum pages are read as that actor sees them, and each action a
row or a problem page offers (change, new status, add a measure, change or close the problem) is
compared with what the server answers when the actor tries it. An offered action must be allowed (no
silent 403 behind a button), and an allowed action must be offered (no work the user cannot reach).
The probes change nothing: GETs of the in-place forms, and empty POSTs that an allowed user gets back
as a form error and a refused user as 403.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.security.world import ACTORS, CLASSIFICATIONS, Actor, build_world
from tryggsam.casework.models import Measure, Problem

ROW = re.compile(r'<tr id="row-(?P<kind>[mp])(?P<pk>\d+)">(?P<body>.*?)</tr>', re.S)


def offered_on_row(body: str, problem: Problem, measure: Measure | None) -> set[str]:
    offered = set()
    if measure is not None:
        if reverse("casework:measure_edit", args=[measure.pk]) in body:
            offered.add("edit")
        if reverse("casework:measure_status", args=[measure.pk]) in body:
            offered.add("status")
    if reverse("casework:measure_add", args=[problem.pk]) in body or "#lagg-till-atgard" in body:
        offered.add("add_measure")
    return offered


def allowed_on_row(client: Any, problem: Problem, measure: Measure | None, *, first_of_problem: bool) -> set[str]:
    allowed = set()
    if measure is not None:
        if client.get(reverse("casework:measure_edit", args=[measure.pk])).status_code == 200:
            allowed.add("edit")
        if client.get(reverse("casework:measure_status", args=[measure.pk])).status_code == 200:
            allowed.add("status")
    # A problem offers "add a measure" once: on its first row (or on its only row when it has none).
    if first_of_problem and client.post(reverse("casework:measure_add", args=[problem.pk])).status_code != 403:
        allowed.add("add_measure")
    return allowed


def offered_on_problem_page(body: str, problem: Problem) -> set[str]:
    offered = set()
    if reverse("casework:problem_edit", args=[problem.pk]) in body:
        offered.add("edit_problem")
    if reverse("casework:problem_close", args=[problem.pk]) in body:
        offered.add("close_problem")
    if reverse("casework:measure_add", args=[problem.pk]) in body:
        offered.add("add_measure")
    return offered


def allowed_on_problem_page(client: Any, problem: Problem) -> set[str]:
    allowed = set()
    for action, name in (
        ("edit_problem", "casework:problem_edit"),
        ("close_problem", "casework:problem_close"),
        ("add_measure", "casework:measure_add"),
    ):
        if client.post(reverse(name, args=[problem.pk])).status_code != 403:
            allowed.add(action)
    return allowed


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize("actor", [a for a in ACTORS if a.rank], ids=lambda a: a.key)
def test_every_row__offers_exactly_what_the_policy_allows(client, world, actor: Actor):
    client.force_login(world.user(actor))
    failures: list[str] = []
    rows_seen = 0
    for c in CLASSIFICATIONS:
        forum = world.obj("forum", c)
        page = client.get(reverse("forums:detail", args=[forum.pk]))
        if page.status_code != 200:
            continue
        seen_problems: set[int] = set()
        for match in ROW.finditer(page.content.decode()):
            rows_seen += 1
            if match["kind"] == "m":
                measure = Measure.objects.select_related("problem").get(pk=match["pk"])
                problem = measure.problem
            else:
                measure, problem = None, Problem.objects.get(pk=match["pk"])
            first = problem.pk not in seen_problems
            seen_problems.add(problem.pk)
            offered = offered_on_row(match["body"], problem, measure)
            allowed = allowed_on_row(client, problem, measure, first_of_problem=first)
            if offered != allowed:
                failures.append(
                    f"{c} rad {match['kind']}{match['pk']}: visas {sorted(offered)}, tillåts {sorted(allowed)}"
                )
        for problem_pk in seen_problems:
            problem = Problem.objects.get(pk=problem_pk)
            body = client.get(reverse("casework:problem_detail", args=[problem.pk])).content.decode()
            offered = offered_on_problem_page(body, problem)
            allowed = allowed_on_problem_page(client, problem)
            if offered != allowed:
                failures.append(f"{c} problem {problem.pk}: visas {sorted(offered)}, tillåts {sorted(allowed)}")
    assert rows_seen, f"{actor.key} såg inga rader alls"
    assert not failures, "\n".join(failures)
