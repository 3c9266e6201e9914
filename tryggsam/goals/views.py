"""A goal's page (its series, chart and status), and writing goals and readings. Thin: the policy is
asked before the form is offered, the services write, the selectors read as the user."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework.selectors import problem_for
from tryggsam.core.post_views import form_saved, post_and_redirect
from tryggsam.goals import chart, selectors, services
from tryggsam.goals.forms import GoalForm, ReadingForm
from tryggsam.goals.models import Goal, ManualReading
from tryggsam.plans.models import FocusArea


def _back(goal: Goal) -> str:
    subject = selectors.subject_record(goal)
    if goal.problem_id is not None:
        return reverse("casework:problem_detail", args=[subject.pk])
    return reverse("plans:detail", args=[subject.pk]) + f"#fa-{goal.focus_area_id}"


def _page(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    status = 400 if getattr(form, "is_bound", False) else 200
    return render(request, template, {**context, "form": form, "nav": "goals"}, status=status)


@require_http_methods(["GET"])
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Open to visitors for a goal of an open plan (counted under the public rule); a visitor asking
    for any other goal is sent to log in, whether or not it exists."""
    try:
        goal = selectors.goal_for(request.user, pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    progress = selectors.goal_progress(request.user, [goal])[0]
    context = {
        "goal": goal,
        "progress": progress,
        "chart": chart.chart_of(progress),
        "back": _back(goal),
        "can_change": permissions.can_change_goal(request.user, goal),
        "can_enter": permissions.can_enter_goal_readings(request.user, goal),
        "frozen": permissions.goal_is_frozen(goal),
        "nav": "goals",
    }
    return render(request, "goals/detail.html", context)


def _focus_area(request: HttpRequest, pk: int) -> FocusArea:
    focus_area = FocusArea.objects.select_related("plan").filter(pk=pk).first()
    if focus_area is None or not permissions.can_view(request.user, focus_area.plan):
        raise Http404
    return focus_area


@login_required
@require_http_methods(["GET", "POST"])
def goal_add_to_problem(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    problem = problem_for(request.user, pk)
    if not permissions.can_set_goals_on_problem(request.user, problem):
        raise PermissionDenied
    return _create(request, {"problem": problem}, str(problem), reverse("casework:problem_detail", args=[pk]))


@login_required
@require_http_methods(["GET", "POST"])
def goal_add_to_focus_area(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    focus_area = _focus_area(request, pk)
    if not permissions.can_set_goals_on_focus_area(request.user, focus_area):
        raise PermissionDenied
    back = reverse("plans:detail", args=[focus_area.plan_id]) + f"#fa-{focus_area.pk}"
    return _create(request, {"focus_area": focus_area}, str(focus_area), back)


def _create(request: AuthenticatedHttpRequest, subject: dict[str, Any], name: str, back: str) -> HttpResponse:
    form = GoalForm(request.POST or None, initial={"direction": "lower"})
    created: list[Goal] = []
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(
            form, lambda: created.append(services.goal_create(actor=request.user, spec=form.spec(), **subject))
        )
    ):
        messages.success(request, _("Målet är sparat."))
        return redirect("goals:detail", pk=created[0].pk)
    return _page(request, "goals/goal_form.html", {"goal": None, "subject_name": name, "back": back}, form)


def _changeable(request: HttpRequest, pk: int) -> Goal:
    goal = selectors.goal_for(request.user, pk)
    if not permissions.can_change_goal(request.user, goal):
        raise PermissionDenied
    return goal


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = _changeable(request, pk)
    form = GoalForm(request.POST or None, initial=GoalForm.initial_for(goal))
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(form, lambda: services.goal_update(actor=request.user, goal=goal, spec=form.spec()))
    ):
        messages.success(request, _("Målet är sparat."))
        return redirect("goals:detail", pk=goal.pk)
    goal.refresh_from_db()
    context = {"goal": goal, "subject_name": str(goal.problem or goal.focus_area), "back": _back(goal)}
    return _page(request, "goals/goal_form.html", context, form)


@login_required
@require_POST
def goal_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = _changeable(request, pk)
    back = _back(goal)
    return post_and_redirect(
        request, lambda: services.goal_delete(actor=request.user, goal=goal), done=_("Målet är borttaget."), to=back
    )


def _enterable(request: HttpRequest, goal: Goal) -> None:
    if not permissions.can_enter_goal_readings(request.user, goal):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def reading_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_for(request.user, pk)
    _enterable(request, goal)
    form = ReadingForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(form, lambda: services.reading_add(actor=request.user, goal=goal, **form.cleaned_data))
    ):
        messages.success(request, _("Värdet är infört."))
        return redirect("goals:detail", pk=goal.pk)
    return _page(request, "goals/reading_form.html", {"goal": goal, "reading": None}, form)


def _reading(request: HttpRequest, pk: int) -> ManualReading:
    reading = selectors.reading_for(request.user, pk)
    _enterable(request, reading.goal)
    return reading


@login_required
@require_http_methods(["GET", "POST"])
def reading_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reading = _reading(request, pk)
    form = ReadingForm(request.POST or None, initial=ReadingForm.initial_for(reading))
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(form, lambda: services.reading_correct(actor=request.user, reading=reading, **form.cleaned_data))
    ):
        messages.success(request, _("Värdet är rättat."))
        return redirect("goals:detail", pk=reading.goal_id)
    reading.refresh_from_db()
    return _page(request, "goals/reading_form.html", {"goal": reading.goal, "reading": reading}, form)


@login_required
@require_POST
def reading_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reading = _reading(request, pk)
    to = reverse("goals:detail", args=[reading.goal_id])
    return post_and_redirect(
        request,
        lambda: services.reading_delete(actor=request.user, reading=reading),
        done=_("Värdet är borttaget."),
        to=to,
    )
