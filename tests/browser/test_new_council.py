"""A new council comes into being in the browser, from an empty database with only an administrator.

The administrator adds the organisations and invites a coordinator; the coordinator sets her password
from the e-mailed link and builds the council: forums, members, the first meeting, a safety walk
whose finding becomes a problem with a measure, a programme delivery, an action plan and a citizen
promise decided in the meeting and downloaded as DOCX and PDF. Every step must be in the audit log
with its author, and axe must find nothing serious on any page visited.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_work_table import describe, serious_violations
from tryggsam.accounts.models import Membership, Role, User
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import Measure, Problem
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.plans.models import ActionPlan

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Fikapaus-vid-kanalen-77"
ADMIN_PASSWORD = "Morgondimma-over-sjon-41"


class Walk:
    """The browser session of one person, with an axe check and a screenshot at every page."""

    def __init__(self, page: Any, live_server: Any, shot: Callable[[Any, str], Any]) -> None:
        self.page = page
        page.set_default_timeout(15_000)  # a long walk on a shared machine; a real failure still fails
        self.url = live_server.url
        self.shot = shot
        self.pages_checked: list[str] = []

    def go(self, path: str) -> None:
        self.page.goto(self.url + path)

    def check(self, step: str) -> None:
        """Screenshot, then axe: nothing serious on this page."""
        self.shot(self.page, step)
        violations = serious_violations(self.page)
        assert not violations, f"{step}: {self.page.url}\n{describe(violations)}"
        self.pages_checked.append(self.page.url)

    def log_in(self, email: str, password: str) -> None:
        self.go("/konto/logga-in/")
        self.page.get_by_label(label("E-postadress")).fill(email)
        self.page.get_by_label(label("Lösenord")).fill(password)
        self.page.get_by_role("button", name="Logga in").click()
        self.page.wait_for_url(self.url + "/")

    def log_out(self) -> None:
        self.page.get_by_role("button", name="Logga ut").click()
        self.page.wait_for_load_state()
        self.page.context.clear_cookies()


def label(text: str) -> re.Pattern[str]:
    """A field's label: the text itself, perhaps followed by the required marker."""
    return re.compile(rf"^{re.escape(text)}( \*)?$")


def select_by_text(select: Any, text: str) -> None:
    """Choose the option whose visible text contains ``text`` (option labels carry context)."""
    options = select.locator("option").all_inner_texts()
    matching = [o for o in options if text in o]
    assert matching, f"inget val med {text!r} bland {options}"
    select.select_option(label=matching[0])


def invite_link(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0)


@pytest.fixture
def administrator(db: Any, shared_dir: Any) -> User:
    """The installation: the reference areas from the shared boundaries, and one administrator."""
    call_command(
        "import_areas", str(shared_dir / "data/geo/stockholm_stadsdelar_simplified.geo.json"), stdout=io.StringIO()
    )
    return User.objects.create_superuser(
        email="it@norrby.example.se", password=ADMIN_PASSWORD, full_name="Ingrid Admin"
    )


