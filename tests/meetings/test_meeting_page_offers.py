"""The meeting page offers each item's own rows, searches the rest on demand, records decisions and
attendance in place (htmx), and decides a draft plan of the forum under an item."""

import pytest
from django.urls import reverse

from tests.factories import ActionPlanFactory, FocusAreaFactory, ForumFactory, MeasureFactory, ProblemFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.meetings.models import AttendanceStatus, Decision
from tryggsam.plans.models import PlanStatus

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def elsewhere(district_admin):
    """Rows of a forum that no agenda item is about: the register the page must not carry."""
    other = ForumFactory(name="Arbetsgrupp Hamnen", owner_organisation=district_admin)
    problems = [ProblemFactory(forum=other, title=f"Hamnen {n}: nedskräpning", owner_organisation=district_admin) for n in range(6)]  # fmt: skip
    return [MeasureFactory(problem=p, title=f"Hamnpatrull {p.pk}") for p in problems]


def test_meeting_page__each_decision_form_offers_only_its_items_own_forum(
    client, coordinator, meeting, kvarn, elsewhere
):
    client.force_login(coordinator)
    body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Hamnpatrull" not in body and "Hamnen 0" not in body
    assert "Snabbsanering inom ett dygn</option>" not in body  # the forms come when they are opened
    forms = {
        item.number: client.get(reverse("meetings:item_form", args=[item.pk, "beslut"]), **HTMX).content.decode()
        for item in meeting.items.all()
    }
    assert [n for n, html in forms.items() if "Snabbsanering inom ett dygn</option>" in html] == ["3.1"]
    assert meeting.items.get(partnership=kvarn).number == "3.1"  # the partnership's own item
    assert not any("Hamnpatrull" in html or "Hamnen 0" in html for html in forms.values())


def test_row_search__finds_readable_rows_of_other_forums(client, coordinator, meeting, elsewhere):
    client.force_login(coordinator)
    url = reverse("meetings:row_search", args=[meeting.pk])
    body = client.get(url, {"falt": "measure", "q": "hamnpatrull"}).content.decode()
    assert body.count("Hamnpatrull") == 6
    assert client.get(url, {"falt": "nothing", "q": "x"}).status_code == 404


def test_row_search__refused_to_who_does_not_run_the_meeting(client, police_member, meeting):
    client.force_login(police_member)
    url = reverse("meetings:row_search", args=[meeting.pk])
    assert client.get(url, {"falt": "measure", "q": "ab"}).status_code == 403


def test_decision_add__htmx_returns_the_item_with_the_decision(client, coordinator, meeting, elsewhere):
    client.force_login(coordinator)
    item = meeting.items.order_by("position").first()
    response = client.post(
        reverse("meetings:decision_add", args=[item.pk]),
        {"text": "Hamnen följs upp", "action": "change", "measure": elsewhere[0].pk, "new_status": "done", "note": "Klart."},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<section id="item-') and "Beslutet är sparat." in body
    assert Decision.objects.get(item=item).changed_measure == elsewhere[0]


def test_attendance_mark__htmx_returns_the_row(client, coordinator, meeting):
    client.force_login(coordinator)
    attendance = meeting.attendances.first()
    response = client.post(
        reverse("meetings:attendance_mark", args=[attendance.pk]), {"status": AttendanceStatus.PRESENT}, **HTMX
    )
    assert response.content.decode().startswith(f'<tr id="attendance-{attendance.pk}">')
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT


def test_plan_decide__from_the_meeting_page_through_the_plans_service(client, coordinator, meeting, council):
    plan = ActionPlanFactory(forum=council, title="Åtgärdsplan 2027", owner_organisation=council.owner_organisation)
    FocusAreaFactory(plan=plan)
    client.force_login(coordinator)
    assert "Besluta plan" in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    item = meeting.items.order_by("position").first()
    response = client.post(reverse("meetings:plan_decide", args=[item.pk]), {"plan": plan.pk, "text": ""}, **HTMX)
    assert "Planen är beslutad" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DECIDED and plan.decided_at_meeting == meeting
    assert Decision.objects.get(item=item).decided_plan == plan
    assert AuditEvent.objects.filter(object_id=str(plan.pk), action="status").exists()


def test_measure_page__links_back_to_the_decision_that_created_it(client, coordinator, meeting, work_rows):
    from tryggsam.meetings import services

    item = meeting.items.order_by("position").first()
    decision = services.decision_record(
        actor=coordinator,
        item=item,
        text="Fältgruppen går extra pass vid stationen",
        create_measure={"problem": work_rows["internal"].problem},
    )
    client.force_login(coordinator)
    measure_page = client.get(reverse("casework:measure_detail", args=[decision.created_measure.pk])).content.decode()
    assert f"/moten/{meeting.pk}/#item-{item.pk}" in measure_page and "skapade åtgärden" in measure_page
    problem_page = client.get(
        reverse("casework:problem_detail", args=[work_rows["internal"].problem.pk])
    ).content.decode()
    assert f"#item-{item.pk}" in problem_page and "Fältgruppen går extra pass vid stationen" in problem_page


def test_measure_page__no_link_to_a_decision_the_reader_may_not_read(
    client, coordinator, meeting, work_rows, police_member
):
    from tryggsam.core.models import Classification
    from tryggsam.meetings import services

    item = meeting.items.order_by("position").first()
    services.item_update_notes(actor=coordinator, item=item, notes="", classification=Classification.RESTRICTED)
    services.decision_record(
        actor=coordinator,
        item=item,
        text="Hemligt beslut om kvällspassen",
        change_measure=(work_rows["internal"], "done", "Klart."),
    )
    client.force_login(police_member)
    page = client.get(reverse("casework:measure_detail", args=[work_rows["internal"].pk])).content.decode()
    assert "Uppföljningar" in page
    assert "Hemligt beslut" not in page and "Beslut i möten" not in page
