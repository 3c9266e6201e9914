"""The demo's whole cycle for one partnership, walked as its coordinator (issue 15): the situation
picture of the problem's place → the problem's causes and goal → the cause tree with its evidence →
the goal's progress → the measure aimed at a cause, its follow-ups and its effect → the council's
lägesbild and yearly follow-up as PDF, whose pages are rendered to images and looked at here."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tryggsam.accounts.models import User
from tryggsam.causes.models import CauseTree
from tryggsam.effects.models import EffectStudy
from tryggsam.statutory.models import DocumentKind, StatutoryDocument

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "Kvallsdopp-vid-bryggan-26"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def _pdf_pages(data: bytes) -> list[tuple[str, float]]:
    """Each page's text and the share of its pixels that are not white (an image that shows something)."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    for i in range(len(document)):
        image = document[i].render(scale=0.6).to_pil().convert("L")
        histogram = image.histogram()
        inked = sum(histogram[:200]) / (image.width * image.height)
        pages.append((document[i].get_textpage().get_text_range(), inked))
    return pages


def test_the_cycle_of_one_partnership(page, live_server, shot, console, demo):
    coordinator = User.objects.get(email__startswith="samordnare@")
    problem = CauseTree.objects.filter(problem__isnull=False).select_related("problem__area").get().problem
    study = EffectStudy.objects.filter(measure__problem=problem).select_related("measure").first()
    assert study is not None, "the demo's effect study is on the cycle's problem"

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("E-postadress").fill(coordinator.email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")

    # The picture of the problem's place.
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    page.goto(f"{live_server.url}/lagesbild/bild/?area={problem.area_id}&start={start}&end={today}")
    expect(page.locator("main")).to_contain_text(problem.area.name)
    page.wait_for_load_state("networkidle")
    shot(page, "1-lagesbild")

    # The problem: its causes and its goal.
    page.goto(f"{live_server.url}/arbete/problem/{problem.pk}/")
    causes = page.locator("section.cause-section")
    expect(causes).to_contain_text("Orsaksanalys")
    expect(causes.locator("li").first).to_be_visible()
    expect(page.locator("section.goals-section")).to_contain_text("Mål och indikatorer")
    shot(page, "2-problem")

    # The cause tree with its evidence.
    causes.get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("Orsaksanalys")
    expect(page.locator("main")).to_contain_text("Händelser")  # an incident filter counted live
    shot(page, "3-orsaker")

    # The goal's progress.
    page.goto(f"{live_server.url}/arbete/problem/{problem.pk}/")
    page.locator("section.goals-section").get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("Utgångsvärde")
    shot(page, "4-mal")

    # The measure aimed at a cause: its follow-ups and its effect.
    page.goto(f"{live_server.url}/arbete/atgard/{study.measure_id}/")
    expect(page.locator("main")).to_contain_text("Uppföljningar")
    effect = page.locator("section.effect")
    expect(effect).to_contain_text("Effekt")
    expect(effect).to_contain_text("minskade")
    shot(page, "5-effekt")

    # The council's documents, generated from all of it, as pages a person reads.
    lagesbild = StatutoryDocument.objects.get(kind=DocumentKind.SITUATION)
    page.goto(f"{live_server.url}/styrdokument/")
    page.locator("main").get_by_role("link", name=lagesbild.get_kind_display()).first.click()
    expect(page.locator("main")).to_contain_text("Orsaksanalys")
    shot(page, "6-styrdokument")
    response = page.request.get(f"{live_server.url}/styrdokument/{lagesbild.pk}/dokument.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pages = _pdf_pages(response.body())
    text = " ".join(t for t, _ in pages)
    for heading in ("Brottslighet", "Otrygghet", "Orsaksanalys", "Källa:"):
        assert heading in text, heading
    assert all(inked > 0.01 for _, inked in pages), "every page shows something"
    assert not console.errors, console.errors