def test_a_new_council_from_an_empty_database(page, live_server, shot, console, administrator, settings):
    settings.TRYGGSAM_BASE_URL = live_server.url
    walk = Walk(page, live_server, shot)

    # --- The administrator: organisations and the coordinator ------------------------------------
    walk.log_in(administrator.email, ADMIN_PASSWORD)
    walk.go("/konto/register/")
    walk.check("register-tomt")
    for name, kind in [
        ("Norrby stadsdelsförvaltning", "Stadsdelsförvaltning/kommun"),
        ("Polisen lokalpolisområde Norrby", "Polis"),
        ("Norrbyskolan", "Skola"),
    ]:
        page.get_by_text("Ny organisation").click()
        form = page.locator("#ny-organisation form")
        form.get_by_label(label("Namn")).fill(name)
        form.get_by_label(label("Typ")).select_option(label=kind)
        form.get_by_role("button", name="Lägg till").click()
        expect(page.locator("main li, main td").filter(has_text=name).first).to_be_visible()
    invite(page, "samordnare@norrby.example.se", "Sara Samordnare", "Norrby stadsdelsförvaltning", "Samordnare")
    walk.check("register-inbjuden")
    walk.log_out()

    # --- The coordinator sets her password from the link ------------------------------------------
    set_password(walk, "samordnare@norrby.example.se")
    walk.log_in("samordnare@norrby.example.se", NEW_PASSWORD)
    coordinator = User.objects.get(email="samordnare@norrby.example.se")
    assert Membership.objects.get(user=coordinator).role == Role.COORDINATOR

    # --- Forums: the council, a working group, a partnership with two places ----------------------
    council = create_forum(walk, "Norrby brottsförebyggande råd", "Lokalt brottsförebyggande råd")
    create_forum(walk, "Arbetsgrupp unga", "Arbetsgrupp", parent="Norrby brottsförebyggande råd")
    partnership = create_forum(
        walk,
        "Platssamverkan Torget",
        "Platssamverkan",
        parent="Norrby brottsförebyggande råd",
        places=["Rinkeby", "Tensta"],
    )
    assert Forum.objects.get(pk=partnership).places.count() == 2
    assert Forum.objects.get(pk=council).kind == ForumKind.COUNCIL

    # --- Two members invited and added to the council ----------------------------------------------
    walk.go("/konto/register/")
    invite(page, "polis@norrby.example.se", "Pelle Polis", "Polisen lokalpolisområde Norrby", "Medlem")
    invite(page, "kurator@norrby.example.se", "Klara Kurator", "Norrbyskolan", "Medlem")
    walk.check("register-medlemmar")
    for who in ("Pelle Polis", "Klara Kurator"):
        add_member(walk, council, who)
    walk.check("rad-medlemmar")

    # --- The first meeting: called, held, an item for the plan -----------------------------------------
    meeting = hold_first_meeting(walk, council)

    # --- A safety walk: a finding that becomes a problem with a measure --------------------------------
    walk.go("/forum/trygghetsvandringar/ny/")
    page.get_by_label(label("Rubrik")).fill("Kvällsvandring kring torget")
    page.get_by_label(label("Datum")).fill(dt.date.today().isoformat())
    select_by_text(page.get_by_label(label("Område")), "Rinkeby")
    select_by_text(page.get_by_label(label("Forum")), "Platssamverkan Torget")
    page.get_by_label(label("Inbjudna och deltagare")).fill("Polisen, skolan, bostadsbolaget")
    walk.check("vandring-ny")
    page.get_by_role("button", name="Planera vandringen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kvällsvandring kring torget")
    page.get_by_label(label("Vad såg ni?")).fill("Trasig belysning i gångtunneln mot skolan")
    page.get_by_label(label("Plats")).fill("gångtunneln")
    page.locator("#report-map").click()  # a point where it was seen
    page.get_by_role("button", name="Spara iakttagelsen").click()
    expect(page.get_by_role("cell", name="Trasig belysning i gångtunneln mot skolan", exact=True)).to_be_visible()
    walk.check("vandring-iakttagelse")
    page.get_by_role("button", name=re.compile("problem")).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    problem = Problem.objects.get()
    assert problem.forum_id == partnership
    walk.go(f"/arbete/problem/{problem.pk}/")
    page.get_by_text("Lägg till åtgärd").click()
    page.get_by_label(label("Åtgärd/insats")).fill("Byta armaturer i gångtunneln")
    page.get_by_label(label("Sammankallande/ansvarig")).fill("Fastighetsägaren")
    page.locator("#lagg-till-atgard").get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Byta armaturer i gångtunneln").first).to_be_visible()
    walk.check("problem-med-atgard")
    assert Measure.objects.get().problem_id == problem.pk

    # --- A programme delivery ----------------------------------------------------------------------------
    walk.go("/forum/program/")
    page.get_by_text("Nytt program").click()
    page.get_by_label(label("Programmets namn")).fill("Samtal om nätmobbning")
    page.get_by_label(label("Kortnamn")).fill("Nätsamtal")
    page.get_by_label(label("Årskurs")).fill("7")
    page.get_by_role("button", name="Lägg till").click()
    page.get_by_text("Registrera leverans av Nätsamtal").click()
    delivery = page.locator("details", has_text="Registrera leverans av Nätsamtal").locator("form")
    select_by_text(delivery.get_by_label(label("Skola")), "Norrbyskolan")
    delivery.get_by_label(label("Status")).select_option(label="Genomfört")
    delivery.get_by_label(label("Genomfört datum")).fill(dt.date.today().isoformat())
    delivery.get_by_label(label("Antal elever")).fill("54")
    delivery.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name="Norrbyskolan").first).to_be_visible()
    walk.check("program-leverans")

    # --- An action plan with two focus areas, and a citizen promise ---------------------------------------
    plan = write_plan(walk, "/planer/ny/", "Åtgärdsplan Norrby 2027", ["Tryggare torg", "Unga och skolan"])
    write_plan(walk, "/planer/ny/?typ=citizen_promise", "Medborgarlöfte Norrby 2027", ["Fler vuxna kvällstid"])

    # --- Decided in the meeting, then downloaded ------------------------------------------------------
    decide_plan(walk, plan, meeting)
    frozen = ActionPlan.objects.get(pk=plan)
    assert frozen.status == "decided"
    check_downloads(walk, plan)

    audit_authors = set(AuditEvent.objects.values_list("actor__email", flat=True))
    assert {administrator.email, coordinator.email} <= audit_authors
    assert console.csp_violations == [], "\n".join(console.csp_violations[:3])
    expected = {
        "organisation",
        "user",
        "forum",
        "forummember",
        "meeting",
        "safetywalk",
        "problem",
        "measure",
        "programmedelivery",
        "actionplan",
        "focusarea",
    }
    audited = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert expected <= {a.split(".")[-1].lower() for a in audited}, audited
    coordinator_did = set(AuditEvent.objects.filter(actor=coordinator).values_list("object_type", flat=True))
    assert len(coordinator_did) >= 8, coordinator_did


