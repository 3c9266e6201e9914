"""The public map draws counted hexagons, never incident points (issue 11, finding 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.browser


def test_public_map__hexagon_with_its_count_and_no_points(page, live_server, shot, console, transactional_db):
    graffiti = ensure_default_categories()["graffiti"]
    parent = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA, geometry="")
    district = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)
    made = []
    for i in range(4):
        incident = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.now() - dt.timedelta(hours=i + 1),
            title=f"Klotter på muren {i}",
            lat=59.305,
            lon=18.005,
            precision=Precision.PLACE,
            district=district,
            district_area=parent,
            classification="open",
        )
        incident.categories.add(graffiti)
        made.append(incident)
    add_incidents([(i, [graffiti.pk]) for i in made])
    today = timezone.localdate()
    page.goto(f"{live_server.url}/lagesbild/bild/?area={district.pk}&start={today - dt.timedelta(days=7)}&end={today}")
    page.wait_for_selector("#situation-map[data-loaded='1']")  # one hexagon, no points
    assert page.locator("#situation-map path.leaflet-interactive").count() == 2  # the boundary and the hexagon
    assert "Klotter på muren" not in page.content()
    shot(page, "offentlig-karta")
    assert not console.errors, console.errors
