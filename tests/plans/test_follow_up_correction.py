"""A recorded follow-up of a decided citizen promise is corrected by the plan's coordinator with a
reason: the old text stays in the audit row, the promises themselves stay frozen."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, user_with_role
from tests.plans.test_follow_ups import _promise
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.plans.follow_ups import EntryInput, follow_up_correct, follow_up_record
from tryggsam.plans.models import PlanFollowUp, PlanFollowUpEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(coordinator):
    plan = _promise(coordinator)
    torg, skolvag = plan.focus_areas.order_by("position")
    follow_up = follow_up_record(
        actor=coordinator,
        plan=plan,
        date=dt.date(2026, 7, 15),
        summary="Halvår ett.",
        entries=[
            EntryInput(focus_area=torg, activity="Kvällsvandringar", status="partly", text="Två vandringar."),
            EntryInput(focus_area=skolvag, activity="", status="not_done", text="Väntar på trafikkontoret."),
        ],
        today=dt.date(2026, 8, 1),
    )
    return plan, torg, skolvag, follow_up


def test_follow_up_correct__changes_rows_with_the_old_text_and_reason_in_the_audit(coordinator, recorded):
    plan, torg, _skolvag, follow_up = recorded
    frozen = [(fa.name, fa.activities, fa.goal) for fa in plan.focus_areas.order_by("position")]
    follow_up_correct(
        actor=coordinator,
        follow_up=follow_up,
        date=dt.date(2026, 7, 16),
        summary="Halvår ett, rättad.",
        entries=[
            EntryInput(focus_area=torg, activity="Kvällsvandringar", status="done", text="Tre vandringar."),
            EntryInput(focus_area=torg, activity="Bättre belysning", status="partly", text="Två lampor."),
        ],
        reason="Fel antal vandringar; skolvägen följs upp nästa gång",
        today=dt.date(2026, 8, 1),
    )
    follow_up.refresh_from_db()
    assert (follow_up.date, follow_up.summary) == (dt.date(2026, 7, 16), "Halvår ett, rättad.")
    assert [(e.activity, e.status, e.text) for e in follow_up.entries.order_by("id")] == [
        ("Kvällsvandringar", "done", "Tre vandringar."),
        ("Bättre belysning", "partly", "Två lampor."),
    ]
    reason = "Fel antal vandringar; skolvägen följs upp nästa gång"
    changed = AuditEvent.objects.get(object_type="plans.planfollowupentry", action="update")
    assert changed.changes["text"] == ["Två vandringar.", "Tre vandringar."] and changed.note == reason
    assert changed.actor == coordinator
    removed = AuditEvent.objects.get(object_type="plans.planfollowupentry", action="delete")
    assert removed.changes["text"] == ["Väntar på trafikkontoret.", None] and removed.note == reason
    assert AuditEvent.objects.filter(object_type="plans.planfollowupentry", action="create", note=reason).count() == 1
    head = AuditEvent.objects.get(object_type="plans.planfollowup", action="update")
    assert head.changes["summary"] == ["Halvår ett.", "Halvår ett, rättad."] and head.note == reason
    plan.refresh_from_db()
    assert plan.is_frozen
    assert [(fa.name, fa.activities, fa.goal) for fa in plan.focus_areas.order_by("position")] == frozen


def test_follow_up_correct__refusals_in_swedish_and_nothing_changed(coordinator, recorded):
    plan, torg, _skolvag, follow_up = recorded
    follow_up_record(
        actor=coordinator,
        plan=plan,
        date=dt.date(2027, 1, 15),
        entries=[EntryInput(focus_area=torg, activity="", status="done")],
        today=dt.date(2027, 2, 1),
    )
    keep = [EntryInput(focus_area=torg, activity="Kvällsvandringar", status="done", text="x")]
    cases = [
        ({"reason": "  "}, ServiceError, "Skriv varför"),
        ({"date": dt.date(2027, 1, 15)}, ServiceError, "Det finns redan en uppföljning"),
        ({"date": dt.date(2025, 12, 1)}, ServiceError, "före beslutet"),
        ({"date": dt.date(2030, 1, 1)}, ServiceError, "framtiden"),
        ({"entries": [EntryInput(focus_area=torg, activity="Påhittad", status="done")]}, ServiceError, "Påhittad"),
    ]
    for change, error, text in cases:
        arguments = {"date": follow_up.date, "entries": keep, "reason": "Rättning", "today": dt.date(2027, 2, 1)}
        with pytest.raises(error, match=text):
            follow_up_correct(actor=coordinator, follow_up=follow_up, **{**arguments, **change})
    member = user_with_role(Role.MEMBER, OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        follow_up_correct(actor=member, follow_up=follow_up, date=follow_up.date, entries=keep, reason="Rättning")
    assert PlanFollowUpEntry.objects.filter(follow_up=follow_up, text="Två vandringar.").exists()
    assert not AuditEvent.objects.filter(object_type="plans.planfollowupentry", action="update").exists()


def test_follow_up_edit_view__form_filled_with_what_was_recorded_and_saved_with_a_reason(client, coordinator, recorded):
    plan, torg, skolvag, follow_up = recorded
    client.force_login(coordinator)
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    url = reverse("plans:follow_up_edit", args=[follow_up.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert "Två vandringar." in page and "Väntar på trafikkontoret." in page
    data = {
        "date": "2026-07-15",
        "summary": "Halvår ett.",
        f"fa{torg.pk}_1_status": "done",
        f"fa{torg.pk}_1_text": "Tre vandringar.",
        f"fa{skolvag.pk}_0_status": "not_done",
        f"fa{skolvag.pk}_0_text": "Väntar på trafikkontoret.",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Skriv varför uppföljningen rättas." in response.content.decode()
    assert PlanFollowUpEntry.objects.filter(text="Två vandringar.").exists()
    response = client.post(url, {**data, "reason": "Fel antal"})
    assert response.status_code == 302
    assert PlanFollowUpEntry.objects.filter(follow_up=follow_up, text="Tre vandringar.").exists()
    # a decided plan's promises stay frozen: its focus areas cannot be edited
    client.post(reverse("plans:focus_area_edit", args=[torg.pk]), {"name": "Nytt namn på löftet"})
    torg.refresh_from_db()
    assert torg.name == "Tryggare torg"


def test_follow_up_edit_view__member_refused_and_unknown_follow_up_404(client, recorded):
    _plan, _torg, _skolvag, follow_up = recorded
    member = user_with_role(Role.MEMBER, OrganisationFactory())
    client.force_login(member)
    assert client.get(reverse("plans:follow_up_edit", args=[follow_up.pk])).status_code == 403
    assert client.post(reverse("plans:follow_up_edit", args=[follow_up.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("plans:follow_up_edit", args=[999999])).status_code == 404
    assert PlanFollowUp.objects.get(pk=follow_up.pk).summary == "Halvår ett."
