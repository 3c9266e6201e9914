"""Who may do what on a meeting, for every kind of user and every classification of the meeting.
Expectations are written out here from the promised rules, not computed by the policy module."""

import pytest

from tests.factories import UserFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.models import Classification
from tryggsam.meetings.models import Meeting

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "outsider", "reader", "member", "other_member", "other_coordinator", "chair", "coordinator")
OWNER_ORG = {"reader", "member", "chair", "coordinator"}
# Coordinators (of any organisation) run every meeting they can see; so do the chair and the secretary
# (the secretary is the coordinator here).
RUNS = {"chair", "coordinator", "other_coordinator"}
APPROVES = {"chair", "coordinator", "other_coordinator"}
MANAGES = {"coordinator", "other_coordinator"}


def may_view(actor: str, classification: str) -> bool:
    if classification == Classification.OPEN:
        return True
    if actor in {"anonymous", "outsider"}:
        return False
    return classification == Classification.INTERNAL or actor in OWNER_ORG


def expected(actor: str, classification: str, allowed: set[str], ok: int) -> int:
    if actor == "anonymous":
        return 302  # to the login page
    if not may_view(actor, classification):
        return 404
    return ok if actor in allowed else 403


@pytest.fixture
def users(chair, coordinator, district_admin, police):
    return {
        "outsider": UserFactory(),
        "reader": user_with_role(Role.READER, district_admin),
        "member": user_with_role(Role.MEMBER, district_admin),
        "other_member": user_with_role(Role.MEMBER, police),
        "other_coordinator": user_with_role(Role.COORDINATOR, police),
        "chair": chair,
        "coordinator": coordinator,
    }


GETS = {
    "": set(ACTORS),
    "minnesanteckningar.docx": set(ACTORS),
    "minnesanteckningar.pdf": set(ACTORS),
    "minnesanteckningar/": set(ACTORS),
    "kalender.ics": set(ACTORS),
    "andra/": MANAGES,
}


@pytest.mark.parametrize("classification", Classification.values)
@pytest.mark.parametrize("actor", ACTORS)
def test_meeting_pages__matrix(client, meeting, users, actor, classification):
    Meeting.objects.filter(pk=meeting.pk).update(classification=classification)
    if actor != "anonymous":
        client.force_login(users[actor])
    for suffix, allowed in GETS.items():
        response = client.get(f"/moten/{meeting.pk}/{suffix}")
        assert response.status_code == expected(actor, classification, allowed, 200), (suffix, response.status_code)


@pytest.mark.parametrize("classification", Classification.values)
@pytest.mark.parametrize("actor", ACTORS)
def test_meeting_actions__matrix(client, meeting, users, actor, classification):
    Meeting.objects.filter(pk=meeting.pk).update(classification=classification)
    meeting.items.update(classification=classification)  # the items follow the meeting's classification
    if actor != "anonymous":
        client.force_login(users[actor])
    item = meeting.items.get(number="2")
    attendance = meeting.attendances.first()
    posts = {
        f"/moten/{meeting.pk}/kalla/": ({}, RUNS),
        f"/moten/{meeting.pk}/gast/": ({"name": "Gäst Gästsson"}, RUNS),
        f"/moten/{meeting.pk}/dagordning/ny/": ({"heading": "Extra punkt"}, RUNS),
        f"/moten/narvaro/{attendance.pk}/": ({"status": "present"}, RUNS),
        f"/moten/punkt/{item.pk}/anteckningar/": ({"heading": item.heading, "notes": "Ny text"}, RUNS),
        f"/moten/punkt/{item.pk}/flytta/": ({"position": 3}, RUNS),
        f"/moten/punkt/{item.pk}/beslut/": ({"text": "Beslut", "action": "none"}, RUNS),
        f"/moten/{meeting.pk}/kallelse/": ({}, RUNS),
        f"/moten/{meeting.pk}/ny-version/": ({}, MANAGES),
        f"/moten/{meeting.pk}/justera/": ({}, APPROVES),
    }
    for url, (data, allowed) in posts.items():
        response = client.post(url, data)
        want = expected(actor, classification, allowed, 302)
        assert response.status_code == want, (url, response.status_code)
    meeting.refresh_from_db()
    allowed = actor != "anonymous" and expected(actor, classification, APPROVES, 302) == 302
    assert meeting.is_approved == allowed, meeting.status
    item.refresh_from_db()
    assert (item.notes == "Ny text") == allowed


@pytest.mark.parametrize("actor", ACTORS)
def test_meeting_list_and_create__matrix(client, users, actor):
    if actor != "anonymous":
        client.force_login(users[actor])
    assert client.get("/moten/").status_code == (302 if actor == "anonymous" else 200)
    want = 302 if actor == "anonymous" else (200 if actor in MANAGES else 403)
    assert client.get("/moten/ny/").status_code == want


@pytest.mark.parametrize("actor", ["reader", "member", "other_member"])
def test_meeting_actions__refused_before_form_validation(client, meeting, users, actor):
    client.force_login(users[actor])
    item = meeting.items.first()
    for url in (
        f"/moten/{meeting.pk}/gast/",
        f"/moten/{meeting.pk}/dagordning/ny/",
        f"/moten/narvaro/{meeting.attendances.first().pk}/",
        f"/moten/punkt/{item.pk}/anteckningar/",
        f"/moten/punkt/{item.pk}/flytta/",
        f"/moten/punkt/{item.pk}/beslut/",
    ):
        assert client.post(url, {}).status_code == 403, url
