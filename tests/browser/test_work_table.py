"""The work table in a real browser: in-place status change and editing through htmx, axe-core,
the Content Security Policy and a phone-size viewport."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    FollowUpFactory,
    ForumMemberFactory,
    MeasureFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.casework import services
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, WorkKind

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")
PHONE_WIDTH = 375


@pytest.fixture
def work_table(partnership, measure, coordinator, district_admin, police, police_member):
    """A partnership as a coordinator meets it: both tables, a problem without a measure yet, a
    latest follow-up, a members table, and a follow-up due soon on the start page."""
    ForumMemberFactory(forum=partnership, user=coordinator, organisation=district_admin, title="Samordnare")
    ForumMemberFactory(forum=partnership, user=police_member, organisation=police, title="Kommunpolis")
    measure.participants_text = "Fältassistenter"
    measure.responsible_user = coordinator
    measure.next_follow_up = timezone.localdate() + dt.timedelta(days=3)
    measure.save()
    measure.participating_organisations.add(police)
    FollowUpFactory(
        measure=measure,
        text="Två kvällar i veckan sedan förra mötet.",
        date=timezone.localdate() - dt.timedelta(days=60),
    )
    ProblemFactory(forum=partnership, owner_organisation=district_admin, title="Skadegörelse i gångtunneln")
    development = ProblemFactory(
        forum=partnership, owner_organisation=district_admin, kind=WorkKind.DEVELOPMENT, title="Trygghetsvandringar"
    )
    MeasureFactory(problem=development, title="Vandring med skolan i oktober", responsible_text="Skolan")
    return partnership


def forum_url(live_server: Any, forum: Any) -> str:
    return f"{live_server.url}/forum/{forum.pk}/"


def mark_document(page: Any) -> None:
    """Put a flag on `window`; it survives htmx swaps but not a page load."""
    page.evaluate("window.__tryggsamNoReload = true")


def assert_not_reloaded(page: Any) -> None:
    assert page.evaluate("window.__tryggsamNoReload === true"), "sidan laddades om; raden skulle bytas på plats"


def serious_violations(page: Any) -> list[dict]:
    violations = Axe().run(page).response["violations"]
    minor = [v for v in violations if v["impact"] not in SERIOUS]
    if minor:  # shown with -s or when the test fails; not a reason to fail
        print(f"axe, mindre allvarligt på {page.url}:\n{describe(minor)}")
    return [v for v in violations if v["impact"] in SERIOUS]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node['target']}" for node in v["nodes"])
    return "\n".join(lines)


# --- Status change -------------------------------------------------------------------------------


def test_status_change__in_place_then_persisted(
    page, live_server, log_in, shot, console, coordinator, measure, work_table
):
    log_in(page, coordinator)
    page.goto(forum_url(live_server, work_table))
    row = page.locator(f"#row-m{measure.pk}")
    expect(row).to_contain_text("Pågående")
    shot(page, "tabell")
    mark_document(page)

    row.get_by_role("link", name=f"Ny status för {measure.title}").click()
    form = row.locator("form")
    expect(form).to_be_visible()
    expect(form.get_by_role("heading")).to_contain_text("(nu: Pågående)")
    form.get_by_role("combobox", name="Ny status").select_option(label="Pausad")
    note = "Pausad över vintern; polisen återkommer i mars."
    form.get_by_role("textbox", name="Uppföljning", exact=True).fill(note)
    shot(page, "statusformular")
    form.get_by_role("button", name="Spara status").click()

    expect(row.locator("form")).to_have_count(0)
    expect(row.locator(".status")).to_have_text("Pausad")
    expect(row).to_contain_text(note)
    assert_not_reloaded(page)
    shot(page, "sparad")

    page.reload()
    expect(page.locator(f"#row-m{measure.pk} .status")).to_have_text("Pausad")
    expect(page.locator(f"#row-m{measure.pk}")).to_contain_text(note)
    shot(page, "efter-omladdning")

    measure.refresh_from_db()
    assert measure.status == MeasureStatus.PAUSED
    follow_up = FollowUp.objects.get(measure=measure, text=note)
    assert follow_up.status_after == MeasureStatus.PAUSED
    assert follow_up.author == coordinator
    assert follow_up.date == timezone.localdate()
    assert console.csp_violations == []


def test_status_change__without_note_shows_swedish_error_and_changes_nothing(
    page, live_server, log_in, shot, console, coordinator, measure, work_table
):
    before = Measure.objects.get(pk=measure.pk)
    follow_ups_before = FollowUp.objects.filter(measure=measure).count()
    log_in(page, coordinator)
    page.goto(forum_url(live_server, work_table))
    mark_document(page)
    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ny status för {measure.title}").click()
    row.get_by_role("combobox", name="Ny status").select_option(label="Pausad")
    row.get_by_role("button", name="Spara status").click()

    error = row.locator(".errorlist")
    expect(error).to_have_text("Skriv en uppföljningsanteckning – en statusändring måste förklaras.")
    note_field = row.get_by_role("textbox", name="Uppföljning", exact=True)
    expect(note_field).to_have_attribute("aria-invalid", "true")
    # The error and the help text are announced with the field: every id it points to exists.
    described_by = (note_field.get_attribute("aria-describedby") or "").split()
    assert described_by, "anteckningsfältet saknar aria-describedby"
    for element_id in described_by:
        expect(page.locator(f"#{element_id}")).to_have_count(1)
    expect(row.get_by_role("combobox", name="Ny status")).to_have_value(MeasureStatus.PAUSED)  # the choice is kept
    assert_not_reloaded(page)
    shot(page, "fel-utan-anteckning")

    after = Measure.objects.get(pk=measure.pk)
    assert (after.status, after.version) == (before.status, before.version)
    assert FollowUp.objects.filter(measure=measure).count() == follow_ups_before

    row.get_by_role("link", name="Avbryt").click()
    expect(row.locator("form")).to_have_count(0)
    expect(row.locator(".status")).to_have_text("Pågående")
    assert_not_reloaded(page)
    assert console.csp_violations == []


# --- Editing -------------------------------------------------------------------------------------


def test_edit_title__in_place(page, live_server, log_in, shot, console, coordinator, measure, work_table):
    log_in(page, coordinator)
    page.goto(forum_url(live_server, work_table))
    mark_document(page)
    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ändra åtgärden {measure.title}").click()
    title = row.get_by_role("textbox", name="Åtgärd/insats", exact=True)
    expect(title).to_have_value(measure.title)
    expect(title).to_be_focused()  # keyboard and screen-reader users land in the form they opened
    title.fill("Gemensam kvällsnärvaro fredagar och lördagar")
    shot(page, "redigera")
    row.get_by_role("button", name="Spara", exact=True).click()

    link = row.get_by_role("link", name="Gemensam kvällsnärvaro fredagar och lördagar", exact=True)
    expect(link).to_be_visible()
    expect(row.get_by_role("link", name=re.compile("^Ändra åtgärden Gemensam kvällsnärvaro fredagar"))).to_be_focused()
    assert_not_reloaded(page)
    shot(page, "sparad")

    measure.refresh_from_db()
    assert measure.title == "Gemensam kvällsnärvaro fredagar och lördagar"
    assert measure.version == 2
    page.reload()
    expect(page.locator(f"#row-m{measure.pk}")).to_contain_text("Gemensam kvällsnärvaro fredagar och lördagar")
    assert console.csp_violations == []


def test_edit__conflict_shows_saved_values_and_second_save_wins(
    page, live_server, log_in, shot, console, coordinator, police, measure, work_table
):
    log_in(page, coordinator)
    page.goto(forum_url(live_server, work_table))
    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ändra åtgärden {measure.title}").click()
    title = row.get_by_role("textbox", name="Åtgärd/insats", exact=True)
    expect(title).to_be_visible()

    # Meanwhile someone else saves the same measure.
    other = user_with_role(Role.COORDINATOR, police, full_name="Kim Annan")
    services.measure_update(
        actor=other,
        measure=Measure.objects.get(pk=measure.pk),
        expected_version=1,
        title="Kvällsnärvaro (ändrad av Kim)",
    )

    title.fill("Kvällsnärvaro med fältassistenter")
    row.get_by_role("button", name="Spara", exact=True).click()
    alert = row.get_by_role("alert")
    expect(alert).to_contain_text("har ändrats av någon annan")
    expect(alert).to_contain_text("Sparat nu: Kvällsnärvaro (ändrad av Kim)")
    expect(title).to_have_value("Kvällsnärvaro med fältassistenter")  # the person's own change is kept
    shot(page, "konflikt")
    assert Measure.objects.get(pk=measure.pk).title == "Kvällsnärvaro (ändrad av Kim)"

    row.get_by_role("button", name="Spara", exact=True).click()  # after seeing what is saved: save over it
    expect(row.get_by_role("link", name="Kvällsnärvaro med fältassistenter", exact=True)).to_be_visible()
    shot(page, "sparad-efter-konflikt")
    measure.refresh_from_db()
    assert (measure.title, measure.version) == ("Kvällsnärvaro med fältassistenter", 3)
    assert console.csp_violations == []


# --- Accessibility and CSP -----------------------------------------------------------------------


def test_axe__no_serious_violations(page, live_server, log_in, shot, console, coordinator, measure, work_table):
    found: dict[str, list[dict]] = {}

    page.goto(f"{live_server.url}/konto/logga-in/")
    found["inloggning"] = serious_violations(page)
    shot(page, "inloggning")

    log_in(page, coordinator)
    found["start"] = serious_violations(page)
    shot(page, "start")

    page.goto(forum_url(live_server, work_table))
    found["arbetstabell"] = serious_violations(page)
    shot(page, "arbetstabell")

    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ändra åtgärden {measure.title}").click()
    expect(row.locator("form")).to_be_visible()
    # A second row open at the same time must not repeat the first one's field ids.
    page.get_by_role("link", name="Ändra åtgärden Vandring med skolan i oktober").click()
    expect(page.locator("tr.editing")).to_have_count(2)
    duplicates = page.evaluate(
        """() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                   return ids.filter((id, i) => ids.indexOf(id) !== i); }"""
    )
    assert duplicates == [], f"dubbla id:n med två rader öppna: {duplicates}"
    found["redigera-rad"] = serious_violations(page)
    shot(page, "redigera-rad")

    row.get_by_role("link", name="Avbryt").click()
    row.get_by_role("link", name=f"Ny status för {measure.title}").click()
    row.get_by_role("button", name="Spara status").click()
    expect(row.locator(".errorlist")).to_be_visible()
    found["status-med-fel"] = serious_violations(page)
    shot(page, "status-med-fel")

    report = "\n".join(f"[{name}]\n{describe(v)}" for name, v in found.items() if v)
    if report:
        print(report)
    assert not report, f"axe hittade allvarliga eller kritiska brister:\n{report}"


def test_csp__no_violations_in_console(page, live_server, log_in, console, coordinator, measure, work_table):
    page.goto(f"{live_server.url}/konto/logga-in/")
    log_in(page, coordinator)  # ends on the start page
    page.goto(forum_url(live_server, work_table))
    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ändra åtgärden {measure.title}").click()
    expect(row.locator("form")).to_be_visible()
    row.get_by_role("link", name="Avbryt").click()
    expect(row.locator("form")).to_have_count(0)
    row.get_by_role("link", name=f"Ny status för {measure.title}").click()
    expect(row.locator("form")).to_be_visible()

    assert console.csp_violations == [], "\n".join(console.csp_violations)
    assert console.errors == [], "\n".join(console.errors)


# --- Phone ---------------------------------------------------------------------------------------


def assert_fits_screen(page: Any, what: str) -> None:
    """No horizontal scrolling of the page itself. A mobile browser widens the layout viewport
    (window.innerWidth) to fit content that overflows, so it must also still be the phone's width."""
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width + 1 and inner_width == PHONE_WIDTH, (
        f"{what}: sidan är bredare än skärmen (scrollWidth {scroll_width}, innerWidth {inner_width})"
    )


