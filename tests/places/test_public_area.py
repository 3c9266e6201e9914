"""Public area pages, public measure pages and the Atom feed per area (issue 16, item 1).

Records are built at every classification, each titled with a marker that ends in its classification;
the bodies of the pages and the feed are searched for the markers an anonymous visitor may not read."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.factories import (
    SQUARE,
    ActionPlanFactory,
    AreaFactory,
    FocusAreaFactory,
    FollowUpFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings import distribution, services
from tryggsam.meetings.models import Meeting
from tryggsam.places.models import AreaLevel
from tryggsam.situation.rollups import add_incidents

CLASSIFICATIONS = ("open", "internal", "restricted")
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Town:
    district_area: object
    district: object
    place: object
    meeting: object
    closed_forum_meeting: object


def _markers(body: str, kind: str) -> dict[str, bool]:
    return {c: f"PUB-{kind}-{c}" in body for c in CLASSIFICATIONS}


@pytest.fixture
def town(db) -> Town:
    own = OrganisationFactory(name="Stadsdelsförvaltningen Publik")
    admin = user_with_role("admin", own)
    district_area = AreaFactory(name="Publikområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    district = AreaFactory(name="Publikstaden", level=AreaLevel.DISTRICT, parent=district_area, geometry=SQUARE)
    place = AreaFactory(name="Publiktorget", level=AreaLevel.PLACE, parent=district, geometry=SQUARE)
    forum = ForumFactory(name="Öppna forumet", area=district, classification="open", owner_organisation=own)
    open_problem = None
    for c in CLASSIFICATIONS:
        owned = {"classification": c, "owner_organisation": own}
        problem = ProblemFactory(forum=forum, area=place, title=f"PUB-problem-{c}", **owned)
        MeasureFactory(problem=problem, title=f"PUB-measure-{c} (eget problem)", **owned)
        if c == "open":
            open_problem = problem
        promise = ActionPlanFactory(
            title=f"PUB-promise-{c}",
            kind="citizen_promise",
            status="decided",
            decided_on=dt.date(2026, 3, 1),
            area=district,
            **owned,
        )
        FocusAreaFactory(plan=promise, name=f"PUB-focus-{c}")
    # Measures and follow-ups of every classification on the open problem, and follow-ups of every
    # classification on the open measure: only the open ones are public.
    measures = {
        c: MeasureFactory(problem=open_problem, title=f"PUB-onopen-{c}", classification=c, owner_organisation=own)
        for c in CLASSIFICATIONS
    }
    for c in CLASSIFICATIONS:
        FollowUpFactory(
            measure=measures["open"], text=f"PUB-followup-{c}", classification=c, date=dt.date(2026, 11, 1)
        )
        FollowUpFactory(
            measure=measures[c], text=f"PUB-followup-of-{c}-measure", classification="open", date=dt.date(2026, 10, 1)
        )
    ProblemFactory(forum=forum, area=place, title="PUB-problem-closed-open", classification="open", is_closed=True)
    ActionPlanFactory(title="PUB-promise-draft-open", kind="citizen_promise", area=district, classification="open")
    # Published minutes of the open forum; and of a forum that is no longer open.
    meeting = Meeting.objects.create(forum=forum, date=dt.date(2026, 11, 5), classification="open", owner_organisation=own)
    services.meeting_approve(actor=admin, meeting=meeting)
    distribution.minutes_publish(actor=admin, meeting=meeting)
    closing = ForumFactory(name="PUB-forum-closed-since", area=district, classification="open", owner_organisation=own)
    other = Meeting.objects.create(forum=closing, date=dt.date(2026, 11, 6), classification="open", owner_organisation=own)
    services.meeting_approve(actor=admin, meeting=other)
    distribution.minutes_publish(actor=admin, meeting=other)
    type(closing).objects.filter(pk=closing.pk).update(classification="internal")
    # The situation picture: four open graffiti incidents and one open littering incident in the place.
    categories = ensure_default_categories()
    made = []
    for code, n in (("graffiti", 4), ("litter", 1), ("burglary", 5)):
        for i in range(n):
            incident = Incident.objects.create(
                source=IncidentSource.PARTNER_REPORT,
                occurred_at=timezone.now() - dt.timedelta(days=2, hours=i),
                title=f"PUB-incident-{code}-{i}",
                lat=59.305,
                lon=18.005,
                precision=Precision.PLACE,
                place=place,
                district=district,
                district_area=district_area,
                # the burglaries are internal: the public picture does not count them at all
                classification="internal" if code == "burglary" else "open",
                owner_organisation=own,
            )
            incident.categories.add(categories[code])
            made.append((incident, [categories[code].pk]))
    add_incidents(made)
    return Town(district_area, district, place, meeting, other)


@pytest.mark.parametrize("level", ["district_area", "district", "place"])
def test_area_page__anonymous_sees_open_records_only(client, town, level):
    area = getattr(town, level)
    body = client.get(f"/platser/{area.pk}/").content.decode()
    # the promises and the forum belong to the district: its place does not list them
    kinds = ("problem", "followup") if level == "place" else ("problem", "promise", "focus", "followup")
    for kind in kinds:
        assert _markers(body, kind) == {"open": True, "internal": False, "restricted": False}, kind
    assert _markers(body, "onopen") == {"open": True, "internal": False, "restricted": False}
    assert "PUB-measure-open (eget problem)" in body
    assert "PUB-measure-internal" not in body and "PUB-measure-restricted" not in body
    assert "PUB-problem-closed-open" not in body  # closed problems are not on the page
    assert "PUB-promise-draft-open" not in body  # only decided promises
    assert "PUB-incident" not in body  # no single incident, only counts
    assert (f"/moten/{town.meeting.pk}/publicerat.pdf" in body) == (level != "place")
    assert "PUB-forum-closed-since" not in body  # published once, but its forum is not open now


def test_area_page__latest_follow_up_is_the_newest_public_one(client, town):
    body = client.get(f"/platser/{town.district.pk}/").content.decode()
    assert "2026-11-01: PUB-followup-open" in body


def test_area_page__a_member_gets_the_public_section_too(client, town):
    """The public part of the page is read as the anonymous user, whoever looks."""
    member = user_with_role("admin", town.meeting.owner_organisation)
    client.force_login(member)
    body = client.get(f"/platser/{town.district.pk}/").content.decode()
    public = body[body.index('id="public-h"') :]
    assert _markers(public, "problem") == {"open": True, "internal": False, "restricted": False}


def test_area_page__small_counts_shown_as_under_three(client, town):
    body = client.get(f"/platser/{town.district.pk}/").content.decode()
    section = body[body.index('id="public-h"') :]
    # littering: 1 incident, shown as "<3"; graffiti: 4, shown; burglary: internal, not counted
    assert "Nedskräpning</th>\n    <td class=\"number\">&lt;3</td>" in section
    assert "Klotter</th>\n    <td class=\"number\">4</td>" in section
    assert "Inbrott" not in section
    assert "totalt 4" in section  # the total adds up only the counts shown


def test_area_page__no_picture_for_a_place(client, town):
    body = client.get(f"/platser/{town.place.pk}/").content.decode()
    assert "Händelser per kategori" not in body


def test_area_feed__is_atom_with_open_records_only(client, town):
    response = client.get(f"/platser/{town.district_area.pk}/flode.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    root = ET.fromstring(response.content)  # well-formed XML
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:  # what the Atom format requires of each entry
        assert entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}title") is not None
        assert entry.find(f"{ATOM}updated") is not None
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    assert _markers(body, "onopen") == {"open": True, "internal": False, "restricted": False}
    assert _markers(body, "followup") == {"open": True, "internal": False, "restricted": False}
    assert "PUB-problem-internal" not in body and "PUB-problem-restricted" not in body
    assert f"/moten/{town.meeting.pk}/publicerat.pdf" in body
    assert f"/moten/{town.closed_forum_meeting.pk}/" not in body


def test_area_feed__unknown_area_is_404(client, db):
    assert client.get("/platser/999999/flode.xml").status_code == 404


@pytest.mark.parametrize("c", CLASSIFICATIONS)
def test_measure_page__public_for_open_404_otherwise(client, town, c):
    from tryggsam.casework.models import Measure

    measure = Measure.objects.get(title=f"PUB-onopen-{c}")
    response = client.get(f"/arbete/atgard/{measure.pk}/")
    if c != "open":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "PUB-onopen-open" in body
    assert _markers(body, "followup") == {"open": True, "internal": False, "restricted": False}
    assert "Ändra" not in body  # read-only


def test_measure_page__logged_in_page_unchanged(client, town):
    from tryggsam.casework.models import Measure

    measure = Measure.objects.get(title="PUB-onopen-open")
    client.force_login(user_with_role("admin", town.meeting.owner_organisation))
    body = client.get(f"/arbete/atgard/{measure.pk}/").content.decode()
    assert "PUB-followup-internal" in body  # the member's page shows what the member may read
    assert "Klassificering" in body
