"""A map of the situation draws what happened, once: a dismissed tip (judged not to be an incident) and
a duplicate (its original is drawn) are neither points, hotspots nor public cells, on an area's map, a
drawn polygon's map or the report's map; both stay in the incident list for those who may read them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory
from tryggsam.incidents.models import Incident, IncidentSource, Precision, ReviewStatus
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.mapdata import map_data

pytestmark = pytest.mark.django_db
POINT = (59.305, 18.005)
TRIANGLE = "18.001 59.301, 18.009 59.301, 18.005 59.309"


@pytest.fixture
def district():
    top = AreaFactory(name="Kartområdet", level=AreaLevel.DISTRICT_AREA, geometry="", min_lat=None)
    return AreaFactory(name="Kartby", level=AreaLevel.DISTRICT, parent=top, geometry=SQUARE)


def _incident(district, title, **extra) -> Incident:
    row = Incident.objects.create(
        source=extra.pop("source", IncidentSource.PARTNER_REPORT),
        occurred_at=timezone.now() - dt.timedelta(days=1),
        title=title,
        description=title,
        lat=POINT[0],
        lon=POINT[1],
        precision=Precision.PLACE,
        district=district,
        district_area=district.parent,
        classification="open",
        **extra,
    )
    row.categories.set([ensure_default_categories()["graffiti"]])
    return row


@pytest.fixture
def world(district):
    original = _incident(district, "KARTA-original")
    for i in range(3):
        _incident(district, f"KARTA-granskad{i}")
    _incident(
        district,
        "KARTA-avfardad",
        source=IncidentSource.RESIDENT_TIP,
        review_status=ReviewStatus.DISMISSED,
        dismissal_reason="Fel kommun",
    )
    _incident(district, "KARTA-dubblett", duplicate_of=original)
    _incident(district, "KARTA-vantar", source=IncidentSource.RESIDENT_TIP, review_status=ReviewStatus.PENDING)
    return district


def _period() -> dict[str, str]:
    today = timezone.localdate()
    return {"start": f"{today - dt.timedelta(days=7)}", "end": f"{today}"}


DRAWN = {"KARTA-original", "KARTA-granskad0", "KARTA-granskad1", "KARTA-granskad2", "KARTA-vantar"}


def test_situation_map__no_dismissed_tip_or_duplicate_among_the_points(client, world, coordinator):
    client.force_login(coordinator)
    data = client.get(reverse("situation:map_data"), {"area": world.pk, **_period()}).json()
    assert {p["title"] for p in data["points"]} == DRAWN


def test_situation_map__a_drawn_polygon_leaves_them_out_too(client, world, coordinator):
    client.force_login(coordinator)
    data = client.get(reverse("situation:map_data"), {"polygon": TRIANGLE, **_period()}).json()
    assert {p["title"] for p in data["points"]} == DRAWN


def test_public_map__cells_count_neither_dismissed_tips_nor_duplicates(client, world):
    data = client.get(reverse("situation:map_data"), {"area": world.pk, **_period()}).json()
    assert [f["properties"]["count"] for f in data["cells"]["features"]] == [4]  # the original and three


def test_report_map__the_same_rule(world, coordinator):
    today = timezone.localdate()
    layers = map_data(coordinator, area=world, start=today - dt.timedelta(days=7), end=today)
    assert len(layers["points"]) == len(DRAWN)


def test_incident_list__still_lists_them_for_those_who_may_read_them(client, world, coordinator):
    client.force_login(coordinator)
    listed = set(re.findall(r"KARTA-\w+", client.get(reverse("incidents:list")).content.decode()))
    assert {"KARTA-avfardad", "KARTA-dubblett"} <= listed
