import json
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from tryggsam.core.middleware import same_for_everyone
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.places import selectors
from tryggsam.places.gazetteer import find_places
from tryggsam.places.models import Area, AreaLevel
from tryggsam.places.public import FeedEntry, feed_entries, public_area
from tryggsam.situation.report.build import public_limit_context


def area_list(request: HttpRequest) -> HttpResponse:
    district_areas = (
        selectors.areas_visible_to(request.user)
        .filter(level=AreaLevel.DISTRICT_AREA)
        .prefetch_related("children", "aliases")
    )
    return render(request, "places/list.html", {"district_areas": district_areas, "nav": "places"})


def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = selectors.area_for(request.user, pk)
    context = {
        "area": area,
        "children": area.children.order_by("name"),
        "aliases": area.aliases.order_by("name"),
        "forums": forums_visible_to(request.user).filter(area=area),
        "public": public_area(area),
        "nav": "places",
        **public_limit_context(),
    }
    return render(request, "places/detail.html", context)


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


class AreaFeed(Feed):
    """An Atom feed per area of what the public may read as it happens: new open measures, their
    open follow-ups and published minutes (the same reads as the area page)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Area:  # type: ignore[override]
        return selectors.area_for(request.user, pk)

    def title(self, obj: Area) -> str:
        return _("TryggSam: %(area)s") % {"area": obj.name}

    def subtitle(self, obj: Area) -> str:
        return _("Nya åtgärder, uppföljningar och publicerade protokoll i %(area)s.") % {"area": obj.name}

    def link(self, obj: Area) -> str:
        return reverse("places:detail", args=[obj.pk])

    def items(self, obj: Area) -> list[FeedEntry]:
        return feed_entries(obj)

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_updateddate(self, item: FeedEntry) -> Any:
        return item.updated

    def item_pubdate(self, item: FeedEntry) -> Any:
        return item.updated


area_feed = AreaFeed()
