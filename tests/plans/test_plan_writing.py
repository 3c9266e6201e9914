"""Plans written in the UI: a draft with focus areas, decided (then frozen), and a next version that
starts as an audited copy. Citizen promises are the same record kind with their own words."""

import pytest
from django.urls import reverse

from tests.plans.test_plans import FIELDS
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.core.errors import InvalidTransitionError, ServiceError
from tryggsam.plans import services
from tryggsam.plans.models import ActionPlan, FocusArea, PlanKind, PlanStatus

pytestmark = pytest.mark.django_db


def _post_plan(client, **extra):
    data = {"title": "Åtgärdsplan 2027–2028", "kind": PlanKind.ACTION_PLAN, "classification": "open", **extra}
    return client.post(reverse("plans:create"), data)


def test_plan_written_in_the_ui_with_every_focus_area_field(client, coordinator):
    client.force_login(coordinator)
    response = _post_plan(client, parties="Kommunen och polisen", valid_from="2027-01-01", valid_to="2028-12-31")
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT
    post = {**FIELDS, "activities": "Kvällsvandringar\n- Belysningsinventering\n", "name": "Torget"}
    assert client.post(reverse("plans:focus_area_add", args=[plan.pk]), post).status_code == 302
    focus = FocusArea.objects.get()
    assert focus.activities == ["Kvällsvandringar", "Belysningsinventering"]
    for name, value in FIELDS.items():
        if name != "activities":
            assert getattr(focus, name) == value, name
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Belysningsinventering" in html and "Registrera beslut" in html
    assert AuditEvent.objects.filter(object_type="plans.focusarea", actor=coordinator).exists()


def test_plan_form__end_before_start_refused(client, coordinator):
    client.force_login(coordinator)
    response = _post_plan(client, valid_from="2027-01-01", valid_to="2026-01-01")
    assert response.status_code == 400
    assert "innan den börjar gälla" in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_decided_plan_is_frozen_and_next_version_copies_it(client, coordinator):
    plan = services.plan_create(actor=coordinator, title="Plan", classification="open")
    services.focus_area_create(actor=coordinator, plan=plan, name="Torget", **FIELDS)
    client.force_login(coordinator)
    client.post(reverse("plans:decide", args=[plan.pk]), {"decided_on": "2026-12-01", "decided_by": "Rådets möte"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DECIDED and str(plan.decided_on) == "2026-12-01"
    decided = AuditEvent.objects.filter(object_type="plans.actionplan", action=AuditAction.STATUS).get()
    assert decided.changes["status"] == ["draft", "decided"]
    with pytest.raises(InvalidTransitionError):
        services.focus_area_update(actor=coordinator, focus_area=plan.focus_areas.get(), goal="Annat")
    response = client.post(
        reverse("plans:edit", args=[plan.pk]), {"title": "Ändrad", "kind": "action_plan", "classification": "open"}
    )
    assert response.status_code == 400 and "beslutad" in response.content.decode()
    assert ActionPlan.objects.get(pk=plan.pk).title == "Plan"

    response = client.post(reverse("plans:new_version", args=[plan.pk]))
    draft = ActionPlan.objects.exclude(pk=plan.pk).get()
    assert response["Location"] == reverse("plans:detail", args=[draft.pk])
    assert (draft.version, draft.previous_id, draft.status) == (2, plan.pk, PlanStatus.DRAFT)
    copy = draft.focus_areas.get()
    assert copy.goal == FIELDS["goal"] and copy.activities == FIELDS["activities"]
    assert AuditEvent.objects.filter(object_type="plans.focusarea", object_id=str(copy.pk), action="create").exists()


def test_plan_without_focus_areas_cannot_be_decided(coordinator):
    plan = services.plan_create(actor=coordinator, title="Tom plan")
    with pytest.raises(ServiceError):
        services.plan_decide(actor=coordinator, plan=plan, decided_on=plan.created_at.date())


def test_citizen_promises__written_as_their_own_kind(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("plans:create") + "?typ=citizen_promise").content.decode()
    assert 'value="citizen_promise" selected' in page
    _post_plan(client, kind=PlanKind.CITIZEN_PROMISE, title="Medborgarlöften 2027")
    plan = ActionPlan.objects.get()
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Lägg till löfte" in html


def test_member_sees_no_plan_writing(client, police_member, coordinator):
    plan = services.plan_create(actor=coordinator, title="Plan", classification="open")
    client.force_login(police_member)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Ändra planen" not in html and "Registrera beslut" not in html
    assert client.post(reverse("plans:decide", args=[plan.pk]), {"decided_on": "2026-12-01"}).status_code == 403


def test_plan_exports__docx_and_pdf_carry_every_filled_field(client, coordinator):
    import io

    import pdfplumber
    from docx import Document

    plan = services.plan_create(actor=coordinator, title="Plan för centrum", classification="internal")
    services.focus_area_create(actor=coordinator, plan=plan, name="Torget", **{**FIELDS, "goal": "Tryggt\x0b torg"})
    client.force_login(coordinator)
    docx = client.get(reverse("plans:docx", args=[plan.pk]))
    assert docx.status_code == 200 and docx["Cache-Control"].endswith("no-store")
    document = Document(io.BytesIO(docx.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Tryggt torg" in cells and "• Belysningsinventering" in "\n".join(cells)
    assert any(p.text == "1. Torget" for p in document.paragraphs)
    pdf = client.get(reverse("plans:pdf", args=[plan.pk]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as parsed:
        text = "\n".join(page.extract_text() or "" for page in parsed.pages)
    for value in ("Plan för centrum", "1. Torget", FIELDS["police_commitment"], "Utkast – inte beslutad"):
        assert value in text
    client.logout()
    assert client.get(reverse("plans:pdf", args=[plan.pk])).status_code == 404


def test_new_version__only_once_and_the_old_one_says_it_is_superseded(client, coordinator):
    plan = services.plan_create(actor=coordinator, title="Plan", classification="open")
    services.focus_area_create(actor=coordinator, plan=plan, name="Torget", **FIELDS)
    services.plan_decide(actor=coordinator, plan=plan, decided_on=plan.created_at.date())
    draft = services.plan_new_version(actor=coordinator, plan=plan)
    with pytest.raises(InvalidTransitionError):
        services.plan_new_version(actor=coordinator, plan=plan)
    client.force_login(coordinator)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Version 2 är under arbete" in html and reverse("plans:detail", args=[draft.pk]) in html
    assert "Gör en ny version" not in html
    services.plan_decide(actor=coordinator, plan=draft, decided_on=plan.created_at.date())
    assert "Ersatt av version 2" in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_plan_form__restricted_needs_an_owner_of_ones_own(client, coordinator, district_admin):
    client.force_login(coordinator)
    response = _post_plan(client, classification="restricted")
    assert response.status_code == 400 and "äger den begränsade planen" in response.content.decode()
    _post_plan(client, classification="restricted", owner_organisation=district_admin.pk)
    assert ActionPlan.objects.get().owner_organisation == district_admin
