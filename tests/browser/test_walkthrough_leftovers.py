"""What a coordinator stumbled on in the walk-through (issue 12): a confirmation before every action that
deletes or ends something, Swedish zoom buttons on the maps, and no page wider than a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    ActionPlanFactory,
    FindingFactory,
    FocusAreaFactory,
    ForumFactory,
    ForumMemberFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    SafetyWalkFactory,
    user_with_role,
)
from tryggsam.accounts.models import Membership, OrganisationKind, Role
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.models import AgendaItem, Attendance, Meeting

pytestmark = pytest.mark.browser


@pytest.fixture
def council(transactional_db):
    """A coordinator and a little of everything the pages with tables show, with long Swedish names."""
    district = OrganisationFactory(
        name="Stadsdelsförvaltningen Hägersten-Älvsjö", kind=OrganisationKind.DISTRICT_ADMINISTRATION
    )
    police = OrganisationFactory(name="Lokalpolisområde Globen-Skärholmen", kind=OrganisationKind.POLICE)
    coordinator = user_with_role(Role.COORDINATOR, district, full_name="Sam Samordnare")
    member = user_with_role(
        Role.MEMBER, police, full_name="Kim Kommunpolis-Andersson", email="kim.kommunpolis@polisen.example.se"
    )
    forum = ForumFactory(name="Platssamverkan Liljeholmstorget/Hornstull/Tanto-Högalid-strandpromenaden")
    ForumMemberFactory(forum=forum, user=member, organisation=police, title="Sammankallande kommunpolis")
    problem = ProblemFactory(forum=forum, title="Narkotikaförsäljning vid tunnelbanans södra uppgång kvällstid")
    MeasureFactory(problem=problem, responsible_organisation=police, responsible_text="Kommunpolisen och väktarbolaget")
    meeting = Meeting.objects.create(forum=forum, date=dt.date(2026, 11, 3))
    AgendaItem.objects.create(meeting=meeting, position=1, heading=forum.name, partnership=forum)
    walk = SafetyWalkFactory(forum=forum, title="Kvällsvandring runt Liljeholmstorget")
    FindingFactory(walk=walk, text="Trasig belysning i gångtunneln under Liljeholmsbron mot Hornstull strand")
    Attendance.objects.create(meeting=meeting, user=member, name=member.full_name, organisation=police)
    plan = ActionPlanFactory(title="Åtgärdsplan för brottsförebyggande arbete 2026–2027")
    FocusAreaFactory(plan=plan, name="Trygg offentlig miljö kring knutpunkter")
    ensure_default_categories()
    incident = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now() - dt.timedelta(days=1),
        title="Klotter på transformatorstationen vid Liljeholmsbron",
        reporting_organisation=police,
    )
    incident.categories.add(*ensure_default_categories().values())
    return {
        "coordinator": coordinator,
        "member": member,
        "forum": forum,
        "meeting": meeting,
        "plan": plan,
        "walk": walk,
        "problem": problem,
    }


def test_phone__no_page_with_tables_is_wider_than_the_screen(phone_page, live_server, log_in, shot, council):
    phone_page.context.set_default_timeout(20_000)  # thirteen pages, some heavy: room on a busy machine
    log_in(phone_page, council["coordinator"])
    pages = {
        "forum": reverse("forums:detail", args=[council["forum"].pk]),
        "meeting": reverse("meetings:detail", args=[council["meeting"].pk]),
        "register": reverse("accounts:register"),
        "incidents": reverse("incidents:list"),
        "plans": reverse("plans:list"),
        "plan": reverse("plans:detail", args=[council["plan"].pk]),
        "meetings": reverse("meetings:list"),
        "programmes": reverse("forums:programmes"),
        "forums": reverse("forums:list"),
        "due": reverse("casework:due"),
        "minutes": reverse("meetings:minutes_html", args=[council["meeting"].pk]),
        "walk": reverse("forums:safety_walk", args=[council["walk"].pk]),
        "problem": reverse("casework:problem_detail", args=[council["problem"].pk]),
    }
    too_wide = {}
    for name, url in pages.items():
        phone_page.goto(live_server.url + url)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        shot(phone_page, name)
        if width > 375:
            too_wide[name] = width
    assert not too_wide, too_wide


def test_confirm__ending_a_membership_asks_first(page, live_server, log_in, council):
    membership = Membership.objects.get(user=council["member"])
    log_in(page, council["coordinator"])
    page.goto(live_server.url + reverse("accounts:register"))
    button = page.get_by_role(
        "button", name="Avsluta Kim Kommunpolis-Anderssons medlemskap i Lokalpolisområde Globen-Skärholmen"
    )
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    button.click()
    page.wait_for_timeout(300)  # a dismissed confirmation sends nothing; give a wrong submit time to land
    assert asked and "Avsluta Kim Kommunpolis-Anderssons medlemskap" in asked[0]
    assert Membership.objects.filter(pk=membership.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        button.click()
    expect(page.locator("main")).to_contain_text("Medlemskapet är avslutat")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_map__zoom_buttons_in_swedish(page, live_server, log_in, council):
    log_in(page, council["member"])
    page.goto(live_server.url + reverse("incidents:report"))
    page.wait_for_selector("#report-map[data-ready]")
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zooma in")
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute("title", "Zooma ut")
