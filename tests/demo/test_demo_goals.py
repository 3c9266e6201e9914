"""The demo's goals: the cycle's problem has a goal counted from the demo's incidents, and the citizen
promise a goal measured by hand, shown on the promise's page to visitors."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tryggsam.accounts.models import User
from tryggsam.goals.models import Goal
from tryggsam.goals.selectors import goal_progress


def test_demo_goals__incident_goal_on_the_cycle_problem_and_a_manual_goal_on_the_promise(demo, client):
    incident_goal = Goal.objects.get(indicator="incidents")
    assert incident_goal.problem.forum.name and incident_goal.problem.area is not None
    coordinator = User.objects.get(email__startswith="samordnare@")
    progress = goal_progress(coordinator, [incident_goal])[0]
    assert len(progress.points) >= 4 and all(p.value is not None and p.low is not None for p in progress.points)
    assert progress.baseline_from_data and progress.target == round(progress.baseline * 0.75)
    manual = Goal.objects.get(indicator="manual")
    assert manual.focus_area.plan.kind == "citizen_promise" and manual.readings.count() == 2
    public = goal_progress(AnonymousUser(), [manual])[0]
    assert public.latest.value == 64 and public.status_text
    page = client.get(reverse("plans:detail", args=[manual.focus_area.plan_id])).content.decode()
    assert "Mål och indikatorer" in page and reverse("goals:detail", args=[manual.pk]) in page
