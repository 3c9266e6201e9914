"""One record opened, one mechanism (issue 14): every page or API call that opens a single restricted
record goes through `audit.reads.one_visible_or_404`, so the read is audited and a record the reader may
not see is a 404 like one that does not exist."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AreaFactory, SafetyWalkFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.core.models import Classification
from tryggsam.forums.models import SafetyWalk
from tryggsam.incidents.models import Incident, IncidentSource


def restricted_walk(owner):
    return SafetyWalkFactory(classification=Classification.RESTRICTED, owner_organisation=owner)


def restricted_incident(owner):
    return Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now(),
        title="Begränsad händelse",
        district=AreaFactory(),
        classification=Classification.RESTRICTED,
        owner_organisation=owner,
    )


PAGES = {
    "safety walk page": (restricted_walk, lambda pk: reverse("forums:safety_walk", args=[pk])),
    "incident page": (restricted_incident, lambda pk: reverse("incidents:detail", args=[pk])),
    "incident in the API": (restricted_incident, lambda pk: f"/api/v1/incidents/{pk}"),
}


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_single_record__restricted_read_is_audited(client, police_member, police, page):
    make, url = page
    record = make(police)
    client.force_login(police_member)

    assert client.get(url(record.pk)).status_code == 200

    read = AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(record.pk), actor=police_member)
    assert read.count() == 1


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_single_record__hidden_is_404_and_not_audited(client, police, page):
    make, url = page
    record = make(police)
    outsider = user_with_role(Role.MEMBER)
    client.force_login(outsider)

    assert client.get(url(record.pk)).status_code == 404
    assert not AuditEvent.objects.filter(actor=outsider, action=AuditAction.READ).exists()


def test_one_visible_or_404__open_record_returned_without_audit_row(police_member):
    walk = SafetyWalkFactory()
    assert one_visible_or_404(police_member, SafetyWalk.objects.all(), walk.pk) == walk
    assert not AuditEvent.objects.filter(action=AuditAction.READ).exists()
