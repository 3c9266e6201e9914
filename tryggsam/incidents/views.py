"""Pages of the situation picture: the partner report form and the list of latest incidents with
counts per category. Both need a login; the list shows what the policy lets the user see."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.audit.services import audit_reads
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.http import client_address
from tryggsam.core.spreadsheets import MAX_EXPORT_ROWS
from tryggsam.incidents import other_sources, selectors, services, tips
from tryggsam.incidents.forms import IncidentFilterForm, IncidentReportForm, ResidentTipForm, TipStatusForm
from tryggsam.places.selectors import home_bounds

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.is_reporter(request.user):
        raise PermissionDenied
    organisations = selectors.reporting_organisations(request.user)
    form = IncidentReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.incident_report(actor=request.user, **form.report())
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        except ServiceError as exc:
            form.add_error("place_text" if data["lat"] is None else None, str(exc))
        else:
            return redirect("incidents:report_done", pk=incident.pk)
    status = 400 if form.is_bound else 200
    focus = home_bounds(request.user)
    context = {
        "form": form,
        "focus": ",".join(f"{v:.5f}" for v in focus) if focus else "",
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
    """The list, filtered and paged (PAGE_SIZE a page, with the total): nothing is cut off silently.
    The exports take the same query string and so hold exactly what the filter shows."""
    filters = IncidentFilterForm(request.GET or None, user=request.user)
    chosen = filters.to_filter()
    page = Paginator(selectors.incidents_listed(request.user, filters=chosen), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    incidents = list(page.object_list)
    audit_reads(user=request.user, objects=incidents, note=_("Händelselistan"))
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "filters": filters,
        "district": chosen.district,
        "incidents": incidents,
        "page": page,
        "query": query.urlencode(),
        "counts": selectors.counts_by_category(request.user, district=chosen.district),
        "can_report": permissions.is_reporter(request.user),
        "can_see_queue": permissions.can_see_review_queue(request.user),
        "max_export_rows": MAX_EXPORT_ROWS,
        "nav": "incidents",
    }
    return render(request, "incidents/list.html", context)


def resident_tip(request: HttpRequest) -> HttpResponse:
    """Anyone may send a tip; an address sends at most `tips.TIPS_PER_HOUR` an hour (counted in the
    database, whatever the cookies), and a filled-in hidden field (which people never see) marks a
    robot, whose tip is quietly dropped. The thank-you page shows the tip's reference number."""
    form = ResidentTipForm(request.POST or None)
    reference = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["website"]:
            try:
                incident = other_sources.resident_tip(
                    category=data["category"],
                    text=data["text"],
                    place_text=data["place_text"],
                    lat=data["lat"],
                    lon=data["lon"],
                    address=client_address(request),
                    email=data["email"],
                )
            except tips.TipLimitError as exc:
                form.add_error(None, str(exc))
            except ServiceError as exc:
                form.add_error("place_text", str(exc))
            else:
                reference = incident.tip_receipt.reference
        if not form.errors:
            context = {"nav": "incidents", "reference": reference, "email": bool(data["email"])}
            return render(request, "incidents/tip_done.html", context)
    context = {
        "form": form,
        "nav": "incidents",
        "tiles": getattr(settings, "TRYGGSAM_MAP_TILES", ""),
        "attribution": getattr(settings, "TRYGGSAM_MAP_ATTRIBUTION", ""),
    }
    return render(request, "incidents/tip.html", context, status=400 if form.errors else 200)


@require_GET
def tip_status(request: HttpRequest) -> HttpResponse:
    """A tip's status by its reference number, for anyone who has it. A reference that is unknown or
    of the wrong shape gets the same answer; every look-up counts against the address's limit
    (`tips.LOOKUPS_PER_HOUR`), so references cannot be guessed at speed."""
    form = TipStatusForm(request.GET or None)
    context: dict = {"form": form, "nav": "incidents", "searched": False, "status": None}
    code = 200
    if form.is_bound and form.is_valid():
        try:
            context["status"] = tips.tip_status(
                reference=form.cleaned_data["referens"], address=client_address(request)
            )
        except tips.TipLimitError as exc:
            form.add_error(None, str(exc))
            code = 429
        else:
            context["searched"] = True
    elif form.is_bound:
        code = 400
    return render(request, "incidents/tip_status.html", context, status=code)
