"""Follow-ups of citizen promises: recorded on a decided (frozen) promise per promise and activity,
audited, shown on the page and in the DOCX and PDF, with the next follow-up date suggested."""

import datetime as dt
import io

import pypdfium2
import pytest
from django.urls import reverse
from docx import Document

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import InvalidTransitionError, ServiceError
from tryggsam.plans import services
from tryggsam.plans.follow_ups import EntryInput, add_months, follow_up_record, suggest_next_follow_up
from tryggsam.plans.models import ActionPlan, PlanFollowUp, PlanFollowUpEntry, PlanKind

pytestmark = pytest.mark.django_db


def _promise(coordinator, *, decided=True, valid_from=dt.date(2026, 1, 15), valid_to=dt.date(2027, 12, 31)):
    plan = services.plan_create(
        actor=coordinator,
        title="Medborgarlöfte för Ekbacken",
        kind=PlanKind.CITIZEN_PROMISE,
        classification="open",
        valid_from=valid_from,
        valid_to=valid_to,
    )
    services.focus_area_create(
        actor=coordinator, plan=plan, name="Tryggare torg", activities=["Kvällsvandringar", "Bättre belysning"]
    )
    services.focus_area_create(actor=coordinator, plan=plan, name="Trygg skolväg")
    if decided:
        services.plan_decide(actor=coordinator, plan=plan, decided_on=dt.date(2026, 1, 10), decided_by="Rådet")
    return plan


def test_follow_up_add__recorded_per_activity_on_a_frozen_promise_and_audited(client, coordinator):
    plan = _promise(coordinator)
    torg, skolvag = plan.focus_areas.order_by("position")
    client.force_login(coordinator)
    form_page = client.get(reverse("plans:follow_up_add", args=[plan.pk])).content.decode()
    assert "Kvällsvandringar" in form_page and "Löftet som helhet" in form_page
    response = client.post(
        reverse("plans:follow_up_add", args=[plan.pk]),
        {
            "date": "2026-07-15",
            "summary": "Halvårsuppföljning i rådet.",
            f"fa{torg.pk}_1_status": "done",
            f"fa{torg.pk}_1_text": "Tre vandringar under våren.",
            f"fa{torg.pk}_2_status": "partly",
            f"fa{skolvag.pk}_0_status": "not_done",
            f"fa{skolvag.pk}_0_text": "Skjuts till hösten.",
        },
    )
    assert response.status_code == 302
    follow_up = PlanFollowUp.objects.get()
    assert [(e.focus_area.name, e.activity, e.status) for e in follow_up.entries.all()] == [
        ("Tryggare torg", "Kvällsvandringar", "done"),
        ("Tryggare torg", "Bättre belysning", "partly"),
        ("Trygg skolväg", "", "not_done"),
    ]
    plan.refresh_from_db()
    assert plan.is_frozen and plan.focus_areas.get(name="Tryggare torg").activities == [
        "Kvällsvandringar",
        "Bättre belysning",
    ]
    assert AuditEvent.objects.filter(object_type="plans.planfollowup", actor=coordinator).count() == 1
    assert AuditEvent.objects.filter(object_type="plans.planfollowupentry", actor=coordinator).count() == 3
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Uppföljning 2026-07-15" in page and "Tre vandringar under våren." in page
    assert "Nästa uppföljning föreslås 2027-01-15" in page


def test_follow_up_add__text_without_status_and_future_date_refused_all_at_once(client, coordinator):
    plan = _promise(coordinator)
    torg = plan.focus_areas.get(name="Tryggare torg")
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:follow_up_add", args=[plan.pk]),
        {"date": "2026-07-15", f"fa{torg.pk}_1_text": "Något gjordes"},
    )
    assert response.status_code == 400
    assert "Ange status för det du har skrivit om." in response.content.decode()
    assert not PlanFollowUp.objects.exists()


