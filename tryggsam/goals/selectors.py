"""Reads of goals, as the user: a goal is read with its subject (accounts.permissions.can_view_goal),
and its progress is counted as the user (goals/progress.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.services import audit_read
from tryggsam.casework.models import Problem
from tryggsam.goals.models import Goal, ManualReading
from tryggsam.goals.progress import GoalProgress, progress_of
from tryggsam.plans.models import ActionPlan, FocusArea


def goals_visible_to(user: Reader) -> QuerySet[Goal]:
    """Goals on the plans the user may read, and (for members of the collaboration) on the problems
    they may read; the same rule as `permissions.can_view_goal`, as a filter."""
    plans = ActionPlan.objects.filter(permissions.visible_q(user, ActionPlan))
    visible = Q(focus_area__plan__in=plans)
    if permissions.is_collaboration_member(user):
        visible |= Q(problem__in=Problem.objects.filter(permissions.visible_q(user, Problem)))
    return (
        Goal.objects.filter(visible)
        .select_related("problem", "focus_area__plan", "area")
        .prefetch_related("categories", "areas")
    )


def goal_for(user: Reader, pk: int) -> Goal:
    """One goal the user may read, or 404; reading a goal of a restricted subject is audited."""
    goal = goals_visible_to(user).filter(pk=pk).first()
    if goal is None or not permissions.can_view_goal(user, goal):
        raise Http404
    audit_read(user=user, obj=subject_record(goal))
    return goal


def subject_record(goal: Goal) -> Problem | ActionPlan:
    """The classified record a goal is read with: its problem, or its focus area's plan."""
    if goal.problem is not None:
        return goal.problem
    assert goal.focus_area is not None  # the database holds exactly one of the two
    return goal.focus_area.plan


def reading_for(user: Reader, pk: int) -> ManualReading:
    reading = ManualReading.objects.filter(pk=pk).only("goal_id").first()
    if reading is None:
        raise Http404
    goal = goal_for(user, reading.goal_id)
    return goal.readings.get(pk=pk)


def goals_of_problem(user: Reader, problem: Problem) -> list[Goal]:
    return list(goals_visible_to(user).filter(problem=problem))


def goals_of_focus_area(user: Reader, focus_area: FocusArea) -> list[Goal]:
    return list(goals_visible_to(user).filter(focus_area=focus_area))


def goals_of_plan(user: Reader, plan: ActionPlan) -> list[Goal]:
    return list(goals_visible_to(user).filter(focus_area__plan=plan).order_by("focus_area__position", "id"))


def goal_progress(user: Reader, goals: Iterable[Goal]) -> list[GoalProgress]:
    """The progress of each goal that `user` may read (others are left out), counted as `user`."""
    return [progress_of(user, goal) for goal in goals if permissions.can_view_goal(user, goal)]
