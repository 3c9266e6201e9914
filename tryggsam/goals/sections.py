"""The goals shown on a problem's page, in each focus area's card and, as "Mål och indikatorer", on a
plan's page (which is where a plan's follow-ups are recorded and read): each goal with its latest value,
status and a link, counted as the reader (core/sections.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.casework.models import Problem
from tryggsam.core.sections import PageSection
from tryggsam.goals import selectors
from tryggsam.plans.models import ActionPlan, FocusArea


def _problem(user: Reader, problem: Problem) -> dict[str, Any] | None:
    goals = selectors.goals_of_problem(user, problem)
    can_add = permissions.can_set_goals_on_problem(user, problem)
    if not goals and not can_add:
        return None
    return {
        "goal_progress": selectors.goal_progress(user, goals),
        "add_goal_url": reverse("goals:add_to_problem", args=[problem.pk]) if can_add else "",
        "goals_heading_level": 2,
    }


def _focus_area(user: Reader, focus_area: FocusArea) -> dict[str, Any] | None:
    goals = selectors.goals_of_focus_area(user, focus_area)
    can_add = permissions.can_set_goals_on_focus_area(user, focus_area)
    if not goals and not can_add:
        return None
    return {
        "goal_progress": selectors.goal_progress(user, goals),
        "add_goal_url": reverse("goals:add_to_focus_area", args=[focus_area.pk]) if can_add else "",
        "goals_heading_level": 3,
    }


def _plan(user: Reader, plan: ActionPlan) -> dict[str, Any] | None:
    goals = selectors.goals_of_plan(user, plan)
    if not goals:
        return None
    return {"plan_goal_progress": selectors.goal_progress(user, goals)}


SECTIONS = [
    PageSection("casework:problem", "goals", "goals/section_goals.html", _problem, order=20),
    PageSection("plans:focus_area", "goals", "goals/section_goals.html", _focus_area, order=20),
    PageSection("plans:plan", "goals", "goals/section_plan.html", _plan, order=20),
]
