"""The incident list as CSV and XLSX: the list page's filters, escaped text, typed times and
coordinates, only the incidents the user may read, and the restricted ones logged as reads."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AreaFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource, Precision

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example","Klicka")'
FORMATS = ("csv", "xlsx")
OCCURRED = dt.datetime(2026, 11, 30, 21, 45, tzinfo=dt.UTC)  # 22:45 in Stockholm


def url(fmt: str) -> str:
    return reverse(f"incidents:export_{fmt}")


def rows_of(response, fmt: str) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def incident(*, title, district, code="drug_dealing", classification=Classification.INTERNAL, owner=None, **extra):
    row = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=extra.pop("occurred_at", timezone.now() - dt.timedelta(days=1)),
        title=title,
        district=district,
        classification=classification,
        owner_organisation=owner,
        **extra,
    )
    row.categories.set([IncidentCategory.objects.get(code=code)])
    return row


@pytest.fixture
def district(db):
    return AreaFactory(name="Testby")


@pytest.fixture
def incidents(district, police):
    elsewhere = AreaFactory(name="Annanstad")
    incident(
        title=HYPERLINK,
        district=district,
        occurred_at=OCCURRED,
        description="+46 70 ring mig",
        lat=59.305,
        lon=-18.005,
        precision=Precision.DISTRICT,
    )
    incident(title="Klotter på skolan", district=district, code="graffiti", classification=Classification.OPEN)
    incident(title="Polisens hemliga iakttagelse", district=district, classification="restricted", owner=police)
    incident(title="Stök i Annanstad", district=elsewhere)
    return district


@pytest.mark.parametrize("fmt", FORMATS)
def test_incident_export__rows_escaped_and_typed(client, school_reporter, incidents, fmt):
    client.force_login(school_reporter)
    response = client.get(url(fmt))
    assert response.status_code == 200
    rows = rows_of(response, fmt)
    assert rows[0][:3] == ["Inträffade", "Rapporterad", "Kategorier"]
    hostile = next(row for row in rows[1:] if row[4] == "'" + HYPERLINK)
    assert hostile[2] == "Narkotikahandel" and hostile[5] == "'+46 70 ring mig" and hostile[7] == "Testby"
    if fmt == "csv":
        assert hostile[0] == "2026-11-30 22:45" and hostile[11] == "59,305" and hostile[12] == "-18,005"
    else:
        assert hostile[0] == dt.datetime(2026, 11, 30, 22, 45) and hostile[11] == 59.305 and hostile[12] == -18.005
    assert {row[4] for row in rows[1:]} == {"'" + HYPERLINK, "Klotter på skolan", "Stök i Annanstad"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_incident_export__restricted_incident_of_another_organisation_absent(client, school_reporter, incidents, fmt):
    client.force_login(school_reporter)
    rows = rows_of(client.get(url(fmt)), fmt)
    assert not any("hemliga" in str(cell) for row in rows for cell in row)
    assert not AuditEvent.objects.filter(action="read").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_incident_export__owner_gets_restricted_incident_and_the_read_is_logged(client, police_member, incidents, fmt):
    client.force_login(police_member)
    rows = rows_of(client.get(url(fmt)), fmt)
    assert [row[16] for row in rows if row[4] == "Polisens hemliga iakttagelse"] == ["Begränsad"]
    event = AuditEvent.objects.get(action="read", object_type="incidents.incident")
    assert event.actor == police_member and event.object_repr == "Polisens hemliga iakttagelse"


@pytest.mark.parametrize("fmt", FORMATS)
def test_incident_export__district_and_category_filters_as_on_the_list(client, school_reporter, incidents, fmt):
    client.force_login(school_reporter)
    graffiti = IncidentCategory.objects.get(code="graffiti")
    rows = rows_of(client.get(url(fmt), {"district": incidents.pk}), fmt)
    assert {row[4] for row in rows[1:]} == {"'" + HYPERLINK, "Klotter på skolan"}
    response = client.get(url(fmt), {"district": incidents.pk, "category": graffiti.pk})
    assert [row[4] for row in rows_of(response, fmt)[1:]] == ["Klotter på skolan"]
    assert 'filename="handelser-testby-klotter-' in response["Content-Disposition"]


def test_incident_export__newest_rows_up_to_the_cap(client, school_reporter, incidents, monkeypatch):
    monkeypatch.setattr("tryggsam.incidents.exports.MAX_EXPORT_ROWS", 2)
    client.force_login(school_reporter)
    rows = rows_of(client.get(url("csv")), "csv")
    assert len(rows) == 3 and "'" + HYPERLINK not in {row[4] for row in rows}  # the oldest is left out


@pytest.mark.parametrize("fmt", FORMATS)
def test_incident_export__anonymous_redirected_to_login(client, incidents, fmt):
    response = client.get(url(fmt))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_incident_list__download_links_keep_the_filter(client, school_reporter, incidents):
    client.force_login(school_reporter)
    html = client.get(reverse("incidents:list"), {"district": incidents.pk}).content.decode()
    assert f"{url('csv')}?district={incidents.pk}" in html and f"{url('xlsx')}?district={incidents.pk}" in html


@pytest.mark.parametrize("bad", [{"district": "abc"}, {"category": "-1"}, {"district": str(2**63)}])
def test_incident_export__unreadable_filter_exports_nothing(client, school_reporter, incidents, bad):
    client.force_login(school_reporter)
    response = client.get(url("csv"), bad)
    assert response.status_code == 400 and "Filtret kunde inte läsas" in response.content.decode()
