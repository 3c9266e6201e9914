"""The situation picture lists the open problems of the area asked about and of every area below it,
walking the area tree with the places app's one selector (`places.selectors.subtree_ids`), not a copy."""

import pytest

from tests.factories import AreaFactory, ProblemFactory
from tryggsam.places import selectors as place_selectors
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.django_db


def test_situation_page__problems_of_places_below_through_the_places_selector(client, coordinator, monkeypatch):
    top = AreaFactory(name="Överområdet", level=AreaLevel.DISTRICT_AREA)
    district = AreaFactory(name="Mellanby", level=AreaLevel.DISTRICT, parent=top)
    place = AreaFactory(name="Lilla torget", level=AreaLevel.PLACE, parent=district)
    ProblemFactory(title="UNDER-plats: klotter på torget", area=place)
    ProblemFactory(title="UTANFÖR: någon annanstans", area=AreaFactory(name="Annanstans"))
    asked: list[int] = []

    def spy(area):
        asked.append(area.pk)
        return place_selectors.subtree_ids(area)

    monkeypatch.setattr("tryggsam.situation.views.subtree_ids", spy)
    client.force_login(coordinator)
    body = client.get("/lagesbild/bild/", {"area": top.pk, "start": "2026-10-01", "end": "2026-10-31"}).content.decode()
    assert "UNDER-plats" in body and "UTANFÖR" not in body
    assert asked == [top.pk]
