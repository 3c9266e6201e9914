"""The public situation picture (issue 11, finding 1): one rule in the policy module for every output
(page, API, map, report), and no single incident on the anonymous map."""

from __future__ import annotations

import datetime as dt
import io
import json

import h3
import pytest
from django.utils import timezone
from docx import Document

from tests.factories import SQUARE, AreaFactory, OrganisationFactory
from tryggsam.accounts import permissions
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.django_db
CLUSTER, LONE = (59.305, 18.005), (59.3003, 18.0003)


@pytest.fixture
def district():
    top = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA, geometry="", min_lat=None)
    return AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=top, geometry=SQUARE)


def _located(area, point, n, *, title="Rån vid kiosken", classification="open", code="graffiti"):
    category = ensure_default_categories()[code]
    made = []
    for i in range(n):
        incident = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.now() - dt.timedelta(days=1, minutes=i),
            title=f"{title} {i}",
            lat=point[0],
            lon=point[1],
            precision=Precision.PLACE,
            district=area,
            district_area=area.parent,
            classification=classification,
            owner_organisation=OrganisationFactory() if classification == "restricted" else None,
        )
        incident.categories.add(category)
        made.append(incident)
    add_incidents([(i, [category.pk]) for i in made])
    return made


def _params(area, start="start", end="end"):
    today = timezone.localdate()
    return {"area": area.pk, start: f"{today - dt.timedelta(days=29)}", end: f"{today}"}


def test_situation_map__public_gets_counted_hexagons_not_points_titles_or_times(client, district):
    assert h3.latlng_to_cell(*CLUSTER, 8) != h3.latlng_to_cell(*LONE, 8)
    _located(district, CLUSTER, 4)
    _located(district, LONE, 2, title="Ensam händelse")
    response = client.get("/lagesbild/bild/karta.json", _params(district))
    assert response.status_code == 200
    data = response.json()
    body = json.dumps(data, ensure_ascii=False)
    assert data["points"] == [] and "Rån vid kiosken" not in body and "Ensam händelse" not in body
    assert "when" not in body and "title" not in body
    assert [f["properties"]["count"] for f in data["cells"]["features"]] == [4]  # the lone pair is left out
    cell = data["cells"]["features"][0]["geometry"]["coordinates"][0]
    assert h3.latlng_to_cell(cell[0][1], cell[0][0], 8) in {
        h3.latlng_to_cell(*CLUSTER, 8),
        *h3.grid_disk(h3.latlng_to_cell(*CLUSTER, 8), 1),
    }
    assert data["hotspots"]["features"] == []  # fine Gi* cells would point at the cluster more exactly


def test_situation_map__public_hexagon_counts_the_same_whichever_area_is_asked(client, district):
    """Two areas' maps cannot be subtracted: a hexagon counts every incident inside it."""
    neighbour = AreaFactory(name="Ängsby", level=AreaLevel.DISTRICT, parent=district.parent, geometry="")
    _located(district, CLUSTER, 2)
    _located(neighbour, CLUSTER, 1)  # filed under the neighbour, located in the same hexagon
    for area in (district, neighbour, district.parent):
        counts = [
            f["properties"]["count"]
            for f in client.get("/lagesbild/bild/karta.json", _params(area)).json()["cells"]["features"]
        ]
        assert counts == [3], area


def test_situation_map__members_still_get_the_points_they_may_read(client, district, coordinator):
    _located(district, CLUSTER, 1)
    _located(district, LONE, 1, title="Hemlig", classification="restricted")
    client.force_login(coordinator)
    data = client.get("/lagesbild/bild/karta.json", _params(district)).json()
    assert [p["title"] for p in data["points"]] == ["Rån vid kiosken 0"]
    assert "cells" not in data


@pytest.mark.parametrize("level", [AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT, AreaLevel.PLACE])
def test_situation_areas__page_api_map_and_report_agree_for_the_public_and_members(
    client, district, coordinator, level
):
    """One rule decides which areas the picture may be asked about; the public may not ask about a place."""
    area = {AreaLevel.DISTRICT_AREA: district.parent, AreaLevel.DISTRICT: district}.get(level) or AreaFactory(
        name="Torget", level=AreaLevel.PLACE, parent=district
    )
    for user in (None, coordinator):
        client.logout()
        if user is not None:
            client.force_login(user)
        expected = user is not None or level != AreaLevel.PLACE
        page = client.get("/lagesbild/bild/", _params(area))
        api = client.get("/api/v1/situation", _params(area, "from", "to"))
        results = {
            "sida": "picture" in page.context and page.context["picture"].area == area,
            "api": api.status_code == 200,
            "karta": client.get("/lagesbild/bild/karta.json", _params(area)).status_code == 200,
            "pdf": client.get("/lagesbild/bild/rapport.pdf", _params(area)).status_code == 200,
            "docx": client.get("/lagesbild/bild/rapport.docx", _params(area)).status_code == 200,
        }
        assert results == dict.fromkeys(results, expected), (user, level)
        if not expected:
            assert api.status_code == 400 and "plats" in api.json()["detail"]


def test_public_rule__the_policys_one_limit_governs_page_api_map_and_report(client, district, monkeypatch):
    """Raise the public limit in the policy module and every output follows it."""
    _located(district, CLUSTER, 4)
    monkeypatch.setattr(permissions, "PUBLIC_MIN_COUNT", 5)
    page = client.get("/lagesbild/bild/", _params(district))
    assert [row.count for row in page.context["picture"].rows] == [None]
    assert "&lt;5" in page.content.decode() and "&lt;3" not in page.content.decode()
    assert client.get("/api/v1/situation", _params(district, "from", "to")).json()["categories"][0]["count"] is None
    assert client.get("/lagesbild/bild/karta.json", _params(district)).json()["cells"]["features"] == []
    docx = Document(io.BytesIO(client.get("/lagesbild/bild/rapport.docx", _params(district)).content))
    rows = [[c.text for c in row.cells] for table in docx.tables for row in table.rows]
    assert ["Klotter", "<5", "0", "0"] in rows
    monkeypatch.setattr(permissions, "PUBLIC_MIN_COUNT", 3)
    assert client.get("/api/v1/situation", _params(district, "from", "to")).json()["categories"][0]["count"] == 4
