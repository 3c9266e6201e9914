"""The cause tree pages of a problem and of a focus area, and their actions. Every action is a plain
form POST (no script needed; each button is reachable and usable with the keyboard) that answers with
a redirect back to the tree, or with the tree page and a Swedish refusal (status 400) when the input or
the move is not allowed; nothing is changed then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.causes import selectors, services
from tryggsam.causes.forms import AimForm, CauseForm, EvidenceForm, MoveForm, NewCauseForm
from tryggsam.causes.links import tree_url
from tryggsam.causes.models import Cause
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.forums.selectors import forum_for
from tryggsam.plans.selectors import plan_for


def _back(owner: selectors.Owner, cause_pk: int | None = None) -> HttpResponse:
    return redirect(tree_url(owner) + (f"#orsak-{cause_pk}" if cause_pk else ""))


def _tree_page(
    request: AuthenticatedHttpRequest,
    owner: selectors.Owner,
    *,
    add_form: NewCauseForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    tree = selectors.tree_view(request.user, owner)
    context: dict[str, Any] = {"tree": tree, "owner": owner, "error": error, "nav": "forums"}
    if tree.can_edit:
        context["add_form"] = add_form or NewCauseForm(tree=selectors.tree_of(owner))
        context["eligible_measures"] = list(selectors.eligible_measures(request.user, owner))
    return render(request, "causes/tree.html", context, status=status)


def _posted(request: AuthenticatedHttpRequest) -> Any:
    """The posted data, also when empty (an empty post is a form with errors, not a fresh form)."""
    return request.POST if request.method == "POST" else None


def _editable(request: AuthenticatedHttpRequest, owner: selectors.Owner) -> None:
    if not permissions.can_edit_causes(request.user, owner):
        raise PermissionDenied


def _run(
    request: AuthenticatedHttpRequest,
    owner: selectors.Owner,
    action: Callable[[], Any],
    *,
    done: str,
    anchor: int | None,
) -> HttpResponse:
    """Call one service; a refusal shows the tree again with the reason, and nothing was changed."""
    try:
        action()
    except (ServiceError, ValidationError) as exc:
        return _tree_page(request, owner, error=refusal_text(exc), status=400)
    messages.success(request, done)
    return _back(owner, anchor)


@login_required
def problem_tree(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _tree_page(request, selectors.problem_for(request.user, pk))


@login_required
def focus_area_tree(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _tree_page(request, selectors.focus_area_for(request.user, pk))


def _add(request: AuthenticatedHttpRequest, owner: selectors.Owner) -> HttpResponse:
    _editable(request, owner)
    form = NewCauseForm(request.POST, tree=selectors.tree_of(owner))
    if not form.is_valid():
        return _tree_page(request, owner, add_form=form, status=400)
    created: list[Cause] = []

    def add() -> None:
        created.append(services.cause_add(actor=request.user, owner=owner, **form.cleaned_data))

    try:
        add()
    except (ServiceError, ValidationError) as exc:
        return _tree_page(request, owner, add_form=form, error=refusal_text(exc), status=400)
    messages.success(request, _("Orsaken är tillagd."))
    return _back(owner, created[0].pk)


@login_required
@require_POST
def problem_cause_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _add(request, selectors.problem_for(request.user, pk))


@login_required
@require_POST
def focus_area_cause_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _add(request, selectors.focus_area_for(request.user, pk))


def _editable_cause(request: AuthenticatedHttpRequest, pk: int) -> tuple[Cause, selectors.Owner]:
    cause = selectors.cause_for(request.user, pk)
    owner = cause.tree.owner
    _editable(request, owner)
    return cause, owner


@login_required
@require_http_methods(["GET", "POST"])
def cause_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cause, owner = _editable_cause(request, pk)
    form = CauseForm(_posted(request), initial={"title": cause.title, "description": cause.description})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.cause_update(actor=request.user, cause=cause, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            error = refusal_text(exc)
            cause.refresh_from_db()
        else:
            messages.success(request, _("Orsaken är sparad."))
            return _back(owner, cause.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "cause": cause, "owner": owner, "error": error, "back": tree_url(owner), "nav": "forums"}
    return render(request, "causes/cause_edit.html", context, status=status)


@login_required
@require_POST
def cause_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cause, owner = _editable_cause(request, pk)
    parent = cause.parent_id
    return _run(
        request,
        owner,
        lambda: services.cause_delete(actor=request.user, cause=cause),
        done=_("Orsaken är borttagen."),
        anchor=parent,
    )


@login_required
@require_POST
def cause_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cause, owner = _editable_cause(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _tree_page(request, owner, error=_("Okänd förflyttning."), status=400)
    direction = form.cleaned_data["direction"]
    return _run(
        request,
        owner,
        lambda: services.cause_move(actor=request.user, cause=cause, direction=direction),
        done=_("Orsaken är flyttad."),
        anchor=cause.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cause, owner = _editable_cause(request, pk)
    form = EvidenceForm(_posted(request), user=request.user, owner=owner)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(actor=request.user, cause=cause, **form.service_kwargs())
        except (ServiceError, ValidationError) as exc:
            error = refusal_text(exc)
        else:
            messages.success(request, _("Underlaget är tillagt."))
            return _back(owner, cause.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "cause": cause, "owner": owner, "error": error, "back": tree_url(owner), "nav": "forums"}
    return render(request, "causes/evidence_add.html", context, status=status)


@login_required
@require_POST
def evidence_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_for(request.user, pk)
    owner = evidence.cause.tree.owner
    _editable(request, owner)
    return _run(
        request,
        owner,
        lambda: services.evidence_remove(actor=request.user, evidence=evidence),
        done=_("Underlaget är borttaget."),
        anchor=evidence.cause_id,
    )


def _aim(request: AuthenticatedHttpRequest, pk: int, *, aim: bool) -> HttpResponse:
    cause, owner = _editable_cause(request, pk)
    form = AimForm(request.POST, user=request.user, owner=owner, aimed=not aim)
    if not form.is_valid():
        return _tree_page(request, owner, error=_("Välj en åtgärd som finns i listan."), status=400)
    measure = form.cleaned_data["measure"]
    service = services.measure_aim if aim else services.measure_unaim
    return _run(
        request,
        owner,
        lambda: service(actor=request.user, cause=cause, measure=measure),
        done=_("Åtgärden är riktad mot orsaken.") if aim else _("Åtgärden är inte längre riktad mot orsaken."),
        anchor=cause.pk,
    )


@login_required
@require_POST
def measure_aim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _aim(request, pk, aim=True)


@login_required
@require_POST
def measure_unaim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _aim(request, pk, aim=False)


@login_required
def forum_gaps(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    forum = forum_for(request.user, pk)
    context = {"gaps": selectors.gaps(request.user, forum=forum), "heading": forum.name, "nav": "forums"}
    return render(request, "causes/gaps.html", context)


@login_required
def plan_gaps(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    context = {"gaps": selectors.gaps(request.user, plan=plan), "heading": plan.title, "nav": "plans"}
    return render(request, "causes/gaps.html", context)
