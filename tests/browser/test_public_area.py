"""A resident's view of an area page (issue 16, item 1): no login, open records, axe-clean."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.public.town import build_town, markers

pytestmark = pytest.mark.browser
SERIOUS = ("serious", "critical")


def test_public_area_page__open_records_and_no_serious_axe_findings(page, live_server, shot, console, transactional_db):
    town = build_town()
    # the first request compiles the templates and imports the situation picture: slow on a loaded machine
    page.goto(f"{live_server.url}/platser/{town.district.pk}/", timeout=30_000)
    page.wait_for_load_state("networkidle")
    body = page.content()
    assert markers(body, "problem") == {"open": True, "internal": False, "restricted": False}
    assert markers(body, "onopen") == {"open": True, "internal": False, "restricted": False}
    shot(page, "offentlig-omradessida")
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.get_by_role("link", name="PUB-onopen-open").click()  # the public measure page, not a login form
    page.wait_for_load_state("networkidle")
    assert "/konto/logga-in/" not in page.url
    assert "PUB-followup-open" in page.content()
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert not console.errors, console.errors