def test_phone__no_horizontal_overflow_and_tables_scroll(
    phone_page, live_server, log_in, shot, console, coordinator, measure, work_table
):
    page = phone_page
    log_in(page, coordinator)
    shot(page, "start")
    page.goto(forum_url(live_server, work_table))
    shot(page, "arbetstabell")

    assert_fits_screen(page, "arbetstabellen")

    wraps = page.locator(".table-wrap")
    assert wraps.count() >= 3  # both work tables and the members table
    for i in range(wraps.count()):
        wrap = wraps.nth(i)
        assert wrap.evaluate("el => getComputedStyle(el).overflowX") in ("auto", "scroll")
        scrolled = wrap.evaluate(
            "el => { el.scrollLeft = 200; return [el.scrollWidth > el.clientWidth, el.scrollLeft > 0]; }"
        )
        assert scrolled == [True, True], f"tabell {i} rullar inte i sin .table-wrap"
        wrap.evaluate("el => { el.scrollLeft = 0; }")

    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=f"Ny status för {measure.title}").click()
    expect(row.locator("form")).to_be_visible()
    shot(page, "statusformular")
    assert_fits_screen(page, "statusformuläret")

    violations = serious_violations(page)
    assert not violations, describe(violations)
    assert console.csp_violations == []


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        ("403", "Du får inte göra det här"),
        ("500", "Något gick fel hos servern"),
        ("network", "Ingen kontakt med servern"),
    ],
)
def test_failed_request__says_so_where_the_user_clicked(
    page, live_server, log_in, shot, console, coordinator, measure, work_table, failure, expected
):
    """htmx swaps nothing when a request fails; the person must not be left with a silent button."""
    log_in(page, coordinator)
    page.goto(forum_url(live_server, work_table))

    def fail(route: Any) -> None:
        if failure == "network":
            route.abort("internetdisconnected")
        else:
            route.fulfill(status=int(failure), body="nej")

    page.route(re.compile(r".*/atgard/\d+/andra/$"), fail)
    row = page.locator(f"#row-m{measure.pk}")
    row.get_by_role("link", name=re.compile("^Ändra")).click()
    alert = row.get_by_role("alert")
    expect(alert).to_contain_text(expected)
    shot(page, f"failed-{failure}")
    page.unroute(re.compile(r".*/atgard/\d+/andra/$"))
    row.get_by_role("link", name=re.compile("^Ändra")).click()  # a later success clears the message
    edited = page.locator(f"#row-m{measure.pk}")
    # Wait for the answer itself (the edit form), so no request is still running on the live server when
    # the test ends: a request cut off at teardown holds the in-memory database and its flush fails.
    expect(edited.get_by_role("button", name="Spara", exact=True)).to_be_visible()
    expect(edited.get_by_role("alert")).to_have_count(0)
