"""A coordinator draws a safety walk's route by clicking on the map (each click a line in the route
field), removes a point with a button, saves, and sees the route on the walk's page; axe finds
nothing serious on the form or the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_work_table import serious_violations
from tests.factories import AreaFactory, ForumFactory, OrganisationFactory, SafetyWalkFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.forums.models import Finding, SafetyWalk

pytestmark = pytest.mark.browser


def test_walk_route__drawn_by_clicks_saved_and_shown(page, live_server, log_in, shot, console, transactional_db):
    area = AreaFactory(name="Åbacken", min_lat=59.30, min_lon=18.00, max_lat=59.31, max_lon=18.01)
    coordinator = user_with_role(Role.COORDINATOR, OrganisationFactory(name="Stadsdelsförvaltningen"))
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/forum/trygghetsvandringar/ny/")
    page.wait_for_selector("#route-map[data-ready='1']")
    assert not serious_violations(page)
    page.get_by_label("Rubrik").fill("Vandring längs ån")
    page.get_by_label("Datum").fill("2026-12-10")
    page.get_by_label("Område").select_option(str(area.pk))
    page.locator("#route-map").scroll_into_view_if_needed()
    box = page.locator("#route-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((-80, 40), (0, 0), (80, -40), (120, -60)):
        page.mouse.click(cx + dx, cy + dy)
    field = page.locator("#id_route_text")
    expect(page.locator("#route-map-status")).to_contain_text("4")
    page.get_by_role("button", name="Ta bort sista punkten").click()
    expect(page.locator("#route-map-status")).to_contain_text("3")
    assert len(field.input_value().strip().splitlines()) == 3
    shot(page, "rutt-ritad")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Planera vandringen").click()
    page.wait_for_selector("#walk-map[data-ready='1']")
    walk = SafetyWalk.objects.get()
    assert len(walk.route["coordinates"]) == 3
    assert page.locator("#walk-map path.leaflet-interactive").count() >= 1  # the route's line
    assert not serious_violations(page)
    shot(page, "rutt-visad")
    assert not console.errors, console.errors


def test_finding_map__works_on_a_walk_without_route_centred_on_the_forums_place(
    page, live_server, log_in, shot, console, transactional_db
):
    place = AreaFactory(name="Torgbacken", min_lat=59.300, min_lon=18.000, max_lat=59.310, max_lon=18.010)
    forum = ForumFactory(name="Torgbackens platssamverkan")
    forum.places.set([place])
    far = '{"type":"Polygon","coordinates":[[[18.2,59.4],[18.21,59.4],[18.21,59.41],[18.2,59.41],[18.2,59.4]]]}'
    AreaFactory(name="Långt bort", geometry=far, min_lat=59.40, min_lon=18.20, max_lat=59.41, max_lon=18.21)
    area = AreaFactory(name="Utan gränser", geometry="", min_lat=None, min_lon=None, max_lat=None, max_lon=None)
    walk = SafetyWalkFactory(title="Vandring utan rutt", area=area, forum=forum)
    coordinator = user_with_role(Role.COORDINATOR, OrganisationFactory(name="Stadsdelsförvaltningen"))
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/forum/trygghetsvandringar/{walk.pk}/")
    page.wait_for_selector("#report-map[data-ready='1']")
    page.get_by_label("Vad såg ni?").fill("Trasig belysning i gångtunneln")
    page.locator("#report-map").scroll_into_view_if_needed()
    box = page.locator("#report-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#report-map-chosen")).to_contain_text("59.30")
    shot(page, "iakttagelse-utan-rutt")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Spara iakttagelsen").click()
    page.wait_for_selector("#walk-map[data-ready='1']")
    finding = Finding.objects.get()
    assert 59.300 <= finding.lat <= 59.310 and 18.000 <= finding.lon <= 18.010  # the map started on the place
    assert not console.errors, console.errors
