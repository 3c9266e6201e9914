"""Work-table pages. Rows are edited in place with htmx: each view returns a table row fragment for
htmx requests and redirects back to the partnership page for plain form posts (no script needed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework import selectors, services
from tryggsam.casework.forms import (
    CloseProblemForm,
    DueFilterForm,
    MeasureForm,
    NewMeasureForm,
    NewProblemForm,
    ProblemForm,
    ReopenProblemForm,
    StatusForm,
)
from tryggsam.casework.models import Measure, Problem
from tryggsam.core.errors import ConcurrentEditError, ServiceError, refusal_text
from tryggsam.core.personal_data.views import personal_data_form_page
from tryggsam.forums.selectors import forum_for


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back_to_table(measure: Measure) -> HttpResponse:
    if measure.problem.forum_id:
        return redirect("forums:detail", pk=measure.problem.forum_id)
    return redirect("casework:measure_detail", pk=measure.pk)


def _render_row(request: HttpRequest, measure: Measure, *, status: int = 200) -> HttpResponse:
    row = selectors.work_row(request.user, measure)
    return render(request, "casework/_row.html", {"row": row}, status=status)


@login_required
def measure_row(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_row(request, selectors.measure_for(request.user, pk))


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The measure page; a visitor who is not logged in gets the public page of an open measure
    (a link from a public area page or feed must not end at a login form), and 404 otherwise."""
    if not request.user.is_authenticated:
        return measure_public(request, pk)
    measure = selectors.measure_for(request.user, pk)
    follow_ups = selectors.follow_ups_visible_to(request.user).filter(measure=measure).select_related("author")
    return render(
        request,
        "casework/measure_detail.html",
        {
            "measure": measure,
            "follow_ups": follow_ups,
            "can_edit": permissions.can_edit_measure(request.user, measure),
            "can_add_measure": permissions.can_add_measure(request.user, measure.problem),
            "nav": "forums",
        },
    )


