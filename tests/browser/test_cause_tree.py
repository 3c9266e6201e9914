"""The cause tree in a real browser, built with the keyboard only: Tab to a field or button, type,
Enter or Space. No drag, no mouse; every step is a plain form post."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tryggsam.causes.models import Cause, Evidence

pytestmark = pytest.mark.browser


def tab_to(page: Any, locator: Any, *, limit: int = 150) -> None:
    """Press Tab until `locator` has the focus, as a person on the keyboard does."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab nådde aldrig {locator}")


def test_cause_tree__built_with_the_keyboard_only(page, live_server, log_in, coordinator, measure, console, shot):
    problem = measure.problem
    page.set_default_timeout(20_000)  # eight engineers share two cores: the live server answers slowly
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/orsaker/problem/{problem.pk}/")
    expect(page.locator("#inga-orsaker")).to_be_visible()

    for title in ("Mörk gångväg", "Trasiga lampor", "Få vuxna ute"):
        tab_to(page, page.locator("#id_title"))
        page.keyboard.type(title)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        expect(page.locator(".cause-tree h3", has_text=title)).to_be_visible()

    # "Trasiga lampor" becomes a sub-cause of "Mörk gångväg" (the cause above it).
    tab_to(page, page.get_by_role("button", name="Gör till underorsak: Trasiga lampor"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".cause-tree h3", has_text="Trasiga lampor")).to_contain_text("1.1")

    # "Få vuxna ute" moves up above "Mörk gångväg" with Space on its button.
    tab_to(page, page.get_by_role("button", name="Flytta upp: Få vuxna ute"))
    page.keyboard.press("Space")
    page.wait_for_load_state()
    expect(page.locator(".cause-tree h3").first).to_contain_text("1 Få vuxna ute")

    # Evidence in free text with its source, on its own page.
    tab_to(page, page.get_by_role("link", name="Lägg till underlag: Trasiga lampor"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/underlag/")
    # A radio group is one Tab stop; the arrow keys choose within it (the last choice is free text).
    tab_to(page, page.get_by_label("Händelser (filter)"))
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Fritext med källa")).to_be_checked()
    tab_to(page, page.locator("#id_text"))
    page.keyboard.type("Tre av fem lampor var släckta.")
    tab_to(page, page.locator("#id_source"))
    page.keyboard.type("Trygghetsvandringen i mars")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/orsaker/problem/{problem.pk}/*")

    # The measure is aimed at the cause: choose it in the list and press the button.
    tab_to(page, page.locator(f"#rikta-{Cause.objects.get(title='Mörk gångväg').pk}"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    shot(page, "tree")
    expect(page.locator(".cause-evidence")).to_contain_text("Tre av fem lampor var släckta.")
    expect(page.locator(".cause-measures")).to_contain_text(measure.title)

    tree = {c.title: (c.parent.title if c.parent else None, c.position) for c in Cause.objects.all()}
    assert tree == {"Få vuxna ute": (None, 0), "Mörk gångväg": (None, 1), "Trasiga lampor": ("Mörk gångväg", 0)}
    assert Evidence.objects.get().source == "Trygghetsvandringen i mars"
    assert list(Cause.objects.get(title="Mörk gångväg").measures.all()) == [measure]
    assert not console.errors and not console.csp_violations
