"""An area's page and its Atom feed: the area's facts and forums, and what the public may read about it
(`selectors.py`), composed from many apps, hence above them."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tryggsam.forums.selectors import forums_visible_to
from tryggsam.places import selectors as places
from tryggsam.places.models import Area
from tryggsam.public.selectors import FeedEntry, feed_entries, public_area
from tryggsam.situation.report.build import public_limit_context


def area_page(request: HttpRequest, pk: int) -> HttpResponse:
    area = places.area_for(request.user, pk)
    context = {
        "area": area,
        "children": area.children.order_by("name"),
        "aliases": area.aliases.order_by("name"),
        "forums": forums_visible_to(request.user).filter(area=area),
        "public": public_area(area),
        "nav": "places",
        **public_limit_context(),
    }
    return render(request, "public/area.html", context)


class AreaFeed(Feed):
    """An Atom feed per area of what the public may read as it happens: new open measures, their
    open follow-ups and published minutes (the same reads as the area page)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Area:  # type: ignore[override]
        return places.area_for(request.user, pk)

    def title(self, obj: Area) -> str:
        return _("TryggSam: %(area)s") % {"area": obj.name}

    def subtitle(self, obj: Area) -> str:
        return _("Nya åtgärder, uppföljningar och publicerade protokoll i %(area)s.") % {"area": obj.name}

    def link(self, obj: Area) -> str:
        return reverse("public:area", args=[obj.pk])

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
