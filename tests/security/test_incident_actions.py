"""For every role, in the owning and in another organisation: on the incident list, on each incident's
page and in the review queue, every action shown is one the user may take, and every action the user
may take is shown.

The expected actions are written here from the promises (tests/security/world.py), not read from the
policy module: coordinators work on every incident they can read; members on those their own
organisation owns, reported or was sent; a tip awaiting review is routed by coordinators and accepted
or dismissed by coordinators and the members of the organisation it was sent to. A police event (open,
counted at once) is routed and dismissed as not relevant by coordinators, and dismissed by the members
of the organisation it was sent to; nobody accepts it (the police reviewed it). A tip awaiting review is
read only by those whose review queue shows it (anyone else gets 404)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import police_event
from tests.security.world import ACTORS, CLASSIFICATIONS, RANK, Actor, build_world, may_view
from tryggsam.incidents.models import Incident, ReviewStatus
from tryggsam.incidents.services import ensure_default_categories

DETAIL_ACTIONS = ("edit", "classify", "duplicate", "link_problem", "route", "accept", "dismiss")
QUEUE_ACTIONS = ("route", "accept", "dismiss")
POLICE_QUEUE_ACTIONS = ("route", "link_problem", "dismiss")


def _tip(title: str, **fields) -> Incident:
    from django.utils import timezone

    tip = Incident.objects.create(
        source="resident_tip", occurred_at=timezone.now(), title=title, classification="internal", **fields
    )
    tip.categories.set([ensure_default_categories()["graffiti"]])
    return tip


@pytest.fixture
def world(db):
    built = build_world()
    own = built.users["member@own"].memberships.get().organisation
    built.objects[("tip", "pending")] = _tip("MATRIS-tip-pending", review_status=ReviewStatus.PENDING)
    built.objects[("tip", "routed")] = _tip("MATRIS-tip-routed", review_status=ReviewStatus.ROUTED, routed_to=own)
    built.objects[("police", "counted")] = police_event("matris-1")
    routed = police_event("matris-2")
    Incident.objects.filter(pk=routed.pk).update(routed_to=own)
    built.objects[("police", "routed")] = Incident.objects.get(pk=routed.pk)
    return built


def _expected(actor: Actor, kind: str, state: str) -> set[str]:
    """The actions promised to `actor` on an incident: a partner report of organisation A at
    classification `state`, or a tip (internal, no owner) pending or routed to organisation A."""
    if actor.rank == 0:
        return set()
    coordinator = actor.rank >= RANK["coordinator"]
    member_of_a = actor.rank >= RANK["member"] and actor.own
    if kind == "incident":
        if not may_view(actor, state):
            return set()
        works = coordinator or member_of_a
        return {"edit", "classify", "duplicate", "link_problem"} if works else set()
    sent_to_a = state == "routed" and member_of_a
    actions = {"edit", "duplicate", "link_problem"} if (coordinator or sent_to_a) else set()
    if kind == "police":
        if coordinator:
            return actions | {"classify", "route", "dismiss"}
        return actions | {"dismiss"} if sent_to_a else actions
    if coordinator:
        actions |= {"classify", "route", "accept", "dismiss"}
    elif sent_to_a:
        actions |= {"accept", "dismiss"}
    return actions


def _readable(actor: Actor, kind: str, state: str) -> bool:
    """May `actor` open the incident's page? A partner report by its classification, a police event
    (open) always, a tip awaiting review only where the review queue shows it: coordinators, and the
    members of organisation A for the one sent to A."""
    if kind == "incident":
        return may_view(actor, state)
    if kind == "police":
        return True
    return actor.rank >= RANK["coordinator"] or (state == "routed" and actor.rank >= RANK["member"] and actor.own)


def _shown(body: str, names: tuple[str, ...]) -> set[str]:
    return {name for name in names if re.search(rf'data-action="{name}"', body)}


def _cases():
    return [("incident", c) for c in CLASSIFICATIONS] + [
        ("tip", "pending"),
        ("tip", "routed"),
        ("police", "counted"),
        ("police", "routed"),
    ]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.key)
def test_incident_page__shows_exactly_the_allowed_actions(client, world, actor):
    if actor.rank:
        client.force_login(world.user(actor))
    failures = []
    for kind, state in _cases():
        incident = world.obj(kind, state)
        response = client.get(reverse("incidents:detail", args=[incident.pk]))
        if actor.rank == 0:
            assert response.status_code == 302
            continue
        readable = _readable(actor, kind, state)
        assert response.status_code == (200 if readable else 404), (kind, state)
        if readable:
            shown = _shown(response.content.decode(), DETAIL_ACTIONS)
            expected = _expected(actor, kind, state)
            if shown != expected:
                failures.append(f"{kind}-{state}: visas {sorted(shown)}, tillåtet {sorted(expected)}")
    assert not failures, f"{actor.key}:\n" + "\n".join(failures)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.key)
def test_incident_page__every_shown_action_is_accepted_and_every_other_refused(client, world, actor):
    """What the page offers is what the server lets through: each action is posted (with an empty
    form: 400 means it got past the policy to the form) and must not be refused when shown."""
    if not actor.rank:
        return
    client.force_login(world.user(actor))
    failures = []
    urls = {
        "edit": "incidents:edit",
        "classify": "incidents:classify",
        "duplicate": "incidents:duplicate",
        "link_problem": "incidents:link_problem",
        "route": "incidents:route",
        "dismiss": "incidents:dismiss",
    }
    for kind, state in _cases():
        incident = world.obj(kind, state)
        if not _readable(actor, kind, state):
            continue
        expected = _expected(actor, kind, state)
        for action, name in urls.items():
            status = client.post(reverse(name, args=[incident.pk]), {}).status_code
            if (status == 403) == (action in expected):
                failures.append(f"{kind}-{state} {action}: {status}")
    assert not failures, f"{actor.key}:\n" + "\n".join(failures)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.key)
def test_queue_and_list__show_exactly_the_allowed_actions(client, world, actor):
    if actor.rank:
        client.force_login(world.user(actor))
    listed = client.get(reverse("incidents:list"))
    queue = client.get(reverse("incidents:queue"))
    if actor.rank == 0:
        assert (listed.status_code, queue.status_code) == (302, 302)
        return
    body = listed.content.decode()
    assert ('id="review-queue-link"' in body) == (actor.rank >= RANK["member"])
    assert (reverse("incidents:report") in body) == (actor.rank >= RANK["reporter"])
    if actor.rank < RANK["member"]:
        assert queue.status_code == 403
        return
    page = queue.content.decode()
    rows = dict(re.findall(r'<tr data-incident="(\d+)">(.*?)</tr>', page, flags=re.S))
    failures = []
    for state in ("pending", "routed"):
        tip = world.obj("tip", state)
        expected = _expected(actor, "tip", state) & set(QUEUE_ACTIONS)
        shown = _shown(rows.get(str(tip.pk), ""), QUEUE_ACTIONS)
        listed_here = str(tip.pk) in rows
        if listed_here != bool(expected):
            failures.append(f"tip-{state}: i kön {listed_here}, borde {bool(expected)}")
        if shown != expected:
            failures.append(f"tip-{state}: visas {sorted(shown)}, tillåtet {sorted(expected)}")
    police_page = client.get(reverse("incidents:queue") + "?flik=polisen").content.decode()
    police_rows = dict(re.findall(r'<tr data-incident="(\d+)">(.*?)</tr>', police_page, flags=re.S))
    for state in ("counted", "routed"):
        event = world.obj("police", state)
        expected = _expected(actor, "police", state) & set(POLICE_QUEUE_ACTIONS)
        shown = _shown(police_rows.get(str(event.pk), ""), POLICE_QUEUE_ACTIONS)
        listed_here = str(event.pk) in police_rows
        if listed_here != bool(expected):
            failures.append(f"police-{state}: i kön {listed_here}, borde {bool(expected)}")
        if shown != expected:
            failures.append(f"police-{state}: visas {sorted(shown)}, tillåtet {sorted(expected)}")
    assert not failures, f"{actor.key}:\n" + "\n".join(failures)
