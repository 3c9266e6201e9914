"""The incident list at /lagesbild/: filters, and counts that respect classification. Decision: the
page needs a login (anonymous users are sent to the login page); the selector itself gives anonymous
users the open incidents only."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import AreaFactory
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource
from tryggsam.incidents.selectors import counts_by_category, incidents_visible_to

URL = "/lagesbild/"


def make_incident(*, code: str, district, classification=Classification.INTERNAL, owner=None, days_ago: float = 1):
    incident = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now() - dt.timedelta(days=days_ago),
        title=f"Testhändelse {code}",
        district=district,
        district_area=district.parent,
        classification=classification,
        owner_organisation=owner,
    )
    incident.categories.set([IncidentCategory.objects.get(code=code)])
    return incident


def counts(user, district) -> dict[str, int]:
    return {row.category.code: row.count for row in counts_by_category(user, district=district)}


@pytest.fixture
def districts(db):
    return AreaFactory(name="Testby"), AreaFactory(name="Annanstad")


@pytest.fixture
def picture(districts, police):
    testby, other = districts
    make_incident(code="drug_dealing", district=testby)
    make_incident(code="drug_dealing", district=testby, classification=Classification.OPEN)
    make_incident(code="drug_dealing", district=testby, classification=Classification.RESTRICTED, owner=police)
    make_incident(code="robbery", district=testby, days_ago=45)  # outside the 30 days
    make_incident(code="drug_dealing", district=other)
    return testby


def test_counts_by_category__restricted_counted_only_for_owner(picture, police_member, school_reporter):
    assert counts(police_member, picture)["drug_dealing"] == 3
    assert counts(school_reporter, picture)["drug_dealing"] == 2


def test_counts_by_category__last_30_days_and_district_only(picture, police_member):
    result = counts(police_member, picture)
    assert result["robbery"] == 0
    assert counts(police_member, None)["drug_dealing"] == 4


def test_incidents_visible_to__anonymous_sees_open_only(picture):
    assert list(incidents_visible_to(AnonymousUser()).values_list("classification", flat=True)) == ["open"]
    assert counts(AnonymousUser(), picture)["drug_dealing"] == 1


def test_list__counts_on_page_respect_classification(client, picture, police_member, school_reporter):
    client.force_login(police_member)
    html = client.get(URL, {"district": picture.pk}).content.decode()
    assert '<td data-category="drug_dealing">3</td>' in html
    client.force_login(school_reporter)
    html = client.get(URL, {"district": picture.pk}).content.decode()
    assert '<td data-category="drug_dealing">2</td>' in html


def test_list__filters_by_district_and_category(client, picture, districts, police_member):
    other = districts[1]
    make_incident(code="fire", district=picture)
    client.force_login(police_member)
    response = client.get(URL, {"district": picture.pk, "category": IncidentCategory.objects.get(code="fire").pk})
    assert [i.district for i in response.context["incidents"]] == [picture]
    assert [i.title for i in response.context["incidents"]] == ["Testhändelse fire"]
    response = client.get(URL, {"district": other.pk})
    assert len(response.context["incidents"]) == 1


def test_list__restricted_incident_not_listed_for_other_organisation(client, picture, school_reporter):
    client.force_login(school_reporter)
    incidents = client.get(URL, {"district": picture.pk}).context["incidents"]
    assert all(i.classification != Classification.RESTRICTED for i in incidents)
    assert len(incidents) == 3


def test_list__restricted_rows_shown_are_audited_as_reads(client, picture, police_member, school_reporter):
    from tryggsam.audit.models import AuditEvent

    client.force_login(police_member)
    shown = client.get(URL, {"district": picture.pk}).context["incidents"]
    restricted = {str(i.pk) for i in shown if i.classification == Classification.RESTRICTED}
    assert restricted
    reads = AuditEvent.objects.filter(action="read", object_type="incidents.incident", actor=police_member)
    assert set(reads.values_list("object_id", flat=True)) == restricted
    client.force_login(school_reporter)
    client.get(URL, {"district": picture.pk})
    assert not AuditEvent.objects.filter(action="read", actor=school_reporter).exists()  # saw none


def test_list__anonymous_redirected_to_login(client, picture):
    response = client.get(URL)
    assert response.status_code == 302


def test_list__renders_police_events(client, db, police_member, police_sample):
    from tryggsam.incidents.police_import import import_events

    import_events(police_sample[:10], source_label="test")
    client.force_login(police_member)
    response = client.get(URL)
    assert response.status_code == 200
    assert police_sample[0]["summary"][:40] in response.content.decode()
