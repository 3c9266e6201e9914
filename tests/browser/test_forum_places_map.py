"""A place partnership's places chosen on the map: clicking a district toggles it in the "Platser"
select (which stays the keyboard way), and the saved partnership has the places clicked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_work_table import serious_violations
from tests.factories import AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.forums.models import Forum
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.browser

EAST = '{"type":"Polygon","coordinates":[[[18.02,59.3],[18.03,59.3],[18.03,59.31],[18.02,59.31],[18.02,59.3]]]}'


def test_forum_form__places_toggled_by_clicks_on_the_map_and_saved(
    page, live_server, log_in, shot, console, transactional_db
):
    west = AreaFactory(name="Västerbacken", level=AreaLevel.DISTRICT)
    east = AreaFactory(
        name="Österbacken", level=AreaLevel.DISTRICT, geometry=EAST, min_lon=18.02, max_lon=18.03, centroid_lon=18.025
    )
    coordinator = user_with_role(Role.COORDINATOR, OrganisationFactory(name="Stadsdelsförvaltningen"))
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/forum/nytt/?typ=partnership")
    page.wait_for_selector("#places-map[data-ready='1']")
    assert not serious_violations(page)
    page.locator("#id_name").fill("Backarnas platssamverkan")
    areas = page.locator("#places-map path.leaflet-interactive")
    expect(areas).to_have_count(2)
    page.locator("#places-map").scroll_into_view_if_needed()
    areas.nth(0).click()
    areas.nth(1).click()
    expect(page.locator("#places-map-status")).to_contain_text("Västerbacken")
    expect(page.locator("#places-map-status")).to_contain_text("Österbacken")
    areas.nth(0).click()  # a second click takes it away again
    selected = page.locator("#id_places").evaluate("s => Array.from(s.selectedOptions).map(o => o.value)")
    assert len(selected) == 1
    shot(page, "platser-pa-kartan")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Skapa forumet").click()
    forum = Forum.objects.get(name="Backarnas platssamverkan")
    assert [a.pk for a in forum.places.all()] == [int(selected[0])]
    assert {west.pk, east.pk} >= {int(selected[0])}
    assert not console.errors and not console.csp_violations
