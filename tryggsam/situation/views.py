from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.generated import FileKey
from tryggsam.core.generated_views import generated_status, serve_generated
from tryggsam.incidents.models import IncidentSource
from tryggsam.places.models import Area
from tryggsam.places.selectors import home_area, subtree_ids
from tryggsam.situation.beside import open_work, surveys_of
from tryggsam.situation.forms import SituationForm
from tryggsam.situation.mapdata import map_data
from tryggsam.situation.models import ReportFrequency
from tryggsam.situation.polygon import MAX_VERTICES
from tryggsam.situation.report.build import public_limit_context
from tryggsam.situation.report.generated import KIND as REPORT_KIND
from tryggsam.situation.report.generated import earlier_still_safe, report_key
from tryggsam.situation.report.generated import job_params as report_job_params
from tryggsam.situation.selectors import situation_for
from tryggsam.situation.services import report_subscription_start, report_subscription_stop
from tryggsam.situation.summary import sparkline_points, summary_sentences

REPORT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _areas_with_centre_inside(polygon: Any) -> list[int]:
    """The areas (of every level) whose centre lies in a drawn polygon: their open problems and
    measures are shown beside the polygon's picture."""
    x0, y0, x1, y1 = polygon.polygon.bounds
    candidates = list(
        Area.objects.filter(
            centroid_lat__gte=y0, centroid_lat__lte=y1, centroid_lon__gte=x0, centroid_lon__lte=x1
        ).values_list("pk", "centroid_lat", "centroid_lon")
    )
    inside = polygon.contains([c[1] for c in candidates], [c[2] for c in candidates])
    return [c[0] for c, hit in zip(candidates, inside, strict=True) if hit]


def situation_page(request: HttpRequest) -> HttpResponse:
    start, end = SituationForm.default_period()
    form = SituationForm(request.GET or None, user=request.user, initial={"start": start, "end": end})
    home = None if request.GET else home_area(request.user)
    if home is not None:  # open on the user's own area rather than an empty map
        form = SituationForm({"area": home.pk, "start": start, "end": end}, user=request.user)
    context: dict = {
        "form": form,
        "nav": "situation",
        "tiles": getattr(settings, "TRYGGSAM_MAP_TILES", ""),
        "attribution": getattr(settings, "TRYGGSAM_MAP_ATTRIBUTION", ""),
        "max_vertices": MAX_VERTICES,
        **public_limit_context(),
        # The map data and the reports ask for what the page shows, also when it opened on the user's
        # own area without a query of its own.
        "picture_query": urlencode({name: form.data.get(name) for name in form.fields if form.data.get(name)}),
    }
    if form.is_valid():
        area, polygon = form.cleaned_data["area"], form.cleaned_data["polygon"]
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        picture = situation_for(request.user, area=area, polygon=polygon, start=start, end=end)
        labels = dict(IncidentSource.choices)
        context.update(
            picture=picture,
            sources=[(labels.get(code, code), n) for code, n in picture.by_source.items()],
            summary=summary_sentences(picture),
            sparklines=[(row, sparkline_points(row.trend)) for row in picture.rows],
        )
        if area is not None:
            context["surveys"] = surveys_of(area)
        in_area = subtree_ids(area) if area is not None else _areas_with_centre_inside(polygon)
        context["problems"], context["measures"] = open_work(request.user, in_area)
    return render(request, "situation/picture.html", context, status=400 if form.polygon_rejected else 200)


def situation_map(request: HttpRequest) -> JsonResponse:
    """The map layers for the page (GeoJSON), under the same visibility as the tables."""
    form = SituationForm(request.GET, user=request.user)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    data = form.cleaned_data
    return JsonResponse(
        map_data(request.user, area=data["area"], polygon=data["polygon"], start=data["start"], end=data["end"])
    )


def _report_query(request: HttpRequest) -> dict[str, Any] | None:
    form = SituationForm(request.GET, user=request.user)
    if not form.is_valid() or form.cleaned_data["area"] is None:  # no report for a drawn polygon yet
        return None
    return {name: form.cleaned_data[name] for name in ("area", "start", "end")}


def _report_response(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report as the user may see it, served from what was generated off the request path
    (issue 17, item 4; `situation.report.generated`), or a page with the job's progress."""
    query = _report_query(request)
    if query is None:
        return HttpResponse(_("Välj område och period."), status=400, content_type="text/plain; charset=utf-8")
    key = report_key(request.user, fmt=fmt, **query)
    area, start, end = query["area"], query["start"], query["end"]
    status_query = urlencode({"area": area.pk, "start": start.isoformat(), "end": end.isoformat(), "v": key.version})
    return serve_generated(
        request,
        key,
        report_job_params(request.user, fmt=fmt, **query),
        filename=f"lagesbild-{area.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}",
        content_type=REPORT_CONTENT_TYPES[fmt],
        status_url=reverse("situation:report_status", args=[fmt]) + "?" + status_query,
        title=_("Lägesbild %(area)s") % {"area": area.name},
        # While the current version is made, the reader's own audience's earlier file when nothing in
        # it has since become invisible or changed (only newer incidents missing).
        previous_ok=lambda facts: earlier_still_safe(request.user, facts=facts, **query),
    )


def report_pdf_view(request: HttpRequest) -> HttpResponse:
    return _report_response(request, "pdf")


def report_docx_view(request: HttpRequest) -> HttpResponse:
    return _report_response(request, "docx")


def report_status(request: HttpRequest, fmt: str) -> HttpResponse:
    """How the job of the report the user asked for is going (the progress page's htmx poll): the
    same query through the same form (the policy's areas), the user's own audience, the version they
    were given."""
    query = _report_query(request)
    if query is None or fmt not in REPORT_CONTENT_TYPES:
        raise Http404
    area, start, end = query["area"], query["start"], query["end"]
    try:
        key = FileKey(
            REPORT_KIND,
            f"{area.pk}-{start:%Y%m%d}-{end:%Y%m%d}",
            permissions.reading_audience(request.user),
            str(request.GET.get("v", "")),
            fmt,
        )
    except ValueError:
        raise Http404 from None
    name = "situation:report_pdf" if fmt == "pdf" else "situation:report_docx"
    download = reverse(name) + "?" + urlencode({"area": area.pk, "start": start.isoformat(), "end": end.isoformat()})
    return generated_status(request, key, download_url=download, title=_("Lägesbild %(area)s") % {"area": area.name})


@login_required
@require_POST
def subscribe(request: AuthenticatedHttpRequest) -> HttpResponse:
    raw_area = str(request.POST.get("area", ""))
    area = Area.objects.filter(pk=int(raw_area)).first() if raw_area.isdigit() and len(raw_area) < 12 else None
    frequency = request.POST.get("frequency", ReportFrequency.WEEKLY)
    if area is None or frequency not in ReportFrequency.values:
        messages.error(request, _("Välj ett område och hur ofta rapporten ska komma."))
        return redirect("situation:picture")
    if request.POST.get("stop") == "1":
        report_subscription_stop(actor=request.user, area=area, frequency=frequency)
        messages.success(request, _("Du får inte längre rapporten för %(area)s.") % {"area": area})
    elif report_subscription_start(actor=request.user, area=area, frequency=frequency)[1]:
        messages.success(request, _("Du får nu lägesbilden för %(area)s med e-post.") % {"area": area})
    return redirect(f"{reverse('situation:picture')}?area={area.pk}")
