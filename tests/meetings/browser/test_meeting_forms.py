"""The meeting page's forms come when they are opened: with the keyboard the coordinator opens an
item's decision form, writes and saves the decision without the page reloading; without script the
folded section links to the form on a page of its own, which saves and leads back to the meeting."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _close, _new_page
from tryggsam.casework.models import Measure
from tryggsam.meetings.models import Decision

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_script(browser: Any, console: Any, live_server: Any) -> Iterator[Any]:
    page = _new_page(browser, console, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield page
    _close(page)


def test_meeting_forms__decision_with_the_keyboard_without_reloading(
    page, live_server, log_in, console, coordinator, meeting
):
    page.set_default_timeout(20_000)  # a busy machine
    item = meeting.items.get(number="3.1")
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/moten/{meeting.pk}/")
    page.evaluate("window.sameDocument = true")
    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Beslut under punkt 3.1").focus()
    page.keyboard.press("Enter")  # opens the folded section; its form comes now
    text = section.get_by_role("textbox", name="Beslut")
    expect(text).to_be_visible()
    page.keyboard.press("Tab")
    expect(text).to_be_focused()
    page.keyboard.type("Fältgruppen går extra kvällspass vid torget.")
    section.get_by_role("button", name="Spara beslutet").focus()
    page.keyboard.press("Enter")
    expect(section.get_by_text("Beslutet är sparat.")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True  # recorded in place, the page was not reloaded
    assert Decision.objects.get(item=item).text == "Fältgruppen går extra kvällspass vid torget."
    assert not console.errors, console.messages


def test_meeting_forms__without_script_on_a_page_of_their_own(
    page_without_script, live_server, log_in, coordinator, meeting, work_rows
):
    page = page_without_script
    page.set_default_timeout(20_000)  # a busy machine
    item = meeting.items.get(number="3.1")
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/moten/{meeting.pk}/")
    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Beslut under punkt 3.1").click()
    section.get_by_role("link", name="Öppna formuläret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beslut under punkt 3.1")
    page.get_by_role("textbox", name="Beslut").fill("Fastighetsägaren sanerar busskuren varje vecka.")
    page.get_by_label("skapar en ny åtgärd").check()
    page.get_by_label("Problem för den nya åtgärden").select_option(label=str(work_rows["open"].problem))
    page.get_by_role("button", name="Spara beslutet").click()
    expect(page.get_by_text("Beslutet är sparat.")).to_be_visible()
    assert page.url.endswith(f"/moten/{meeting.pk}/#item-{item.pk}")
    assert Measure.objects.filter(title="Fastighetsägaren sanerar busskuren varje vecka.").exists()

    page.get_by_text("Lägg till punkt").click()
    page.locator("#agenda").get_by_role("link", name="Öppna formuläret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till punkt")
    page.get_by_label("Rubrik").fill("Sommarens ungdomsarbete")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_role("heading", name="Sommarens ungdomsarbete")).to_be_visible()
