"""Public area pages (`tryggsam.public`), public measure pages and the Atom feed per area (issue 16, item 1).

Records are built at every classification, each titled with a marker that ends in its classification;
the bodies of the pages and the feed are searched for the markers an anonymous visitor may not read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.factories import user_with_role
from tests.public.town import CLASSIFICATIONS, Town, build_town, markers

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def town(db) -> Town:
    return build_town()


@pytest.mark.parametrize("level", ["district_area", "district", "place"])
def test_area_page__anonymous_sees_open_records_only(client, town, level):
    area = getattr(town, level)
    body = client.get(f"/platser/{area.pk}/").content.decode()
    # the promises and the forum belong to the district: its place does not list them
    kinds = (
        ("problem", "followup") if level == "place" else ("problem", "promise", "focus", "followup", "promisefollowup")
    )
    for kind in kinds:
        assert markers(body, kind) == {"open": True, "internal": False, "restricted": False}, kind
    assert markers(body, "onopen") == {"open": True, "internal": False, "restricted": False}
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
    assert markers(public, "problem") == {"open": True, "internal": False, "restricted": False}


def test_area_page__small_counts_shown_as_under_three(client, town):
    body = client.get(f"/platser/{town.district.pk}/").content.decode()
    section = body[body.index('id="public-h"') :]
    # littering: 1 incident, shown as "<3"; graffiti: 4, shown; burglary: internal, not counted
    assert 'Nedskräpning</th>\n    <td class="number">&lt;3</td>' in section
    assert 'Klotter</th>\n    <td class="number">4</td>' in section
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
    assert markers(body, "onopen") == {"open": True, "internal": False, "restricted": False}
    assert markers(body, "followup") == {"open": True, "internal": False, "restricted": False}
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
    assert markers(body, "followup") == {"open": True, "internal": False, "restricted": False}
    assert "Ändra" not in body  # read-only


def test_measure_page__logged_in_page_unchanged(client, town):
    from tryggsam.casework.models import Measure

    measure = Measure.objects.get(title="PUB-onopen-open")
    client.force_login(user_with_role("admin", town.meeting.owner_organisation))
    body = client.get(f"/arbete/atgard/{measure.pk}/").content.decode()
    assert "PUB-followup-internal" in body  # the member's page shows what the member may read
    assert "Klassificering" in body


def test_area_page__lists_the_published_statutory_documents_of_the_area(client, town):
    """The public versions of the lägesbild and åtgärdsplan (issue 16, item 1) — drafts and decided but
    unpublished versions are not listed, and another area's document is not either."""
    import datetime as dt

    from tests.factories import AreaFactory, ForumFactory
    from tryggsam.statutory.models import StatutoryDocument

    council = ForumFactory(kind="council", area=town.district, classification="open")
    decided = {"status": "decided", "decided_on": dt.date(2026, 3, 1), "snapshot": {}, "public_snapshot": {}}
    published = StatutoryDocument.objects.create(
        kind="situation", forum=council, year=2026, published_on=dt.date(2026, 3, 2), **decided
    )
    unpublished = StatutoryDocument.objects.create(kind="action_plan", forum=council, year=2026, **decided)
    draft = StatutoryDocument.objects.create(kind="follow_up", forum=council, year=2025)
    elsewhere = StatutoryDocument.objects.create(
        kind="situation", area=AreaFactory(name="Annanstans"), year=2026, published_on=dt.date(2026, 3, 2), **decided
    )

    for area in (town.district_area, town.district):
        body = client.get(f"/platser/{area.pk}/").content.decode()
        assert f"/styrdokument/offentlig/{published.pk}/" in body
        for hidden in (unpublished, draft, elsewhere):
            assert f"/styrdokument/offentlig/{hidden.pk}/" not in body
