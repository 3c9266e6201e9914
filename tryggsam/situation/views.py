from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.incidents.models import IncidentSource
from tryggsam.places.models import Area
from tryggsam.situation.forms import SituationForm
from tryggsam.situation.mapdata import map_data
from tryggsam.situation.selectors import situation_for
from tryggsam.situation.summary import sparkline_points, summary_sentences


def _subtree(area: Area) -> list[int]:
    ids, frontier = [area.pk], [area.pk]
    while frontier:
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def situation_page(request: HttpRequest) -> HttpResponse:
    start, end = SituationForm.default_period()
    form = SituationForm(request.GET or None, initial={"start": start, "end": end})
    context: dict = {
        "form": form,
        "nav": "situation",
        "tiles": getattr(settings, "TRYGGSAM_MAP_TILES", ""),
        "attribution": getattr(settings, "TRYGGSAM_MAP_ATTRIBUTION", ""),
    }
    if form.is_valid():
        area, start, end = form.cleaned_data["area"], form.cleaned_data["start"], form.cleaned_data["end"]
        picture = situation_for(request.user, area=area, start=start, end=end)
        in_area = _subtree(area)
        labels = dict(IncidentSource.choices)
        context.update(
            picture=picture,
            sources=[(labels.get(code, code), n) for code, n in picture.by_source.items()],
            summary=summary_sentences(picture),
            sparklines=[(row, sparkline_points(row.trend)) for row in picture.rows],
            problems=problems_visible_to(request.user)
            .filter(area__in=in_area, is_closed=False)
            .select_related("forum")[:20],
            measures=measures_visible_to(request.user)
            .filter(problem__area__in=in_area, status__in=["planned", "ongoing", "paused"])
            .select_related("problem")[:20],
        )
    return render(request, "situation/picture.html", context)


def situation_map(request: HttpRequest) -> JsonResponse:
    """The map layers for the page (GeoJSON), under the same visibility as the tables."""
    form = SituationForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    data = form.cleaned_data
    return JsonResponse(map_data(request.user, area=data["area"], start=data["start"], end=data["end"]))
