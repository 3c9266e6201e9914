"""A coordinator draws a triangle on the situation map and the picture is counted for it (issue 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.browser


@pytest.fixture
def district(transactional_db):
    cats = ensure_default_categories()
    parent = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA, geometry="")
    torgby = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)
    now = timezone.now() - dt.timedelta(hours=1)
    # One graffiti report in the middle of Torgby, three in its corners.
    for lat, lon in ((59.305, 18.005), (59.3005, 18.0005), (59.3095, 18.0005), (59.3095, 18.0095)):
        incident = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=now,
            title="Klotter",
            lat=lat,
            lon=lon,
            precision=Precision.PLACE,
            district=torgby,
            district_area=parent,
        )
        incident.categories.add(cats["graffiti"])
        add_incidents([(incident, [cats["graffiti"].pk])])
    return torgby


def test_draw_polygon__counts_only_the_incidents_inside(page, live_server, log_in, shot, console, district):
    coordinator = user_with_role(Role.COORDINATOR, OrganisationFactory(name="Stadsdelsförvaltningen"))
    log_in(page, coordinator)
    today = timezone.localdate().isoformat()
    page.goto(f"{live_server.url}/lagesbild/bild/?area={district.pk}&start={today}&end={today}")
    page.wait_for_selector("#situation-map[data-loaded='4']")
    expect(page.locator("table.list caption")).to_contain_text("totalt 4")

    page.get_by_role("button", name="Rita område").click()
    expect(page.locator("#situation-draw-hint")).to_contain_text("Klicka på kartan")
    expect(page.get_by_role("button", name="Rita område")).to_be_hidden()
    expect(page.get_by_role("button", name="Klar")).to_be_visible()
    box = page.locator("#situation-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 70, cy + 60), (cx + 70, cy + 60), (cx, cy - 70)]  # a triangle around the centre
    for x, y in corners:
        page.mouse.click(x, y)
    page.wait_for_selector("#situation-map[data-vertices='3']")
    shot(page, "ritar")
    page.mouse.click(*corners[0])  # a click on the first corner closes the polygon
    page.wait_for_url("**polygon=**")
    page.wait_for_selector("#situation-map[data-loaded='1']")
    expect(page.locator("h2").first).to_contain_text("Ritat område")
    expect(page.locator("table.list caption")).to_contain_text("totalt 1")
    expect(page.locator("tr", has_text="Klotter").first.locator("td").first).to_have_text("1")
    shot(page, "ritat-omrade")

    # Draw again and cancel: nothing changes.
    page.get_by_role("button", name="Rita område").click()
    page.mouse.click(cx - 30, cy)
    page.get_by_role("button", name="Avbryt").click()
    expect(page.get_by_role("button", name="Rita område")).to_be_visible()
    assert "polygon=" in page.url
    assert not console.errors, console.errors
    assert not console.csp_violations, console.csp_violations
