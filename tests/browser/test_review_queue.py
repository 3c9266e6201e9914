"""The review queue in a real browser: a resident sends a tip through the public form, a coordinator
routes it to an organisation, a member of that organisation finds it in the queue and links it to a
problem; every step is in the incident's audit history, and axe finds nothing serious on the pages.
A police event (counted at once) appears in the queue's own tab and, dismissed as not relevant with a
reason, no longer counts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_work_table import serious_violations
from tests.factories import SQUARE, AreaFactory, OrganisationFactory, ProblemFactory, police_event, user_with_role
from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.audit.models import AuditEvent
from tryggsam.incidents.models import Incident, IncidentSource, ReviewStatus
from tryggsam.incidents.selectors import incidents_counted
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup

pytestmark = pytest.mark.browser


@pytest.fixture
def tip_world(db, coordinator):
    ensure_default_categories()
    parent = AreaFactory(name="Granskningsområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    AreaFactory(name="Granskeby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)
    housing = OrganisationFactory(name="Bostadsbolaget Hem", kind=OrganisationKind.HOUSING_COMPANY)
    member = user_with_role(Role.MEMBER, housing, full_name="Hanna Husvärd")
    problem = ProblemFactory(title="Klotter i trapphusen på Granskeby", owner_organisation=housing)
    return {"housing": housing, "member": member, "problem": problem}


def test_tip__routed_to_an_organisation_whose_member_links_it_to_a_problem(
    page, browser, live_server, log_in, shot, console, coordinator, tip_world
):
    # A resident, not logged in, sends a tip.
    page.goto(f"{live_server.url}/lagesbild/tips/")
    page.get_by_label("Vad gäller det?").select_option(label="Klotter")
    page.get_by_label("Var?").fill("Granskeby")
    page.get_by_label("Berätta kort").fill("Nytt klotter i trapphuset vid porten mot gården.")
    shot(page, "tipsformular")
    page.get_by_role("button", name="Skicka tipset").click()
    expect(page.get_by_role("heading", name="Tack för tipset!")).to_be_visible()
    tip = Incident.objects.get(source=IncidentSource.RESIDENT_TIP)
    assert tip.review_status == ReviewStatus.PENDING

    # The coordinator routes it to the housing company from the queue.
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/lagesbild/granska/")
    row = page.locator(f'tr[data-incident="{tip.pk}"]')
    expect(row).to_contain_text("Nytt klotter i trapphuset")
    assert not serious_violations(page)
    shot(page, "ko-samordnare")
    row.get_by_label("Skicka till").select_option(label="Bostadsbolaget Hem")
    row.get_by_role("button", name="Skicka").click()
    expect(page.locator(".message-success")).to_contain_text("skickad till organisationen")
    expect(page.locator(f'tr[data-incident="{tip.pk}"]')).to_contain_text("Bostadsbolaget Hem")
    shot(page, "skickad")
    tip.refresh_from_db()
    assert tip.review_status == ReviewStatus.ROUTED and tip.routed_to == tip_world["housing"]

    # A member of the housing company sees it in their queue and links it to their problem.
    member_page = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm").new_page()
    try:
        log_in(member_page, tip_world["member"])
        member_page.goto(f"{live_server.url}/lagesbild/")
        shot(member_page, "lista")
        member_page.get_by_role("link", name="Att granska").click()
        member_row = member_page.locator(f'tr[data-incident="{tip.pk}"]')
        expect(member_row).to_contain_text("Nytt klotter i trapphuset")
        expect(member_row.locator('[data-action="route"]')).to_have_count(0)  # only coordinators route
        shot(member_page, "ko-medlem")
        member_row.get_by_role("link").first.click()
        expect(member_page.get_by_role("heading", level=1)).to_contain_text(f"Händelse nr {tip.pk}")
        assert not serious_violations(member_page)
        member_page.get_by_text("Koppla till ett problem").click()
        member_page.get_by_label("Problem").select_option(label="Klotter i trapphusen på Granskeby")
        member_page.locator("#koppla-problem").get_by_role("button", name="Spara").click()
        expect(member_page.locator("#incident-problem")).to_contain_text("Klotter i trapphusen på Granskeby")
        shot(member_page, "kopplad")
    finally:
        member_page.context.close()

    tip.refresh_from_db()
    assert tip.problem == tip_world["problem"]
    actors = set(
        AuditEvent.objects.filter(object_id=str(tip.pk), object_type="incidents.incident").values_list(
            "actor_id", flat=True
        )
    )
    assert {coordinator.pk, tip_world["member"].pk} <= actors
    assert not console.errors and not console.csp_violations


def test_police_event__in_its_own_tab_dismissed_as_not_relevant_no_longer_counts(
    page, live_server, log_in, shot, console, coordinator, tip_world
):
    event = police_event("webbtest-1", summary="Skadegörelse på en busskur vid torget.")
    assert incidents_counted(coordinator).filter(pk=event.pk).exists()  # counted at once

    log_in(page, coordinator)
    page.goto(f"{live_server.url}/lagesbild/granska/")
    page.get_by_role("link", name="Polisens händelser").click()
    row = page.locator(f'tr[data-incident="{event.pk}"]')
    expect(row).to_contain_text("Skadegörelse på en busskur")
    expect(row).to_contain_text("Räknas i lägesbilden")
    assert not serious_violations(page)
    shot(page, "polisens-handelser")
    row.get_by_text("Inte relevant för oss").click()
    row.get_by_label("Varför är den inte relevant?").fill("Gäller en annan del av kommunen.")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Inte relevant").click()
    expect(page.locator(".message-success")).to_contain_text("avfärdad")
    expect(page.locator("#police-queue-empty")).to_be_visible()  # back on the police tab, now empty
    shot(page, "polisens-handelser-tom")

    event.refresh_from_db()
    assert event.review_status == ReviewStatus.DISMISSED
    assert event.dismissal_reason == "Gäller en annan del av kommunen."
    assert not incidents_counted(coordinator).filter(pk=event.pk).exists()
    assert not DailyRollup.objects.filter(source=IncidentSource.POLICE_EVENT, count__gt=0).exists()
    assert AuditEvent.objects.filter(object_id=str(event.pk), actor=coordinator, action="status").exists()
    assert not console.errors and not console.csp_violations