def measure_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Read-only and public: what the policy lets an anonymous visitor read of the measure (open
    measure of an open problem, open follow-ups), no names of people and no forum that is not open."""
    visitor = AnonymousUser()
    measure = selectors.measure_for(visitor, pk)
    follow_ups = selectors.follow_ups_visible_to(visitor).filter(measure=measure).order_by("-date", "-id")
    forum = measure.problem.forum
    return render(
        request,
        "casework/measure_public.html",
        {
            "measure": measure,
            "follow_ups": follow_ups,
            "forum": forum if forum is not None and permissions.can_view(visitor, forum) else None,
            "nav": "places",
        },
    )


def _measure_initial(measure: Measure) -> dict:
    return {
        "version": measure.version,
        "title": measure.title,
        "participants_text": measure.participants_text,
        "participating_organisations": list(measure.participating_organisations.all()),
        "responsible_text": measure.responsible_text,
        "responsible_user": measure.responsible_user,
        "responsible_organisation": measure.responsible_organisation,
        "start_date": measure.start_date,
        "end_date": measure.end_date,
        "next_follow_up": measure.next_follow_up,
        "classification": measure.classification,
    }


def _auto_id(measure: Measure) -> str:
    """Field ids unique per row, so that two rows open for editing at once keep their labels,
    help texts and errors apart."""
    return f"id_m{measure.pk}_%s"


def _with_version(request: HttpRequest, measure: Measure) -> QueryDict:
    """The posted form with the version that is saved now: after a conflict the person has been shown
    what is saved, keeps their own changes in the form, and may save them over it deliberately."""
    data = request.POST.copy()
    data["version"] = str(measure.version)
    return data


def _edit_response(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    if _is_htmx(request):
        return render(request, template, context)
    return render(request, "casework/edit_page.html", {**context, "fragment": template, "nav": "forums"})


def _save_row(
    request: HttpRequest,
    measure: Measure,
    form: Any,
    *,
    save: Callable[[dict], object],
    fresh_form: Callable[[], Any],
    template: str,
    saved_message: str,
) -> HttpResponse:
    """The shared flow of the row forms: save through the service, or show the row form again with
    the refusal; after a save conflict the form keeps the user's text but carries the current version,
    so that saving again is a deliberate choice to replace what the other person saved."""
    error, conflict = None, False
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ConcurrentEditError as exc:
            error, conflict = str(exc), True
            measure.refresh_from_db()
            form = fresh_form()
        except (ServiceError, ValidationError) as exc:
            error = refusal_text(exc)
            measure.refresh_from_db()
        else:
            if _is_htmx(request):
                return _render_row(request, measure)
            messages.success(request, saved_message)
            return _back_to_table(measure)
    context = {
        "form": form,
        "measure": measure,
        "error": error,
        "current": measure if error else None,
        "conflict": conflict,
    }
    return _edit_response(request, template, context)


def _editable_measure(request: HttpRequest, pk: int) -> Measure:
    measure = selectors.measure_for(request.user, pk)
    if not permissions.can_edit_measure(request.user, measure):
        raise PermissionDenied
    return measure


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = _editable_measure(request, pk)

    def save(data: dict) -> None:
        version, orgs = data.pop("version"), data.pop("participating_organisations")
        services.measure_update(
            actor=request.user, measure=measure, expected_version=version, participating_organisations=orgs, **data
        )

    return _save_row(
        request,
        measure,
        MeasureForm(request.POST or None, initial=_measure_initial(measure), auto_id=_auto_id(measure)),
        save=save,
        fresh_form=lambda: MeasureForm(
            _with_version(request, measure), initial=_measure_initial(measure), auto_id=_auto_id(measure)
        ),
        template="casework/_row_edit.html",
        saved_message=_("Åtgärden är sparad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = _editable_measure(request, pk)
    initial = {
        "version": measure.version,
        "status": measure.status,
        "date": timezone.localdate(),  # what is recorded when left as is: show it
        "next_follow_up": measure.next_follow_up,
    }

    def save(data: dict) -> None:
        services.measure_change_status(
            actor=request.user,
            measure=measure,
            expected_version=data["version"],
            new_status=data["status"],
            note=data["note"],
            date=data["date"],
            # The form shows the current date; left as it was, it is "unchanged" (cleared when the work is finished).
            next_follow_up="unchanged" if data["next_follow_up"] == measure.next_follow_up else data["next_follow_up"],
        )

    return _save_row(
        request,
        measure,
        StatusForm(request.POST or None, initial=initial, auto_id=_auto_id(measure)),
        save=save,
        fresh_form=lambda: StatusForm(_with_version(request, measure), auto_id=_auto_id(measure)),
        template="casework/_row_status.html",
        saved_message=_("Status och uppföljning är sparade."),
    )


@login_required
@require_POST
def measure_add(request: AuthenticatedHttpRequest, problem_id: int) -> HttpResponse:
    problem = selectors.problem_for(request.user, problem_id)
    if not permissions.can_add_measure(request.user, problem):
        raise PermissionDenied
    form = NewMeasureForm(request.POST)
    if not form.is_valid() and form.personal_data_found:
        return personal_data_form_page(
            request,
            form=form,
            action=reverse("casework:measure_add", args=[problem.pk]),
            back_url=reverse("forums:detail", args=[problem.forum_id]) if problem.forum_id else reverse("home:start"),
            heading=_("Lägg till åtgärd"),
        )
    if not form.is_valid():
        messages.error(request, _("Åtgärden kunde inte läggas till: fyll i åtgärd/insats."))
    else:
        try:
            services.measure_create(actor=request.user, problem=problem, **form.cleaned_data)
            messages.success(request, _("Åtgärden är tillagd."))
        except ServiceError as exc:
            messages.error(request, str(exc))
    return redirect("forums:detail", pk=problem.forum_id) if problem.forum_id else redirect("home:start")


@login_required
@require_POST
def problem_add(request: AuthenticatedHttpRequest, forum_id: int) -> HttpResponse:
    forum = forum_for(request.user, forum_id)
    if not permissions.can_create_problem(request.user):
        raise PermissionDenied
    form = NewProblemForm(request.POST)
    kind = request.POST.get("kind", "problem")
    if not form.is_valid() and form.personal_data_found and kind in ("problem", "development"):
        return personal_data_form_page(
            request,
            form=form,
            action=reverse("casework:problem_add", args=[forum.pk]),
            back_url=reverse("forums:detail", args=[forum.pk]),
            heading=_("Lägg till rad"),
            hidden={"kind": kind},
        )
    if not form.is_valid() or kind not in ("problem", "development"):
        messages.error(request, _("Problemet kunde inte läggas till: fyll i problemområde."))
        return redirect("forums:detail", pk=forum.pk)
    try:
        problem = services.problem_create(
            actor=request.user, title=form.cleaned_data["title"], kind=kind, forum=forum, area=forum.area
        )
        if form.cleaned_data["measure_title"]:
            services.measure_create(
                actor=request.user,
                problem=problem,
                title=form.cleaned_data["measure_title"],
                responsible_text=form.cleaned_data["responsible_text"],
            )
        messages.success(request, _("Raden är tillagd."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("forums:detail", pk=forum.pk)


@login_required
def due_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = DueFilterForm(request.GET or None, user=request.user)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    scope = request.GET.get("visa", "mina")
    due = selectors.shown_due(
        selectors.measures_due(
            request.user,
            responsible_user=request.user if scope == "mina" else None,
            organisation=chosen.get("organisation"),
            forum=chosen.get("forum"),
        )
    )
    return render(request, "casework/due.html", {"measures": due, "scope": scope, "filters": filters, "nav": "due"})


def _problem_page(request: HttpRequest, problem: Problem, *, status: int = 200, **forms_: Any) -> HttpResponse:
    user = request.user
    can_edit = permissions.can_edit_problem(user, problem)
    can_close = permissions.can_close_problem(user, problem)
    initial = {"title": problem.title, "description": problem.description, "classification": problem.classification}
    context = {
        "problem": problem,
        "measures": selectors.measures_visible_to(user).filter(problem=problem).order_by("position", "id"),
        "can_edit": can_edit,
        "can_close": can_close,
        "can_add_measure": permissions.can_add_measure(user, problem),
        "edit_form": forms_.get("edit_form") or (ProblemForm(initial=initial) if can_edit else None),
        "close_form": forms_.get("close_form") or (CloseProblemForm() if can_close and not problem.is_closed else None),
        "reopen_form": forms_.get("reopen_form") or (ReopenProblemForm() if can_close and problem.is_closed else None),
        "nav": "forums",
    }
    return render(request, "casework/problem_detail.html", context, status=status)


@login_required
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_page(request, selectors.problem_for(request.user, pk))


def _problem_write(
    request: HttpRequest, pk: int, form_class: type, form_key: str, write: Callable[[Problem, dict], object], done: str
) -> HttpResponse:
    """The problem page's POST flow: the policy first (403), then the form (errors shown on the page,
    nothing saved), then the service (its refusal shown as an error)."""
    problem = selectors.problem_for(request.user, pk)
    if not permissions.can_edit_problem(request.user, problem):
        raise PermissionDenied
    form = form_class(request.POST)
    if not form.is_valid():
        return _problem_page(request, problem, status=400, **{form_key: form})
    try:
        write(problem, dict(form.cleaned_data))
    except (ServiceError, ValidationError) as exc:
        messages.error(request, refusal_text(exc))
        problem.refresh_from_db()
        return _problem_page(request, problem, status=400, **{form_key: form})
    messages.success(request, done)
    return redirect("casework:problem_detail", pk=problem.pk)


@login_required
@require_POST
def problem_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_write(
        request,
        pk,
        ProblemForm,
        "edit_form",
        lambda problem, data: services.problem_update(actor=request.user, problem=problem, **data),
        _("Problemet är sparat."),
    )


@login_required
@require_POST
def problem_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_write(
        request,
        pk,
        CloseProblemForm,
        "close_form",
        lambda problem, data: services.problem_close(actor=request.user, problem=problem, reason=data["reason"]),
        _("Problemet är avslutat. Det finns kvar under Avslutade problem och kan öppnas igen."),
    )


@login_required
@require_POST
def problem_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_write(
        request,
        pk,
        ReopenProblemForm,
        "reopen_form",
        lambda problem, data: services.problem_reopen(actor=request.user, problem=problem, reason=data["reason"]),
        _("Problemet är öppnat igen och finns i arbetstabellen."),
    )
