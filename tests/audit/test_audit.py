import pytest
from django.core.exceptions import ValidationError

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.services import audit_record
from tryggsam.casework.services import measure_update

pytestmark = pytest.mark.django_db


def test_audit_event__cannot_be_edited_or_deleted(coordinator, measure):
    event = audit_record(actor=coordinator, action="update", obj=measure, changes={"x": [1, 2]})
    event.note = "ändrad"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, note="").exists()


def test_audit__rolled_back_with_the_change(coordinator, measure):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        measure_update(actor=coordinator, measure=measure, expected_version=1, end_date="inte ett datum")
    assert AuditEvent.objects.count() == before


def test_audit_log_page__admin_only(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/granskning/").status_code == 403
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    assert client.get("/granskning/").status_code == 200
