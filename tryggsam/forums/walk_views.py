"""Safety walks in the UI: coordinators plan a walk; those walking it record findings on their
phones (text, place, a point on the map, a photo without its metadata); findings become problems."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.forums import selectors, services, walk_report, walk_services
from tryggsam.forums.forms import FindingForm, SafetyWalkForm
from tryggsam.forums.models import Finding, SafetyWalk
from tryggsam.forums.routes import route_text
from tryggsam.forums.walk_report import walk_map_data


def _walk_page(
    request: HttpRequest, walk: SafetyWalk, *, finding_form: FindingForm | None = None, status: int = 200
) -> HttpResponse:
    can_record = permissions.can_record_walk(request.user, walk)
    findings = list(walk.findings.select_related("problem", "area"))
    context = {
        "walk": walk,
        "findings": findings,
        "invitees": walk.invitees.select_related("user"),
        "map_data": walk_map_data(walk, findings),
        "can_manage": permissions.can_manage_collaboration(request.user),
        "can_record": can_record,
        "problem_forums": selectors.work_table_forums_for_finding(request.user, walk),
        "finding_form": finding_form or (FindingForm() if can_record else None),
        "map_focus": selectors.map_focus(walk),
        "tiles": settings.TRYGGSAM_MAP_TILES,
        "attribution": settings.TRYGGSAM_MAP_ATTRIBUTION,
        "nav": "forums",
    }
    return render(request, "forums/safety_walk.html", context, status=status)


@login_required
def walk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _walk_page(request, selectors.safety_walk_for(request.user, pk))


def _walk_form_page(request: HttpRequest, form: SafetyWalkForm, walk: SafetyWalk | None) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        "walk": walk,
        "map_focus": selectors.map_focus(walk) if walk else "",
        "tiles": settings.TRYGGSAM_MAP_TILES,
        "attribution": settings.TRYGGSAM_MAP_ATTRIBUTION,
        "nav": "forums",
    }
    return render(request, "forums/safety_walk_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def walk_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    form = SafetyWalkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            walk = walk_services.safety_walk_plan(actor=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Trygghetsvandringen är planerad."))
            return redirect("forums:safety_walk", pk=walk.pk)
    return _walk_form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def walk_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    walk = selectors.safety_walk_for(request.user, pk)
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    initial = {
        name: getattr(walk, name)
        for name in ("title", "date", "area", "forum", "participants", "summary", "classification")
    }
    initial["owner_organisation"] = walk.owner_organisation
    initial["route_text"] = route_text(walk.route)
    invitees = list(walk.invitees.all())
    initial["users"] = [i.user_id for i in invitees if i.user_id]
    initial["guests"] = "\n".join(i.guest_name for i in invitees if not i.user_id)
    form = SafetyWalkForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            walk_services.safety_walk_change(actor=request.user, walk=walk, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
            walk.refresh_from_db()
        else:
            messages.success(request, _("Trygghetsvandringen är sparad."))
            return redirect("forums:safety_walk", pk=walk.pk)
    return _walk_form_page(request, form, walk)


@login_required
@require_POST
def finding_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    walk = selectors.safety_walk_for(request.user, pk)
    if not permissions.can_record_walk(request.user, walk):
        raise PermissionDenied
    form = FindingForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("photo")
        try:
            services.finding_add(actor=request.user, walk=walk, photo=upload.read() if upload else None, **data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Iakttagelsen är sparad."))
            return redirect(reverse("forums:safety_walk", args=[walk.pk]) + "#iakttagelser")
    return _walk_page(request, walk, finding_form=form, status=400)


@login_required
def finding_photo(request: HttpRequest, pk: int) -> FileResponse:
    finding = Finding.objects.select_related("walk").filter(pk=pk).first()
    if finding is None or not finding.photo or not permissions.can_view(request.user, finding.walk):
        raise Http404
    response = FileResponse(finding.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def walk_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The walk's report as PDF: route and findings drawn, the invited, each finding with its photo."""
    walk = selectors.safety_walk_for(request.user, pk)
    with translation.override("sv"):
        body = walk_report.render_pdf(walk)
    response = HttpResponse(body, content_type="application/pdf")
    name = slugify(walk.title)[:60] or "trygghetsvandring"
    response["Content-Disposition"] = f'attachment; filename="{name}-{walk.date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
