"""A problem is edited, closed with a reason and reopened, in the UI and through audited services."""

import pytest
from django.urls import reverse

from tests.factories import ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.casework import services
from tryggsam.casework.models import Problem
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError

pytestmark = pytest.mark.django_db


def _events(problem):
    return AuditEvent.objects.filter(object_type="casework.problem", object_id=str(problem.pk)).order_by("id")


def test_problem_close__needs_a_reason_and_audits_it(coordinator, measure):
    problem = measure.problem
    with pytest.raises(ServiceError):
        services.problem_close(actor=coordinator, problem=problem, reason="  ")
    assert not Problem.objects.get(pk=problem.pk).is_closed
    services.problem_close(actor=coordinator, problem=problem, reason="Lugnt sedan belysningen byttes")
    problem.refresh_from_db()
    assert problem.is_closed and problem.closed_on is not None
    event = _events(problem).last()
    assert event.action == AuditAction.STATUS
    assert event.actor == coordinator
    assert event.changes["is_closed"] == [False, True]
    assert "belysningen" in event.note


def test_problem_reopen__back_in_the_work_table_and_audited(client, coordinator, measure):
    problem = measure.problem
    services.problem_close(actor=coordinator, problem=problem, reason="Klart")
    client.force_login(coordinator)
    forum_page = client.get(reverse("forums:detail", args=[problem.forum_id])).content.decode()
    assert f'id="row-m{measure.pk}"' not in forum_page
    assert "Avslutade problem" in forum_page or "Avslutat problem" in forum_page
    response = client.post(reverse("casework:problem_reopen", args=[problem.pk]), {"reason": "Stöket är tillbaka"})
    assert response.status_code == 302
    problem.refresh_from_db()
    assert not problem.is_closed and problem.closed_reason == ""
    assert _events(problem).last().note == "Stöket är tillbaka"
    assert f'id="row-m{measure.pk}"' in client.get(reverse("forums:detail", args=[problem.forum_id])).content.decode()
    with pytest.raises(InvalidTransitionError):
        services.problem_reopen(actor=coordinator, problem=problem)


def test_problem_close__refused_for_a_member_of_another_organisation(police_member, measure):
    with pytest.raises(PermissionDeniedError):
        services.problem_close(actor=police_member, problem=measure.problem, reason="Inte mitt")


def test_problem_close_view__without_reason_saves_nothing_and_says_why(client, coordinator, measure):
    client.force_login(coordinator)
    response = client.post(reverse("casework:problem_close", args=[measure.problem.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Skriv varför problemet avslutas." in response.content.decode()
    assert not Problem.objects.get(pk=measure.problem.pk).is_closed


def test_problem_edit_view__changes_title_with_audit(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:problem_edit", args=[measure.problem.pk])
    response = client.post(
        url, {"title": "Torget: stök och nedskräpning", "description": "", "classification": "internal"}
    )
    assert response.status_code == 302
    problem = Problem.objects.get(pk=measure.problem.pk)
    assert problem.title == "Torget: stök och nedskräpning"
    assert _events(problem).last().changes["title"] == ["Torget: stök på kvällar", "Torget: stök och nedskräpning"]


def test_problem_page__reader_sees_no_forms(client, measure, district_admin):
    reader = user_with_role(Role.READER, district_admin)
    client.force_login(reader)
    html = client.get(reverse("casework:problem_detail", args=[measure.problem.pk])).content.decode()
    assert measure.title in html
    assert "/avsluta/" not in html and "/andra/" not in html


def test_closed_problems__only_those_the_user_may_read(client, coordinator, partnership, district_admin):
    hidden = ProblemFactory(
        forum=partnership, title="Hemligt avslutat", classification="restricted", owner_organisation=district_admin
    )
    services.problem_close(actor=coordinator, problem=hidden, reason="Klart")
    other_member = user_with_role(Role.MEMBER)
    client.force_login(other_member)
    assert "Hemligt avslutat" not in client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
