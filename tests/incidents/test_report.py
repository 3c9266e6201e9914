"""The partner report: the service and the phone-friendly form at /lagesbild/rapportera/."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource, Precision
from tryggsam.incidents.services import DEFAULT_CATEGORIES, ensure_default_categories, incident_report
from tryggsam.places.models import Area, AreaLevel

URL = "/lagesbild/rapportera/"


def category(code: str) -> IncidentCategory:
    return IncidentCategory.objects.get(code=code)


def post_data(org, **changes) -> dict:
    data = {
        "categories": [category("graffiti").pk, category("litter").pk],
        "place_text": "Farsta",
        "lat": "",
        "lon": "",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "text": "Nytt klotter på gångbron.",
        "reporting_organisation": org.pk,
        "classification": "internal",
    }
    data.update(changes)
    return data


def test_ensure_default_categories__idempotent_and_keeps_edits(db):
    ensure_default_categories()
    renamed = category("litter")
    renamed.name = "Skräp"
    renamed.active = False
    renamed.save()
    IncidentCategory.objects.filter(code="fire").delete()
    ensure_default_categories()
    ensure_default_categories()
    assert IncidentCategory.objects.count() == len(DEFAULT_CATEGORIES) == 15
    assert IncidentCategory.objects.get(code="litter").name == "Skräp"
    assert IncidentCategory.objects.filter(code="fire").count() == 1
    assert IncidentCategory.objects.values_list("code", flat=True).first() == "vandalism"


def test_url__named_pages():
    assert reverse("incidents:report") == URL
    assert reverse("incidents:list") == "/lagesbild/"


def test_report__reporter_reports_and_area_resolved_at_every_level(stockholm, client, school, school_reporter):
    client.force_login(school_reporter)
    page = client.get(URL)
    assert page.status_code == 200
    form_html = page.content.decode()
    assert "<legend>Vad har hänt?</legend>" in form_html and 'type="datetime-local"' in form_html
    assert form_html.count('name="categories"') == IncidentCategory.objects.filter(active=True).count()
    audit_before = AuditEvent.objects.count()
    response = client.post(URL, post_data(school, place_text="Liljeholmens centrum"))
    assert response.status_code == 302
    incident = Incident.objects.select_related("district", "district_area").get()
    liljeholmen = Area.objects.get(name="Liljeholmen", level=AreaLevel.DISTRICT)
    assert incident.source == IncidentSource.PARTNER_REPORT
    assert incident.district == liljeholmen
    assert incident.district_area == liljeholmen.parent and incident.district_area.level == AreaLevel.DISTRICT_AREA
    assert incident.precision in {Precision.PLACE, Precision.DISTRICT}
    assert incident.lat is not None and incident.municipality == "Stockholm"
    assert incident.reporter == school_reporter and incident.reporting_organisation == school
    assert incident.owner_organisation == school
    assert set(incident.categories.values_list("code", flat=True)) == {"graffiti", "litter"}
    assert AuditEvent.objects.count() > audit_before
    assert AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(incident.pk)).exists()

    done = client.get(response["Location"])
    assert done.status_code == 200
    html = done.content.decode()
    assert "Liljeholmen" in html and liljeholmen.parent.name in html
    assert URL in html  # report another


def test_report__station_name_gives_place_level(stockholm, client, school, school_reporter):
    client.force_login(school_reporter)
    client.post(URL, post_data(school, place_text="Telefonplan"))
    incident = Incident.objects.select_related("place").get()
    assert incident.precision == Precision.PLACE
    assert incident.place.name == "Telefonplan" and incident.place.level == AreaLevel.PLACE
    assert incident.district == incident.place.parent
    assert incident.district_area == incident.place.parent.parent


def test_report__map_point_resolved_by_point_in_polygon(stockholm, client, school, school_reporter):
    rinkeby = Area.objects.get(name="Rinkeby", level=AreaLevel.DISTRICT)
    client.force_login(school_reporter)
    response = client.post(URL, post_data(school, place_text="", lat="59.3883", lon="17.928499"))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.district == rinkeby and incident.district_area == rinkeby.parent
    assert (incident.lat, incident.lon) == (59.3883, 17.928499)


def test_report__unknown_place_swedish_error_keeps_input(stockholm, client, school, school_reporter):
    client.force_login(school_reporter)
    response = client.post(URL, post_data(school, place_text="Qwxzyvägen"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ingen plats hittades för ”Qwxzyvägen”" in html
    assert 'value="Qwxzyvägen"' in html
    assert "Nytt klotter på gångbron." in html
    assert Incident.objects.count() == 0


def test_report__no_category_and_no_place(stockholm, client, school, school_reporter):
    client.force_login(school_reporter)
    response = client.post(URL, post_data(school, categories=[], place_text=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Välj minst en kategori." in html and "Ange var det hände." in html
    assert Incident.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_report__reader_forbidden(db, client, school, school_reader, method):
    client.force_login(school_reader)
    response = getattr(client, method)(URL, post_data(school) if method == "post" else None)
    assert response.status_code == 403
    assert Incident.objects.count() == 0


def test_report__anonymous_redirected_to_login(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_report__other_organisation_not_offered(stockholm, client, school, school_reporter):
    other = OrganisationFactory(name="Annan förening")
    client.force_login(school_reporter)
    response = client.post(URL, post_data(other))
    assert response.status_code == 400
    assert Incident.objects.count() == 0


def test_incident_report__reader_refused(db, school, school_reader):
    with pytest.raises(PermissionDeniedError):
        incident_report(
            actor=school_reader,
            categories=[category("fire")],
            occurred_at=timezone.now(),
            text="",
            place_text="Farsta",
            reporting_organisation=school,
        )


def test_incident_report__future_time_refused(stockholm, db, school, school_reporter):
    with pytest.raises(ServiceError, match="framtiden"):
        incident_report(
            actor=school_reporter,
            categories=[category("fire")],
            occurred_at=timezone.now() + dt.timedelta(days=1),
            text="",
            place_text="Farsta",
            reporting_organisation=school,
        )
    assert Incident.objects.count() == 0


def test_incident_report__for_another_organisation_refused_a_superuser_may(stockholm, db, school, school_reporter):
    other = OrganisationFactory(name="Annan förening")
    values = {"categories": [category("fire")], "occurred_at": timezone.now(), "text": "", "place_text": "Farsta"}
    with pytest.raises(PermissionDeniedError):
        incident_report(actor=school_reporter, reporting_organisation=other, **values)
    assert incident_report(actor=school_reporter, reporting_organisation=school, **values).owner_organisation == school
    superuser = UserFactory(is_superuser=True)
    assert incident_report(actor=superuser, reporting_organisation=other, **values).owner_organisation == other
