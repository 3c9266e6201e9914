"""/api/v1/docs in a real browser with every other host blocked: Swagger UI renders the operations
from our own static files, without CSP violations, and axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


def test_api_docs__renders_offline_without_serious_axe_findings(page, live_server, console, shot):
    asked_elsewhere: list[str] = []

    def only_our_server(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            asked_elsewhere.append(route.request.url)
            route.abort()

    page.set_default_timeout(30_000)  # Swagger UI is 1.5 MB of script on a shared machine
    page.route("**/*", only_our_server)
    with page.expect_response(lambda r: r.url.endswith("/api/v1/openapi.json")) as spec:
        page.goto(f"{live_server.url}/api/v1/docs")
    assert spec.value.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("TryggSam API")
    expect(page.locator(".opblock").first).to_be_visible()
    shot(page, "api-docs")

    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(n["target"][0] + " " + n.get("failureSummary", "")[:160] for n in v["nodes"][:6])
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert serious == [], "axe hittade allvarliga brister:\n" + "\n".join(serious)
    assert asked_elsewhere == []
    assert console.csp_violations == []
    assert console.errors == []
