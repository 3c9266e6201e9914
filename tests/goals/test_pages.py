"""Goals in the UI: writing them and their readings, refusing hostile input in Swedish with nothing
changed, the frozen goals of a decided plan, and the goals shown on the pages of problems and plans."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    FocusAreaFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.goals import services
from tryggsam.goals.models import Goal, ManualReading
from tryggsam.goals.services import Indicator
from tryggsam.incidents.models import IncidentCategory
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.plans import services as plan_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    ensure_default_categories()
    organisation = OrganisationFactory()
    coordinator = user_with_role(Role.COORDINATOR, organisation)
    problem = ProblemFactory(owner_organisation=organisation, classification="internal", title="Klotter vid torget")
    district = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT)
    return {
        "coordinator": coordinator,
        "member": user_with_role(Role.MEMBER, organisation),
        "outsider": user_with_role(Role.MEMBER, OrganisationFactory()),
        "problem": problem,
        "district": district,
        "graffiti": IncidentCategory.objects.get(code="graffiti"),
    }


def _post(setting, **changes):
    data = {
        "text": "Mindre klotter vid torget",
        "indicator": "incidents",
        "categories": [setting["graffiti"].pk],
        "areas": [setting["district"].pk],
        "period_kind": "quarter",
        "baseline_period": "2025-K4",
        "target_value": "3",
        "target_date": "2027-06-30",
        "direction": "lower",
    }
    data.update(changes)
    return data


def test_goal_create__through_the_form_and_audited(client, setting):
    client.force_login(setting["member"])
    url = reverse("goals:add_to_problem", args=[setting["problem"].pk])
    response = client.post(url, _post(setting))
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert response["Location"] == reverse("goals:detail", args=[goal.pk])
    assert list(goal.categories.all()) == [setting["graffiti"]]
    assert AuditEvent.objects.filter(object_type="goals.goal", object_id=str(goal.pk), action="create").exists()
    page = client.get(reverse("goals:detail", args=[goal.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Mindre klotter vid torget" in body
    assert "<svg" in body and "målvärde" in body and "95 % konfidensintervall" in body
    assert re.search(r'<circle cx="\d+\.\d" cy="\d+\.\d"', body)  # SVG numbers, not Swedish decimal commas
    problem_page = client.get(reverse("casework:problem_detail", args=[setting["problem"].pk])).content.decode()
    assert "Mål och indikatorer" in problem_page and reverse("goals:detail", args=[goal.pk]) in problem_page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_period": "2025-13"}, "Månaden 13 finns inte"),
        ({"baseline_period": "förra året"}, "går inte att läsa"),
        ({"baseline_period": "2025"}, "måste vara en kvartal"),
        ({"baseline_period": "2025-K4", "target_date": "2025-10-01"}, "Måldatumet måste ligga efter"),
        ({"categories": ["999999"]}, "Välj ett giltigt alternativ"),
        ({"categories": []}, "minst en händelsekategori"),
        ({"period_kind": "fortnight"}, "Välj ett giltigt alternativ"),
        ({"target_value": "nan"}, "Målvärde"),
        ({"indicator": "survey"}, "Välj område och fråga"),
    ],
)
def test_goal_create__hostile_input_is_refused_in_swedish_and_nothing_changes(client, setting, changes, message):
    client.force_login(setting["member"])
    before = AuditEvent.objects.count()
    response = client.post(reverse("goals:add_to_problem", args=[setting["problem"].pk]), _post(setting, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Goal.objects.exists()
    assert AuditEvent.objects.count() == before


def test_goal_create__nested_areas_are_refused(setting):
    inner = AreaFactory(name="Torget", level=AreaLevel.PLACE, parent=setting["district"])
    spec = Indicator(
        text="x", indicator="incidents", categories=[setting["graffiti"]], areas=[setting["district"], inner],
        period_kind="year", baseline_period="2025", target_value=1, target_date=dt.date(2027, 1, 1),
        direction="lower",
    )  # fmt: skip
    with pytest.raises(ServiceError, match="räknas två gånger"):
        services.goal_create(actor=setting["coordinator"], problem=setting["problem"], spec=spec)


def _manual_spec(**changes):
    values = {
        "text": "Fler som känner sig trygga", "indicator": "manual", "baseline_period": "2025",
        "baseline_value": 60.0, "target_value": 75.0, "target_date": dt.date(2027, 12, 31), "direction": "higher",
    }  # fmt: skip
    values.update(changes)
    return Indicator(**values)


def test_goal__who_may_change_it(setting):
    goal = services.goal_create(actor=setting["member"], problem=setting["problem"], spec=_manual_spec())
    with pytest.raises(PermissionDeniedError):
        services.goal_update(actor=setting["outsider"], goal=goal, spec=_manual_spec(text="Annat"))
    with pytest.raises(PermissionDeniedError):
        services.reading_add(actor=setting["outsider"], goal=goal, date=dt.date(2026, 5, 1), value=70)
    assert Goal.objects.get().text == "Fler som känner sig trygga" and not ManualReading.objects.exists()


def test_goal_of_a_decided_plan__frozen_but_readings_may_be_entered(client, setting):
    coordinator = setting["coordinator"]
    plan = ActionPlanFactory(kind="citizen_promise", classification="open")
    focus_area = FocusAreaFactory(plan=plan, name="Trygg kvällsmiljö")
    goal = services.goal_create(actor=coordinator, focus_area=focus_area, spec=_manual_spec())
    plan_services.plan_decide(actor=coordinator, plan=plan, decided_on=dt.date(2026, 3, 1))
    goal.refresh_from_db()
    assert not permissions.can_change_goal(coordinator, goal)
    assert permissions.can_enter_goal_readings(coordinator, goal)
    with pytest.raises(PermissionDeniedError):
        services.goal_update(actor=coordinator, goal=goal, spec=_manual_spec(target_value=90.0))
    client.force_login(coordinator)
    assert client.get(reverse("goals:edit", args=[goal.pk])).status_code == 403
    response = client.post(
        reverse("goals:reading_add", args=[goal.pk]), {"date": "2026-09-30", "value": "68", "source": "Enkät"}
    )
    assert response.status_code == 302
    reading = ManualReading.objects.get()
    assert AuditEvent.objects.filter(object_type="goals.manualreading", action="create").exists()
    # a reading whose interval does not hold its value is refused, and the reading stays as it was
    response = client.post(
        reverse("goals:reading_edit", args=[reading.pk]),
        {"date": "2026-09-30", "value": "68", "low": "70", "high": "80"},
    )
    assert response.status_code == 400 and "mellan osäkerhetens nedre och övre gräns" in response.content.decode()
    reading.refresh_from_db()
    assert reading.low is None
    # the plan's page shows the goal in its focus area and in "Mål och indikatorer", also to visitors
    client.logout()
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert page.count(reverse("goals:detail", args=[goal.pk])) == 2 and "på väg mot målet" in page
    assert client.get(reverse("goals:detail", args=[goal.pk])).status_code == 200
    response = client.post(reverse("goals:reading_delete", args=[reading.pk]))
    assert response.status_code == 302  # to log in
    assert ManualReading.objects.exists()


def test_goal_added_to_a_decided_plan__marked_and_may_be_changed(setting):
    coordinator = setting["coordinator"]
    plan = ActionPlanFactory(kind="citizen_promise", classification="open")
    focus_area = FocusAreaFactory(plan=plan, name="Trygg kvällsmiljö")
    plan_services.plan_decide(actor=coordinator, plan=plan, decided_on=dt.date(2026, 3, 1))
    goal = services.goal_create(actor=coordinator, focus_area=focus_area, spec=_manual_spec())
    assert goal.added_after_decision and not permissions.goal_is_frozen(goal)
    services.goal_update(actor=coordinator, goal=goal, spec=_manual_spec(target_value=80.0))
    assert Goal.objects.get().target_value == 80.0
    with pytest.raises(PermissionDeniedError):  # a member does not keep the plan
        services.goal_update(actor=setting["member"], goal=goal, spec=_manual_spec(target_value=99.0))


def test_goal_delete__with_its_readings_audited(client, setting):
    goal = services.goal_create(actor=setting["member"], problem=setting["problem"], spec=_manual_spec())
    reading = services.reading_add(actor=setting["member"], goal=goal, date=dt.date(2026, 5, 1), value=70)
    client.force_login(setting["outsider"])
    assert client.post(reverse("goals:delete", args=[goal.pk])).status_code == 403  # may read it, not change it
    client.force_login(setting["member"])
    assert client.post(reverse("goals:delete", args=[goal.pk])).status_code == 302
    assert not Goal.objects.exists() and not ManualReading.objects.exists()
    deleted = AuditEvent.objects.filter(action="delete").values_list("object_type", "object_id")
    assert ("goals.goal", str(goal.pk)) in deleted and ("goals.manualreading", str(reading.pk)) in deleted


def test_goal_on_a_problem__not_for_visitors(client, setting):
    goal = services.goal_create(actor=setting["member"], problem=setting["problem"], spec=_manual_spec())
    assert not permissions.can_view_goal(AnonymousUser(), goal)
    response = client.get(reverse("goals:detail", args=[goal.pk]))
    assert response.status_code == 302