def invite(page: Any, email: str, name: str, organisation: str, role: str) -> None:
    page.get_by_text("Bjud in en person").click()
    form = page.locator("#bjud-in form")
    form.get_by_label(label("E-postadress")).fill(email)
    form.get_by_label(label("Namn")).fill(name)
    select_by_text(form.get_by_label(label("Organisation")), organisation)
    form.get_by_label(label("Roll")).select_option(label=role)
    form.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("cell", name=email)).to_be_visible()


def set_password(walk: Walk, email: str) -> None:
    walk.page.goto(invite_link(email))
    walk.page.get_by_label(label("Nytt lösenord")).fill(NEW_PASSWORD)
    walk.page.get_by_label(re.compile("Bekräfta|Upprepa")).fill(NEW_PASSWORD)
    walk.check(f"losenord-{email.split('@')[0]}")
    walk.page.get_by_role("button", name="Spara lösenordet").click()
    expect(walk.page.get_by_role("heading", level=1)).to_contain_text(re.compile("klart|Klart|ändrat|sparat"))


def create_forum(
    walk: Walk, name: str, kind: str, *, parent: str | None = None, places: list[str] | None = None
) -> int:
    page = walk.page
    walk.go("/forum/nytt/")
    page.get_by_label(label("Namn")).fill(name)
    page.get_by_label(label("Typ")).select_option(label=kind)
    if parent:
        select_by_text(page.get_by_label(label("Styrgrupp")), parent)
    if places:
        select = page.get_by_label(label("Platser"))
        labels = [o for o in select.locator("option").all_inner_texts() if any(p in o for p in places)]
        select.select_option(label=labels)
    walk.check(f"forum-nytt-{kind}")
    page.get_by_role("button", name=re.compile("Skapa|Spara")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    return Forum.objects.get(name=name).pk


def add_member(walk: Walk, forum_id: int, who: str) -> None:
    page = walk.page
    walk.go(f"/forum/{forum_id}/")
    page.get_by_text("Lägg till medlem").click()
    form = page.locator("form[action$='/medlemmar/ny/']")
    select_by_text(form.get_by_label(label("Person")), who)
    form.get_by_role("button", name=re.compile("Lägg till")).click()
    expect(page.get_by_role("cell", name=who).first).to_be_visible()


def hold_first_meeting(walk: Walk, council: int) -> int:
    page = walk.page
    walk.go("/moten/ny/")
    select_by_text(page.get_by_label(label("Forum")), "Norrby brottsförebyggande råd")
    page.get_by_label(label("Datum")).fill(dt.date.today().isoformat())
    page.get_by_label(label("Starttid")).fill("09:00")
    page.get_by_label(label("Plats")).fill("Stora salen, stadsdelshuset")
    walk.check("mote-nytt")
    page.get_by_role("button", name="Planera mötet").click()
    page.get_by_role("button", name="Kalla forumets medlemmar").click()
    for who in ("Pelle Polis", "Klara Kurator"):
        page.get_by_role("button", name=f"{who}: Närvarande").click()
        expect(page.get_by_role("button", name=f"{who}: Närvarande")).to_have_attribute("aria-pressed", "true")
    page.get_by_text("Lägg till punkt").click()
    page.get_by_label(label("Rubrik")).fill("Åtgärdsplan för 2027")
    page.locator("form[action$='/dagordning/ny/']").get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Åtgärdsplan för 2027").first).to_be_visible()
    walk.check("mote-hallet")
    return int(re.search(r"/moten/(\d+)/", page.url).group(1))


def write_plan(walk: Walk, path: str, title: str, focus_areas: list[str]) -> int:
    page = walk.page
    walk.go(path)
    page.get_by_label(label("Titel")).fill(title)
    select_by_text(page.get_by_label(label("Styrande forum")), "Norrby brottsförebyggande råd")
    page.get_by_label(label("Gäller från")).fill("2027-01-01")
    page.get_by_label(label("Gäller till")).fill("2027-12-31")
    walk.check(f"plan-ny-{title[:12]}")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    plan = int(re.search(r"/planer/(\d+)/", page.url).group(1))
    for name in focus_areas:
        page.get_by_role("link", name=re.compile("Lägg till (fokusområde|löfte)")).click()
        page.get_by_label(label("Fokusområde / löfte")).fill(name)
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    walk.check(f"plan-{title[:12]}")
    return plan


def decide_plan(walk: Walk, plan: int, meeting: int) -> None:
    """The council decides the plan under the agenda item prepared for it."""
    page = walk.page
    walk.go(f"/moten/{meeting}/")
    item = page.locator("section.agenda-item").filter(has_text="Åtgärdsplan för 2027")
    item.get_by_text("Besluta plan under punkt 1").click()
    # the form is loaded when it is opened
    expect(item.locator("form[action$='/besluta-plan/']").get_by_label(label("Plan"))).to_be_visible()
    select_by_text(item.get_by_label(label("Plan")), "Åtgärdsplan Norrby 2027")
    item.locator("form[action$='/besluta-plan/']").get_by_label(label("Beslut")).fill(
        "Rådet beslutade åtgärdsplanen för 2027."
    )
    walk.check("mote-besluta-plan")
    item.get_by_role("button", name="Besluta plan").click()
    expect(page.get_by_text("Rådet beslutade åtgärdsplanen för 2027.").first).to_be_visible()
    walk.go(f"/planer/{plan}/")
    expect(page.get_by_text(re.compile("Beslutad")).first).to_be_visible()


def check_downloads(walk: Walk, plan: int) -> None:
    """The plan as DOCX and PDF, downloaded the way a person does; the PDF's first page as an image."""
    import docx
    import pypdfium2

    page = walk.page
    walk.go(f"/planer/{plan}/")
    with page.expect_download() as got:
        page.get_by_role("link", name="Word (DOCX)").click()
    document = docx.Document(got.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tryggare torg" in text and "Unga och skolan" in text
    with page.expect_download() as got:
        page.get_by_role("link", name="PDF").click()
    pdf = pypdfium2.PdfDocument(got.value.path())
    first = pdf[0]
    assert "Åtgärdsplan Norrby 2027" in first.get_textpage().get_text_range()
    image = first.render(scale=1.2).to_pil()
    image.save(walk.shot(page, "plan-efter-beslut").with_name("plan-pdf-sida-1.png"))
