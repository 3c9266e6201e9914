"""A partner reports an incident by clicking the map; it shows on the situation map and in the counts
for its district (issue 5)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.incidents.models import Incident
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.browser


@pytest.fixture
def district(transactional_db):
    ensure_default_categories()
    parent = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


def test_report_by_map_click__shows_on_map_and_in_counts(page, live_server, log_in, shot, console, district):
    guards = OrganisationFactory(name="Vaktbolaget", kind=OrganisationKind.SECURITY_COMPANY)
    reporter = user_with_role(Role.REPORTER, guards, full_name="Rita Rapportör")
    log_in(page, reporter)
    page.goto(f"{live_server.url}/lagesbild/rapportera/")
    page.get_by_label("Klotter").check()
    page.wait_for_selector("#report-map[data-ready]")
    box = page.locator("#report-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the map is fitted to Torgby
    expect(page.locator("#report-map-chosen")).to_contain_text("Vald punkt")
    page.get_by_label("Beskrivning").fill("Nytt klotter på transformatorstationen.")
    shot(page, "rapport")
    page.get_by_role("button", name="Skicka rapporten").click()
    expect(page.locator("main")).to_contain_text("Torgby")
    incident = Incident.objects.get()
    assert incident.district == district and incident.precision == "place" and incident.lat is not None

    today = timezone.localdate().isoformat()
    page.goto(f"{live_server.url}/lagesbild/bild/?area={district.pk}&start={today}&end={today}")
    page.wait_for_selector("#situation-map[data-loaded='1']")
    expect(page.locator("table.list")).to_contain_text("Klotter")
    row = page.locator("tr", has_text="Klotter").first
    expect(row.locator("td").first).to_have_text("1")
    assert page.locator("#situation-map .leaflet-interactive").count() >= 2  # the boundary and the point
    shot(page, "lagesbild")
    assert not console.errors, console.errors
