"""The demo's cause analysis for the cycle's problem: causes with sub-causes and evidence, one measure
aimed at a cause, causes without a measure; shown on the problem's page and counted as the reader."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from tryggsam.accounts.models import User
from tryggsam.causes.models import Cause, Evidence
from tryggsam.causes.selectors import cause_trees
from tryggsam.demo.causes import create_cause_analysis, cycle_problem


def test_demo__the_cycles_problem_has_a_cause_tree(demo, client):
    problem = Cause.objects.select_related("tree__problem").first().tree.problem
    forum = problem.forum
    assert problem == cycle_problem(forum)
    coordinator = User.objects.get(email="samordnare@demo.tryggsam.se")
    [tree] = cause_trees(coordinator, problems=[problem])
    depths = [n.depth for n in tree.nodes]
    assert depths.count(0) >= 2 and 1 in depths
    assert sum(len(n.measures) for n in tree.nodes) == 1
    assert any(not n.measures for n in tree.nodes)
    kinds = {e.kind for n in tree.nodes for e in n.evidence}
    assert {"incidents", "text"} <= kinds
    client.force_login(coordinator)
    body = client.get(reverse("casework:problem_detail", args=[problem.pk])).content.decode()
    assert tree.nodes[0].cause.title in body
    assert client.get(reverse("causes:problem_tree", args=[problem.pk])).status_code == 200


def test_demo__cause_analysis_is_made_once(demo):
    problem = Cause.objects.first().tree.problem
    before = (Cause.objects.count(), Evidence.objects.count())
    create_cause_analysis(problem.forum, today=problem.created_at.date())
    call_command("load_demo", stdout=io.StringIO())
    assert (Cause.objects.count(), Evidence.objects.count()) == before
