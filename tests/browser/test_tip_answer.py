"""Tips with an answer in a real browser: a resident sends a tip with an e-mail address and gets a
reference number; the coordinator routes it from the review queue and links it to a problem on the
incident's page with an answer for the resident; the resident receives both messages (after each
commit) and, following the link in the mail, sees the status by reference. axe finds nothing serious."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_work_table import serious_violations
from tests.factories import SQUARE, AreaFactory, OrganisationFactory, ProblemFactory
from tryggsam.accounts.models import OrganisationKind
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentSource, TipReceipt
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.browser

ANSWER = "Tack! Bostadsbolaget sanerar klottret inom en vecka."


@pytest.fixture
def tip_world(db, coordinator):
    ensure_default_categories()
    parent = AreaFactory(name="Svarsdalen", level=AreaLevel.DISTRICT_AREA, geometry="")
    AreaFactory(name="Svarsberga", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)
    housing = OrganisationFactory(name="Bostadsbolaget Svarsberga", kind=OrganisationKind.HOUSING_COMPANY)
    problem = ProblemFactory(
        title="Klotter på gavlarna i Svarsberga", classification=Classification.OPEN, owner_organisation=housing
    )
    return {"housing": housing, "problem": problem}


def _status_link(body: str, live_url: str) -> str:
    """The status link of a message, pointed at the live server (mails use TRYGGSAM_BASE_URL)."""
    url = re.search(r"https?://\S+/lagesbild/tips/status/\?referens=\S+", body).group(0)
    return live_url + url[url.index("/lagesbild/") :]


def test_tip__resident_gets_a_reference_messages_and_sees_the_status(
    page, browser, live_server, log_in, shot, console, coordinator, tip_world
):
    # A resident, not logged in, sends a tip and leaves an e-mail address.
    page.goto(f"{live_server.url}/lagesbild/tips/")
    page.get_by_label("Vad gäller det?").select_option(label="Klotter")
    page.get_by_label("Var?").fill("Svarsberga")
    page.get_by_label("Berätta kort").fill("Nytt klotter på gaveln mot lekplatsen.")
    page.get_by_label("Din e-postadress (valfritt)").fill("boende@example.org")
    expect(page.get_by_text("raderar den 30 dagar efter att tipset har avslutats")).to_be_visible()
    shot(page, "tips-med-epost")
    page.get_by_role("button", name="Skicka tipset").click()
    expect(page.get_by_role("heading", name="Tack för tipset!")).to_be_visible()
    reference = page.locator("#tip-reference").inner_text()
    tip = Incident.objects.get(source=IncidentSource.RESIDENT_TIP)
    assert TipReceipt.objects.get(incident=tip).reference == reference
    assert not serious_violations(page)
    shot(page, "tack-med-referens")

    # The coordinator routes it to the housing company from the queue.
    staff = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm").new_page()
    try:
        log_in(staff, coordinator)
        staff.goto(f"{live_server.url}/lagesbild/granska/")
        row = staff.locator(f'tr[data-incident="{tip.pk}"]')
        row.get_by_label("Skicka till").select_option(label="Bostadsbolaget Svarsberga")
        row.get_by_role("button", name="Skicka").click()
        expect(staff.locator(".message-success")).to_contain_text("skickad till organisationen")
        shot(staff, "skickad")

        # ... and links it to the problem on the incident's page, with an answer for the resident.
        staff.goto(f"{live_server.url}/lagesbild/{tip.pk}/")
        expect(staff.locator("#incident-tip-reference")).to_contain_text(reference)
        assert not serious_violations(staff)
        staff.get_by_text("Koppla till ett problem").click()
        linking = staff.locator("#koppla-problem")
        linking.get_by_label("Problem").select_option(label="Klotter på gavlarna i Svarsberga")
        linking.get_by_label("Svar till tipsaren (valfritt)").fill(ANSWER)
        linking.get_by_role("button", name="Spara").click()
        expect(staff.locator("#incident-problem")).to_contain_text("Klotter på gavlarna i Svarsberga")
        shot(staff, "kopplad")
    finally:
        staff.context.close()

    # The resident received a message for each step, after each commit.
    routed, linked = mail.outbox
    assert routed.to == linked.to == ["boende@example.org"]
    assert reference in routed.subject and "Bostadsbolaget Svarsberga" in routed.body
    assert "Kopplat till ett problem" in linked.subject and ANSWER in linked.body
    assert "Sam Ordnare" not in routed.body + linked.body  # no staff names

    # Following the link in the mail, the resident sees the status by reference.
    page.goto(_status_link(linked.body, live_server.url))
    expect(page.locator("#tip-status-label")).to_contain_text("Kopplat till ett problem")
    expect(page.locator("#tip-status-label")).to_contain_text("Klotter på gavlarna i Svarsberga")
    expect(page.locator("#tip-status-answer")).to_contain_text(ANSWER)
    assert not serious_violations(page)
    shot(page, "status")

    # A wrong reference typed into the form is simply not found.
    page.get_by_label("Referensnummer").fill("TS-22222222")
    page.get_by_role("button", name="Visa status").click()
    expect(page.locator("#tip-status-none")).to_be_visible()
    assert not console.errors and not console.csp_violations
