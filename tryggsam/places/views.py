import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from tryggsam.core.middleware import same_for_everyone
from tryggsam.places import selectors
from tryggsam.places.gazetteer import find_places
from tryggsam.places.models import AreaLevel


def area_list(request: HttpRequest) -> HttpResponse:
    district_areas = (
        selectors.areas_visible_to(request.user)
        .filter(level=AreaLevel.DISTRICT_AREA)
        .prefetch_related("children", "aliases")
    )
    return render(request, "places/list.html", {"district_areas": district_areas, "nav": "places"})


def place_search(request: HttpRequest) -> HttpResponse:
    """Which places does a text name? Used by forms (htmx) and by people checking the gazetteer."""
    text = request.GET.get("q", "")[:2000]
    matches = find_places(text) if text.strip() else []
    template = "places/_matches.html" if request.headers.get("HX-Request") else "places/search.html"
    return render(request, template, {"q": text, "matches": matches, "nav": "places"})


@same_for_everyone
@cache_control(max_age=3600)
def boundaries(request: HttpRequest) -> JsonResponse:
    """The districts' boundaries as GeoJSON, for maps that work without tiles."""
    features = [
        {"type": "Feature", "geometry": json.loads(a.geometry), "properties": {"id": a.pk, "name": a.name}}
        for a in selectors.areas_visible_to(request.user).filter(level=AreaLevel.DISTRICT).exclude(geometry="")
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