def test_follow_up_record__refusals_in_swedish_and_nothing_saved(coordinator):
    draft = _promise(coordinator, decided=False)
    torg = draft.focus_areas.get(name="Tryggare torg")
    with pytest.raises(InvalidTransitionError, match="utkast"):
        follow_up_record(
            actor=coordinator, plan=draft, date=dt.date(2026, 7, 1), entries=[EntryInput(torg, "", "done")]
        )
    plan = _promise(coordinator)
    torg = plan.focus_areas.get(name="Tryggare torg")
    cases = [
        (dt.date(2099, 1, 1), [EntryInput(torg, "", "done")], "framtiden"),
        (dt.date(2025, 1, 1), [EntryInput(torg, "", "done")], "före beslutet"),
        (dt.date(2026, 7, 1), [], "minst ett"),
        (dt.date(2026, 7, 1), [EntryInput(torg, "Något annat", "done")], "inte en aktivitet"),
        (dt.date(2026, 7, 1), [EntryInput(draft.focus_areas.first(), "", "done")], "hör inte till"),
    ]
    for date, entries, message in cases:
        with pytest.raises(ServiceError, match=message):
            follow_up_record(actor=coordinator, plan=plan, date=date, entries=entries)
    follow_up_record(actor=coordinator, plan=plan, date=dt.date(2026, 7, 1), entries=[EntryInput(torg, "", "done")])
    with pytest.raises(ServiceError, match="redan en uppföljning"):
        follow_up_record(
            actor=coordinator, plan=plan, date=dt.date(2026, 7, 1), entries=[EntryInput(torg, "", "partly")]
        )
    assert PlanFollowUp.objects.count() == 1 and PlanFollowUpEntry.objects.count() == 1


def test_follow_up_record__member_refused(coordinator):
    plan = _promise(coordinator)
    torg = plan.focus_areas.get(name="Tryggare torg")
    with pytest.raises(ServiceError):
        follow_up_record(
            actor=user_with_role(Role.MEMBER),
            plan=plan,
            date=dt.date(2026, 7, 1),
            entries=[EntryInput(torg, "", "done")],
        )


def test_suggest_next_follow_up__every_six_months_then_the_end_of_the_period(coordinator):
    plan = _promise(coordinator, valid_from=dt.date(2026, 1, 31), valid_to=dt.date(2027, 3, 31))
    assert suggest_next_follow_up(plan) == dt.date(2026, 7, 31)
    assert suggest_next_follow_up(plan, last=dt.date(2026, 8, 5)) == dt.date(2027, 1, 31)
    assert suggest_next_follow_up(plan, last=dt.date(2027, 2, 1)) == dt.date(2027, 3, 31)
    assert suggest_next_follow_up(plan, last=dt.date(2027, 3, 31)) is None
    assert suggest_next_follow_up(_promise(coordinator, decided=False)) is None
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def _plan_with_follow_up(coordinator) -> ActionPlan:
    plan = _promise(coordinator)
    torg = plan.focus_areas.get(name="Tryggare torg")
    follow_up_record(
        actor=coordinator,
        plan=plan,
        date=dt.date(2026, 7, 15),
        summary="Rådet gick igenom löftet.",
        entries=[EntryInput(torg, "Kvällsvandringar", "done", "Tre vandringar med boende.")],
    )
    return plan


def test_exports__docx_and_pdf_show_the_follow_ups(client, coordinator):
    plan = _plan_with_follow_up(coordinator)
    client.force_login(coordinator)
    docx = Document(io.BytesIO(client.get(reverse("plans:docx", args=[plan.pk])).content))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert "Uppföljning 2026-07-15" in text and "Rådet gick igenom löftet." in text
    assert {"Löfte", "Kvällsvandringar", "Genomfört", "Tre vandringar med boende."} <= set(cells)
    pdf = pypdfium2.PdfDocument(client.get(reverse("plans:pdf", args=[plan.pk])).content)
    pdf_text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Uppföljning 2026-07-15" in pdf_text and "Tre vandringar med boende." in pdf_text


def test_follow_up_add__draft_offers_no_form(client, coordinator):
    plan = _promise(coordinator, decided=False)
    client.force_login(coordinator)
    page = client.get(reverse("plans:follow_up_add", args=[plan.pk])).content.decode()
    assert "Registrera beslutet först" in page and "Registrera uppföljningen" not in page
    assert "Registrera uppföljning" not in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
