"""Pages of the situation picture: the partner report form and the list of latest incidents with
counts per category. Both need a login; the list shows what the policy lets the user see."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tryggsam.accounts import permissions
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.incidents import selectors, services
from tryggsam.incidents.forms import IncidentFilterForm, IncidentReportForm


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if not permissions.is_reporter(request.user):
        raise PermissionDenied
    organisations = selectors.reporting_organisations(request.user)
    form = IncidentReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.incident_report(
                actor=request.user,
                categories=data["categories"],
                occurred_at=data["occurred_at"],
                text=data["text"],
                lat=data["lat"],
                lon=data["lon"],
                place_text=data["place_text"],
                reporting_organisation=data["reporting_organisation"],
                classification=data["classification"],
            )
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        except ServiceError as exc:
            form.add_error("place_text" if data["lat"] is None else None, str(exc))
        else:
            return redirect("incidents:report_done", pk=incident.pk)
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        "nav": "incidents",
        "tiles": getattr(settings, "TRYGGSAM_MAP_TILES", ""),
        "attribution": getattr(settings, "TRYGGSAM_MAP_ATTRIBUTION", ""),
    }
    return render(request, "incidents/report.html", context, status=status)


@login_required
def report_done(request: HttpRequest, pk: int) -> HttpResponse:
    incident = (
        selectors.incidents_visible_to(request.user)
        .select_related("place", "district", "district_area")
        .filter(pk=pk, reporter_id=request.user.pk)
        .first()
    )
    if incident is None:
        raise Http404
    return render(request, "incidents/report_done.html", {"incident": incident, "nav": "incidents"})


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    filters = IncidentFilterForm(request.GET or None)
    district = category = None
    if filters.is_valid():
        district = filters.cleaned_data["district"]
        category = filters.cleaned_data["category"]
    context = {
        "filters": filters,
        "district": district,
        "incidents": selectors.latest_incidents(request.user, district=district, category=category),
        "counts": selectors.counts_by_category(request.user, district=district),
        "can_report": permissions.is_reporter(request.user),
        "nav": "incidents",
    }
    return render(request, "incidents/list.html", context)
