"""The coordinator's meeting in a real browser: schedule, call, agenda, notes, a decision that adds a
measure, attendance, approval, and the minutes downloaded as DOCX and PDF."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from axe_playwright_python.sync_playwright import Axe
from docx import Document
from playwright.sync_api import expect

from tests.factories import ForumMemberFactory
from tryggsam.casework.models import Measure
from tryggsam.forums.models import ForumRole
from tryggsam.meetings.models import Meeting, MinutesStatus

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


@pytest.fixture
def council_members(council, kvarn, work_rows, secretary, chair, police_member):
    ForumMemberFactory(forum=council, user=chair, role=ForumRole.CHAIR, title="Ordförande i nämnden")
    ForumMemberFactory(forum=council, user=police_member, title="Kommunpolis")
    ForumMemberFactory(forum=council, user=secretary, role=ForumRole.SECRETARY)
    return council


def test_meeting_flow__schedule_to_approved_minutes(
    page, live_server, log_in, shot, console, coordinator, chair, council_members, work_rows
):
    council = council_members
    page.set_default_timeout(20_000)  # the PDF is rendered on request; slow on a busy machine
    error_urls: list[str] = []
    page.on("console", lambda m: error_urls.append(m.location.get("url", "")) if m.type == "error" else None)
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/moten/")
    page.get_by_role("link", name="Planera ett möte").click()
    page.get_by_label("Forum").select_option(label=council.name)
    page.get_by_label("Datum").fill("2031-09-19")
    page.get_by_label("Starttid").fill("09:00")
    page.get_by_label("Sluttid").fill("11:00")
    page.get_by_label("Plats", exact=True).fill("Stadsdelshuset, rum Gläntan")
    page.get_by_label("Ordförande").select_option(label=chair.full_name)
    page.get_by_role("button", name="Planera mötet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2031-09-19")
    meeting = Meeting.objects.get(date="2031-09-19")

    page.get_by_role("button", name="Kalla forumets medlemmar").click()
    expect(page.get_by_role("cell", name="Kim Kommunpolis", exact=True)).to_be_visible()
    page.get_by_role("button", name="Skapa dagordning från mallen").click()
    expect(page.get_by_role("heading", name="3.1 Platssamverkan Kvarnbacken")).to_be_visible()
    expect(page.get_by_role("link", name="Snabbsanering inom ett dygn", exact=True)).to_be_visible()

    situation = page.locator(f"#item-{meeting.items.get(number='2').pk}")
    situation.get_by_text("Anteckningar för punkt 2").click()
    situation.get_by_label("Anteckningar", exact=True).fill("Färre anmälda skadegörelsebrott än i fjol.")
    situation.get_by_role("button", name="Spara anteckningarna").click()
    expect(page.get_by_text("Anteckningarna är sparade.")).to_be_visible()

    item = meeting.items.get(number="3.1")
    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Beslut under punkt 3.1").click()
    section.get_by_role("textbox", name="Beslut").fill("Fältgruppen och polisen går gemensamma kvällspass.")
    section.get_by_label("skapar en ny åtgärd").check()
    section.get_by_label("Problem för den nya åtgärden").select_option(label=str(work_rows["internal"].problem))
    section.get_by_label("Följs upp").fill("2031-10-17")
    section.get_by_role("button", name="Spara beslutet").click()
    expect(page.get_by_text("Beslutet är sparat.")).to_be_visible()
    assert Measure.objects.filter(title="Fältgruppen och polisen går gemensamma kvällspass.").exists()

    page.get_by_role("button", name="Kim Kommunpolis: Närvarande").click()
    expect(page.get_by_text("Närvaron är sparad.")).to_be_visible()
    shot(page, "meeting")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]

    page.get_by_role("button", name="Justera protokollet").click()
    expect(page.get_by_text("Protokollet är justerat.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == MinutesStatus.APPROVED

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner Word (DOCX)").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Fredagen den 19 september 2031 kl. 09.00–11.00" in text
    assert "Fältgruppen och polisen går gemensamma kvällspass." in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner PDF").click()
    with pdfplumber.open(download.value.path()) as pdf:
        pdf_text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Kim Kommunpolis" in pdf_text and "Sida 1 av" in pdf_text
    page.get_by_role("link", name="Visa som webbsida").click()
    expect(page.get_by_role("heading", name="Tidpunkt:")).to_be_visible()
    shot(page, "minutes")
    assert not console.csp_violations, console.csp_violations
    # Chromium asks for /favicon.ico on its own; the project has none (not this app's concern)
    assert [u for u in error_urls if not u.endswith("/favicon.ico")] == [], console.messages
