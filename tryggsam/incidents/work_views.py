"""An incident's page with what the user may do with it, and the review queue of tips and other
incidents awaiting review. Thin: each POST asks the policy (403), reads its form (errors on the page,
nothing saved) and calls one service in `work.py` (its refusal shown as an error)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.audit.services import audit_reads
from tryggsam.casework.selectors import problems_visible_to
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.incidents import selectors, work
from tryggsam.incidents.forms import (
    DATETIME_LOCAL,
    DismissForm,
    IncidentClassifyForm,
    IncidentDuplicateForm,
    IncidentEditForm,
    IncidentProblemForm,
    RouteForm,
)
from tryggsam.incidents.models import Incident, TipReceipt

QUEUE_PAGE_SIZE = 50
# The incident's page holds several forms with an answer to the resident: each its own ids.
ROUTE_IDS, DISMISS_IDS, PROBLEM_IDS = "route-%s", "dismiss-%s", "problem-%s"


def _owner_choices(user: Reader, incident: Incident) -> Any:
    """The organisations an incident may be given as owner by `user`: their own, and the one it has."""
    return Organisation.objects.filter(permissions.incident_owner_choices_q(user, incident)).order_by("name")


def _problem_choices(user: Reader) -> Any:
    return problems_visible_to(user).filter(is_closed=False).order_by("title")


def incident_actions(user: Reader, incident: Incident) -> dict[str, bool]:
    """Which actions the incident's page offers `user`: exactly those the policy allows."""
    can_edit = bool(permissions.can_edit_incident(user, incident))
    return {
        "edit": can_edit,
        "classify": bool(permissions.can_classify_incident(user, incident)),
        "duplicate": can_edit,
        "link_problem": can_edit,
        "route": bool(permissions.can_route_incident(user, incident)),
        "accept": bool(permissions.can_review_incident(user, incident)),
        "dismiss": bool(permissions.can_dismiss_incident(user, incident)),
    }


def _detail_page(request: HttpRequest, incident: Incident, *, status: int = 200, **forms_: Any) -> HttpResponse:
    user = request.user
    actions = incident_actions(user, incident)
    initial = {
        "title": incident.title,
        "description": incident.description,
        "occurred_at": timezone.localtime(incident.occurred_at).strftime(DATETIME_LOCAL),
        "categories": list(incident.categories.all()),
    }

    def form(key: str, allowed: bool, make: Callable[[], Any]) -> Any:
        return forms_.get(key) or (make() if allowed else None)

    context = {
        "incident": incident,
        "actions": actions,
        "duplicate_of": incident.duplicate_of
        if incident.duplicate_of and permissions.can_view(user, incident.duplicate_of)
        else None,
        "duplicates": selectors.duplicates_visible(user, incident),
        "problem": incident.problem if incident.problem and permissions.can_view(user, incident.problem) else None,
        "tip_receipt": TipReceipt.objects.filter(incident=incident).first(),
        "history": AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(incident.pk))
        .exclude(action=AuditAction.READ)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
        if permissions.can_view_audit(user)
        else None,
        "edit_form": form("edit_form", actions["edit"], lambda: IncidentEditForm(initial=initial)),
        "classify_form": form(
            "classify_form",
            actions["classify"],
            lambda: IncidentClassifyForm(
                initial={
                    "classification": incident.classification,
                    "owner_organisation": incident.owner_organisation_id,
                },
                organisations=_owner_choices(user, incident),
            ),
        ),
        "duplicate_form": form(
            "duplicate_form",
            actions["duplicate"],
            lambda: IncidentDuplicateForm(initial={"original": incident.duplicate_of_id}),
        ),
        "problem_form": form(
            "problem_form",
            actions["link_problem"],
            lambda: IncidentProblemForm(
                initial={"problem": incident.problem_id}, problems=_problem_choices(user), auto_id=PROBLEM_IDS
            ),
        ),
        "route_form": form(
            "route_form",
            actions["route"],
            lambda: RouteForm(initial={"organisation": incident.routed_to_id}, auto_id=ROUTE_IDS),
        ),
        "dismiss_form": form("dismiss_form", actions["dismiss"], lambda: DismissForm(auto_id=DISMISS_IDS)),
        "back": _local_path(request, request.POST.get("next") or request.GET.get("next", "")),
        "nav": "incidents",
    }
    return render(request, "incidents/detail.html", context, status=status)


def _local_path(request: HttpRequest, target: str) -> str:
    """`target` when it is a path on this site (where to go back to after an action), else ""."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.incident_for(request.user, pk))


def _back(request: HttpRequest, incident: Incident) -> HttpResponse:
    """Back to the queue when the action came from there, else to the incident's page."""
    target = _local_path(request, request.POST.get("next", ""))
    if target:
        return HttpResponseRedirect(target)  # a path, never a view name for redirect() to look up
    return redirect("incidents:detail", pk=incident.pk)


