"""Writing plans in the UI (coordinators): a plan and its focus areas while it is a draft, the
decision that freezes it, and the next version that starts from a decided plan."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.post_views import form_saved, post_and_redirect, refusal_of
from tryggsam.plans import selectors, services
from tryggsam.plans.forms import DecideForm, FocusAreaForm, PlanForm
from tryggsam.plans.models import ActionPlan, FocusArea

PLAN_INITIAL = ("title", "kind", "parties", "forum", "area", "valid_from", "valid_to", "introduction", "classification")


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    plan = selectors.plan_for(request.user, pk)
    _require_manager(request)
    return plan


def _form_page(request: HttpRequest, template: str, context: dict, form: object) -> HttpResponse:
    status = 400 if getattr(form, "is_bound", False) else 200
    return render(request, template, {**context, "form": form, "nav": "plans"}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_manager(request)
    form = PlanForm(request.POST or None, user=request.user, initial={"kind": request.GET.get("typ", "")[:20]})
    if request.method == "POST" and form.is_valid():
        created: list[ActionPlan] = []
        if form_saved(
            form,
            lambda: created.append(services.plan_create(actor=request.user, **form.cleaned_data)),
        ):
            messages.success(request, _("Planen är skapad. Lägg till fokusområden."))
            return redirect("plans:detail", pk=created[0].pk)
    return _form_page(request, "plans/plan_form.html", {"plan": None}, form)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    initial = {name: getattr(plan, name) for name in PLAN_INITIAL}
    initial["owner_organisation"] = plan.owner_organisation
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form_saved(
            form,
            lambda: services.plan_update(actor=request.user, plan=plan, **form.cleaned_data),
        ):
            messages.success(request, _("Planen är sparad."))
            return redirect("plans:detail", pk=plan.pk)
        plan.refresh_from_db()
    return _form_page(request, "plans/plan_form.html", {"plan": plan}, form)


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = FocusAreaForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(
            form,
            lambda: services.focus_area_create(actor=request.user, plan=plan, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Fokusområdet är tillagt."))
        return redirect("plans:detail", pk=plan.pk)
    return _form_page(request, "plans/focus_area_form.html", {"plan": plan, "focus_area": None}, form)


def _focus_area(request: HttpRequest, pk: int) -> FocusArea:
    focus_area = FocusArea.objects.select_related("plan").filter(pk=pk).first()
    if focus_area is None or not permissions.can_view(request.user, focus_area.plan):
        raise Http404
    _require_manager(request)
    return focus_area


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    focus_area = _focus_area(request, pk)
    initial = {name: getattr(focus_area, name) for name in services.FOCUS_AREA_FIELDS}
    initial["activities"] = "\n".join(focus_area.activities or [])
    form = FocusAreaForm(request.POST or None, user=request.user, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_saved(
            form,
            lambda: services.focus_area_update(actor=request.user, focus_area=focus_area, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Fokusområdet är sparat."))
        return redirect(reverse("plans:detail", args=[focus_area.plan_id]) + f"#fa-{focus_area.pk}")
    context = {"plan": focus_area.plan, "focus_area": focus_area}
    return _form_page(request, "plans/focus_area_form.html", context, form)


def _post_and_back(request: HttpRequest, plan_id: int, action: Callable[[], object], done: str) -> HttpResponse:
    return post_and_redirect(request, action, done=done, to=reverse("plans:detail", args=[plan_id]))


@login_required
@require_POST
def focus_area_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    focus_area = _focus_area(request, pk)
    return _post_and_back(
        request,
        focus_area.plan_id,
        lambda: services.focus_area_delete(actor=request.user, focus_area=focus_area),
        _("Fokusområdet är borttaget."),
    )


@login_required
@require_POST
def plan_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange beslutsdatum."))
        return redirect("plans:detail", pk=plan.pk)
    return _post_and_back(
        request,
        plan.pk,
        lambda: services.plan_decide(actor=request.user, plan=plan, **form.cleaned_data),
        _("Planen är beslutad och låst. Gör en ny version när den ska ändras."),
    )


@login_required
@require_POST
def plan_new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    drafts: list[ActionPlan] = []
    refusal = refusal_of(lambda: drafts.append(services.plan_new_version(actor=request.user, plan=plan)))
    if refusal:
        messages.error(request, refusal)
        return redirect("plans:detail", pk=plan.pk)
    messages.success(
        request, _("Version %(v)s är ett utkast som utgår från den beslutade planen.") % {"v": drafts[0].version}
    )
    return redirect("plans:detail", pk=drafts[0].pk)
