"""A user is offered exactly what they may do: for every role, every work-table row's buttons are
compared with what the server answers when the action is tried. A button shown must lead to a form
(not a 403), and every action the server allows must be shown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import MeasureFactory
from tests.security.world import ACTORS, CLASSIFICATIONS, build_world, may_view
from tryggsam.accounts.models import Organisation


def _rows(html: str) -> dict[str, str]:
    """{"m12": row html, "p7": ...} for the work tables on a page."""
    parts = re.split(r'<tr id="row-', html)[1:]
    return {part.split('"', 1)[0]: part.split("</tr>", 1)[0] for part in parts}


def _world_with_partners():
    world = build_world()
    other = Organisation.objects.get(name="Annan organisation")
    forum_problem = world.obj("problem", "open")
    # Rows another organisation works on: its members may edit them, though organisation A owns them.
    participating = MeasureFactory(
        problem=forum_problem,
        title="Deltagande annan",
        classification="internal",
        owner_organisation=forum_problem.owner_organisation,
    )
    participating.participating_organisations.add(other)
    MeasureFactory(
        problem=forum_problem,
        title="Ansvar annan",
        classification="internal",
        owner_organisation=forum_problem.owner_organisation,
        responsible_organisation=other,
    )
    return world


@pytest.mark.parametrize("actor", ACTORS[1:], ids=lambda a: a.key)
def test_work_table__each_action_shown_is_allowed_and_each_allowed_is_shown(client, db, actor):
    world = _world_with_partners()
    client.force_login(world.user(actor))
    checked = 0
    for c in CLASSIFICATIONS:
        if not may_view(actor, c):
            continue
        page = client.get(reverse("forums:detail", args=[world.obj("forum", c).pk]))
        assert page.status_code == 200
        add_offered: dict[int, bool] = {}
        for key, row in _rows(page.content.decode()).items():
            if key.startswith("m"):
                pk = int(key[1:])
                for name in ("casework:measure_edit", "casework:measure_status"):
                    url = reverse(name, args=[pk])
                    shown = f'href="{url}"' in row
                    answer = client.get(url).status_code
                    assert answer in (200, 403), (name, pk, answer)
                    assert shown == (answer == 200), (actor.key, name, pk, shown, answer)
                    checked += 1
            match = re.search(r"/problem/(\d+)/\"", row)
            if match:
                problem_id = int(match.group(1))
                add_offered.setdefault(problem_id, False)
                add_offered[problem_id] |= "#lagg-till-atgard" in row or "/atgard/ny/" in row
        for problem_id, shown in add_offered.items():
            # An empty post is refused by the form (a redirect with a message), or by the policy (403).
            answer = client.post(reverse("casework:measure_add", args=[problem_id]), {}).status_code
            assert answer in (302, 403)
            assert shown == (answer == 302), (actor.key, "measure_add", problem_id, answer)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("actor", ACTORS[1:], ids=lambda a: a.key)
def test_problem_page__edit_and_close_offered_exactly_when_allowed(client, db, actor):
    world = build_world()
    client.force_login(world.user(actor))
    for c in CLASSIFICATIONS:
        problem = world.obj("problem", c)
        page = client.get(reverse("casework:problem_detail", args=[problem.pk]))
        if not may_view(actor, c):
            assert page.status_code == 404
            continue
        html = page.content.decode()
        for name in ("casework:problem_edit", "casework:problem_close"):
            url = reverse(name, args=[problem.pk])
            shown = f'action="{url}"' in html
            answer = client.post(url, {}).status_code  # empty: the form refuses (400) unless the policy does (403)
            assert answer in (400, 403)
            assert shown == (answer == 400), (actor.key, c, name, shown, answer)


def test_work_table__reader_sees_rows_without_buttons(client, db):
    world = build_world()
    reader = world.user(ACTORS[1])
    client.force_login(reader)
    html = client.get(reverse("forums:detail", args=[world.obj("forum", "open").pk])).content.decode()
    assert "MATRIS-measure-open" in html
    assert "/andra/" not in html and "/status/" not in html and "Lägg till åtgärd" not in html