def _incident_write(
    request: HttpRequest,
    pk: int,
    allowed: Callable[[Any, Incident], Any],
    make_form: Callable[[Incident], Any],
    form_key: str,
    write: Callable[[Incident, dict], object],
    done: str,
) -> HttpResponse:
    incident = selectors.incident_for(request.user, pk)
    if not allowed(request.user, incident):
        raise PermissionDenied
    form = make_form(incident)
    if not form.is_valid():
        return _detail_page(request, incident, status=400, **{form_key: form})
    try:
        write(incident, dict(form.cleaned_data))
    except (ServiceError, ValidationError) as exc:
        messages.error(request, refusal_text(exc))
        return _detail_page(request, selectors.incident_for(request.user, pk), status=400, **{form_key: form})
    messages.success(request, done)
    return _back(request, incident)


@login_required
@require_POST
def incident_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_edit_incident,
        lambda incident: IncidentEditForm(request.POST),
        "edit_form",
        lambda incident, data: work.incident_update(actor=request.user, incident=incident, **data),
        _("Händelsen är sparad."),
    )


@login_required
@require_POST
def incident_classify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_classify_incident,
        lambda incident: IncidentClassifyForm(request.POST, organisations=_owner_choices(request.user, incident)),
        "classify_form",
        lambda incident, data: work.incident_classify(actor=request.user, incident=incident, **data),
        _("Klassificeringen är ändrad."),
    )


def _mark_duplicate(request: AuthenticatedHttpRequest, incident: Incident, data: dict) -> None:
    original = None
    if data["original"]:
        original = selectors.incidents_visible_to(request.user).filter(pk=data["original"]).first()
        if original is None:
            raise ServiceError(_("Det finns ingen händelse med det numret som du får läsa."))
    work.incident_mark_duplicate(actor=request.user, incident=incident, original=original)


@login_required
@require_POST
def incident_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_edit_incident,
        lambda incident: IncidentDuplicateForm(request.POST),
        "duplicate_form",
        lambda incident, data: _mark_duplicate(request, incident, data),
        _("Markeringen som dubblett är sparad."),
    )


@login_required
@require_POST
def incident_problem(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_edit_incident,
        lambda incident: IncidentProblemForm(
            request.POST, problems=_problem_choices(request.user), auto_id=PROBLEM_IDS
        ),
        "problem_form",
        lambda incident, data: work.incident_link_problem(actor=request.user, incident=incident, **data),
        _("Kopplingen till problemet är sparad."),
    )


@login_required
@require_POST
def incident_route(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_route_incident,
        lambda incident: RouteForm(request.POST, initial={"organisation": incident.routed_to_id}, auto_id=ROUTE_IDS),
        "route_form",
        lambda incident, data: work.incident_route(actor=request.user, incident=incident, **data),
        _("Händelsen är skickad till organisationen."),
    )


@login_required
@require_POST
def incident_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_review_incident,
        lambda incident: _Empty(),
        "accept_form",
        lambda incident, data: work.incident_accept(actor=request.user, incident=incident),
        _("Händelsen är godkänd och räknas nu i lägesbilden."),
    )


@login_required
@require_POST
def incident_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _incident_write(
        request,
        pk,
        permissions.can_dismiss_incident,
        lambda incident: DismissForm(request.POST, auto_id=DISMISS_IDS),
        "dismiss_form",
        lambda incident, data: work.incident_dismiss(
            actor=request.user, incident=incident, reason=data["reason"], answer=data["answer"]
        ),
        _("Händelsen är avfärdad."),
    )


class _Empty:
    """The form of an action without fields (accept)."""

    cleaned_data: dict = {}

    def is_valid(self) -> bool:
        return True


POLICE_TAB = "polisen"


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Tips and other incidents awaiting review: for coordinators all of them, for a member those sent
    to their organisation. The tab "Polisens händelser" lists the police events of the installation's
    municipality that still count, to be routed, linked to a problem or dismissed as not relevant.
    Each row offers only what the user may do with it."""
    if not permissions.can_see_review_queue(request.user):
        raise PermissionDenied
    police = request.GET.get("flik") == POLICE_TAB
    waiting_tips = selectors.tips_awaiting_review(request.user)
    police_events = selectors.police_events_in_review(request.user)
    page = Paginator(police_events if police else waiting_tips, QUEUE_PAGE_SIZE).get_page(request.GET.get("sida"))
    waiting = list(page.object_list)
    audit_reads(user=request.user, objects=waiting, note=_("Granskningskön"))
    rows = [(incident, incident_actions(request.user, incident)) for incident in waiting]
    context = {
        "rows": rows,
        "page": page,
        "query": f"flik={POLICE_TAB}" if police else "",
        "police": police,
        "police_tab": POLICE_TAB,
        "tip_count": waiting_tips.count(),
        "police_count": police_events.count(),
        "municipality": selectors.installation_municipality(),
        "police_days": selectors.POLICE_QUEUE_DAYS,
        "route_form": RouteForm(),
        "dismiss_form": DismissForm(),
        "nav": "incidents",
    }
    return render(request, "incidents/queue.html", context)
