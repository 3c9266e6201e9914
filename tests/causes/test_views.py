"""The cause tree pages with plain form posts: every action works without script, and hostile input
(ids that do not exist or belong elsewhere, cycles, unknown moves, a filter the user may not count)
gets a Swedish refusal, never a 500, and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import AreaFactory, FindingFactory, OrganisationFactory, SafetyWalkFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.causes import services
from tryggsam.causes.models import Cause, Evidence


def _state():
    return (
        list(Cause.objects.order_by("pk").values_list("pk", "parent_id", "position", "title")),
        Evidence.objects.count(),
        AuditEvent.objects.exclude(action="read").count(),
    )


def test_tree_page__shows_the_tree_and_its_buttons_to_an_editor(client, tree, problem, member):
    client.force_login(member)
    body = client.get(reverse("causes:problem_tree", args=[problem.pk])).content.decode()
    assert "1.1" in body and "Trasig belysning" in body
    assert "Gör till underorsak" in body and "data-confirm" in body


def test_tree_page__a_reader_sees_no_buttons(client, tree, problem, reader):
    client.force_login(reader)
    body = client.get(reverse("causes:problem_tree", args=[problem.pk])).content.decode()
    assert "Trasig belysning" in body
    assert "Gör till underorsak" not in body and "Lägg till en orsak" not in body
    response = client.post(reverse("causes:problem_cause_add", args=[problem.pk]), {"title": "Ny"})
    assert response.status_code == 403


def test_plain_posts__add_move_edit_aim_delete(client, tree, problem, measure, member):
    client.force_login(member)
    url = reverse("causes:problem_cause_add", args=[problem.pk])
    response = client.post(url, {"title": "Skymd sikt", "description": "", "parent": tree["second"].pk})
    assert response.status_code == 302
    added = Cause.objects.get(title="Skymd sikt")
    assert added.parent == tree["second"]
    assert response.url.endswith(f"#orsak-{added.pk}")
    client.post(reverse("causes:cause_move", args=[added.pk]), {"direction": "outdent"})
    added.refresh_from_db()
    assert added.parent is None
    client.post(reverse("causes:cause_edit", args=[added.pk]), {"title": "Skymd sikt vid torget", "description": ""})
    client.post(reverse("causes:measure_aim", args=[added.pk]), {"measure": measure.pk})
    assert list(added.measures.all()) == [measure]
    client.post(reverse("causes:measure_unaim", args=[added.pk]), {"measure": measure.pk})
    assert not added.measures.exists()
    response = client.post(
        reverse("causes:evidence_add", args=[added.pk]), {"kind": "text", "text": "Häcken är hög", "source": "Vandring"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(cause=added)
    client.post(reverse("causes:evidence_remove", args=[evidence.pk]))
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    client.post(reverse("causes:cause_delete", args=[added.pk]))
    assert not Cause.objects.filter(pk=added.pk).exists()


def test_hostile__a_parent_of_another_tree_is_refused(client, tree, problem, other_problem, member, coordinator):
    stranger = services.cause_add(actor=coordinator, owner=other_problem, title="Annat träd")
    client.force_login(member)
    before = _state()
    response = client.post(
        reverse("causes:problem_cause_add", args=[problem.pk]), {"title": "Smyger in", "parent": stranger.pk}
    )
    assert response.status_code == 400
    assert "Välj ett alternativ som finns i listan" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("parent", ["999999", "abc", "-1", "1 OR 1=1"])
def test_hostile__a_parent_that_does_not_exist_is_refused(client, tree, problem, member, parent):
    client.force_login(member)
    before = _state()
    response = client.post(reverse("causes:problem_cause_add", args=[problem.pk]), {"title": "X", "parent": parent})
    assert response.status_code == 400
    assert _state() == before


@pytest.mark.parametrize("direction", ["sidledes", "", "indent;drop"])
def test_hostile__an_unknown_move_is_refused(client, tree, member, direction):
    client.force_login(member)
    before = _state()
    response = client.post(reverse("causes:cause_move", args=[tree["first"].pk]), {"direction": direction})
    assert response.status_code == 400
    assert "Okänd förflyttning" in response.content.decode()
    assert _state() == before


def test_hostile__a_move_that_makes_no_sense_is_refused_in_swedish(client, tree, member):
    client.force_login(member)
    before = _state()
    response = client.post(reverse("causes:cause_move", args=[tree["first"].pk]), {"direction": "up"})
    assert response.status_code == 400
    assert "redan först" in response.content.decode()
    assert _state() == before


def test_hostile__a_cycle_cannot_be_made_by_any_sequence_of_moves(client, problem, member):
    """Moves only ever put a cause under the sibling above it or under its grandparent: every cause
    stays reachable from the top, whatever is posted."""
    client.force_login(member)
    pks = [services.cause_add(actor=member, owner=problem, title=f"Orsak {i}").pk for i in range(4)]
    for pk in pks * 3:
        for direction in ("indent", "indent", "up", "outdent", "down"):
            response = client.post(reverse("causes:cause_move", args=[pk]), {"direction": direction})
            assert response.status_code in (302, 400)
    for cause in Cause.objects.all():
        seen, node = set(), cause
        while node is not None:
            assert node.pk not in seen
            seen.add(node.pk)
            node = node.parent


@pytest.mark.parametrize("pk", [999999, 0])
def test_hostile__ids_that_do_not_exist_answer_404(client, member, pk):
    client.force_login(member)
    for name in ("cause_edit", "cause_delete", "cause_move", "evidence_add", "evidence_remove", "measure_aim"):
        assert client.post(reverse(f"causes:{name}", args=[pk]), {}).status_code == 404


def test_hostile__a_measure_of_another_problem_or_unknown_is_refused(client, tree, member, other_problem):
    from tests.factories import MeasureFactory

    client.force_login(member)
    before = _state()
    foreign = MeasureFactory(problem=other_problem)
    for value in (foreign.pk, 999999, "x"):
        response = client.post(reverse("causes:measure_aim", args=[tree["first"].pk]), {"measure": value})
        assert response.status_code == 400
        assert "Välj en åtgärd som finns i listan" in response.content.decode()
    assert _state() == before


def test_hostile__evidence_the_user_may_not_read_or_count_is_refused(client, tree, member, district_admin):
    """A finding of another organisation's restricted walk, an area or category that does not exist, a
    period backwards, a text without its source: a Swedish error each, and nothing stored."""
    client.force_login(member)
    secret_walk = SafetyWalkFactory(classification="restricted", owner_organisation=OrganisationFactory(name="Annan"))
    secret = FindingFactory(walk=secret_walk, text="Hemlig iakttagelse")
    url = reverse("causes:evidence_add", args=[tree["first"].pk])
    before = _state()
    attempts = [
        {"kind": "finding", "finding": secret.pk},
        {"kind": "incidents", "area": 999999, "period_start": "2026-01-01", "period_end": "2026-02-01"},
        {"kind": "incidents", "categories": [999999], "period_start": "2026-01-01", "period_end": "2026-02-01"},
        {"kind": "incidents", "period_start": "2026-03-01", "period_end": "2026-02-01"},
        {"kind": "incidents", "period_start": "inte ett datum", "period_end": "2026-02-01"},
        {"kind": "text", "text": "Utan källa"},
        {"kind": "statistic", "statistic": "999999"},
        {"kind": "gissning"},
        {},
    ]
    for data in attempts:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert "Inget sparades" in response.content.decode(), data
    assert _state() == before
    assert "Hemlig iakttagelse" not in client.get(url).content.decode()


def test_evidence__personal_data_in_free_text_is_stopped_by_the_guard(client, tree, member):
    client.force_login(member)
    url = reverse("causes:evidence_add", args=[tree["first"].pk])
    data = {"kind": "text", "text": "Ring 070-123 45 67 om lampan", "source": "Samtal"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Evidence.objects.exists()
    response = client.post(url, {**data, "mask_personal_data": "on"})
    assert response.status_code == 302
    assert "070-123 45 67" not in Evidence.objects.get().text


def test_incident_evidence__saved_through_the_form(client, tree, member):
    client.force_login(member)
    from tryggsam.incidents.services import ensure_default_categories

    graffiti = ensure_default_categories()["graffiti"]
    area = AreaFactory(name="Torget", level="district")
    response = client.post(
        reverse("causes:evidence_add", args=[tree["first"].pk]),
        {"kind": "incidents", "categories": [graffiti.pk], "area": area.pk, "period_start": "2026-01-01",
         "period_end": "2026-03-31", "text": "ignoreras", "source": ""},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.area, evidence.period_end, evidence.text) == (area, dt.date(2026, 3, 31), "")


def test_sections__problem_page_shows_the_tree_compactly(client, tree, problem, reader):
    client.force_login(reader)
    body = client.get(reverse("casework:problem_detail", args=[problem.pk])).content.decode()
    assert "Orsaksanalys" in body and "Trasig belysning" in body
    assert reverse("causes:problem_tree", args=[problem.pk]) in body


def test_gaps_pages(client, tree, problem, measure, member, partnership):
    client.force_login(member)
    body = client.get(reverse("causes:forum_gaps", args=[partnership.pk])).content.decode()
    assert "Mörk passage" in body and measure.title in body
    forum_page = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
    assert reverse("causes:forum_gaps", args=[partnership.pk]) in forum_page


def test_focus_area__tree_page_plan_page_and_gaps(client, coordinator, partnership, measure):

    from tests.factories import ActionPlanFactory, FocusAreaFactory

    plan = ActionPlanFactory(forum=partnership, classification="open")
    focus_area = FocusAreaFactory(plan=plan, name="Trygg kvällsmiljö")
    FocusAreaFactory(plan=plan, name="Trygga skolvägar", area=AreaFactory(name="Skolområdet"))
    client.force_login(coordinator)
    response = client.post(reverse("causes:focus_area_cause_add", args=[focus_area.pk]), {"title": "Ensamma platser"})
    assert response.status_code == 302
    cause = Cause.objects.get(title="Ensamma platser")
    assert cause.tree.focus_area == focus_area
    plan_page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Ensamma platser" in plan_page and reverse("causes:focus_area_tree", args=[focus_area.pk]) in plan_page
    assert reverse("causes:plan_gaps", args=[plan.pk]) in plan_page
    gaps = client.get(reverse("causes:plan_gaps", args=[plan.pk])).content.decode()
    assert "Ensamma platser" in gaps and measure.title in gaps  # the forum's measure aims at no cause yet
    client.post(reverse("causes:measure_aim", args=[cause.pk]), {"measure": measure.pk})
    gaps = client.get(reverse("causes:plan_gaps", args=[plan.pk])).content.decode()
    assert "Ensamma platser" not in gaps and measure.title not in gaps
    client.logout()
    public_plan = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Ensamma platser" in public_plan  # an open plan's causes are public, with no link to edit
    assert reverse("causes:focus_area_tree", args=[focus_area.pk]) not in public_plan
