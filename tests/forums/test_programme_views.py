"""Programme deliveries recorded and corrected in the UI by coordinators, with an audit row each."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, ProgrammeFactory
from tryggsam.accounts.models import OrganisationKind
from tryggsam.audit.models import AuditEvent
from tryggsam.forums.models import DeliveryStatus, Programme, ProgrammeDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Ekbackeskolan", kind=OrganisationKind.SCHOOL)


def test_programme_create__shown_before_any_delivery(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:programme_create"), {"name": "Vägval i sjuan", "short_name": "Vägval", "grade": "7"}
    )
    assert response.status_code == 302
    programme = Programme.objects.get(name="Vägval i sjuan")
    assert AuditEvent.objects.filter(object_type="forums.programme", object_id=str(programme.pk)).exists()
    assert "Vägval i sjuan" in client.get(reverse("forums:programmes")).content.decode()


def test_delivery_add__held_with_pupils_and_deliverer(client, coordinator, school):
    programme = ProgrammeFactory(name="Vägval i sjuan", grade=7)
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:delivery_add", args=[programme.pk]),
        {
            "school": school.pk,
            "school_year": "2026/27",
            "status": DeliveryStatus.DELIVERED,
            "delivered_on": "2026-10-14",
            "classes": "3",
            "pupils": "71",
            "delivered_by": "Fältgruppen",
        },
    )
    assert response.status_code == 302
    delivery = ProgrammeDelivery.objects.get()
    assert (delivery.pupils, delivery.classes, delivery.delivered_by) == (71, 3, "Fältgruppen")
    event = AuditEvent.objects.get(object_type="forums.programmedelivery")
    assert event.actor == coordinator


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"school_year": "2026/28"}, "två år i följd"),
        ({"school_year": "hösten"}, "Skriv läsåret som 2026/27."),
        ({"status": DeliveryStatus.DELIVERED, "delivered_on": ""}, "Ange när programmet genomfördes."),
        ({"status": DeliveryStatus.NOT_HELD, "delivered_on": "2026-10-14"}, "inget genomförandedatum"),
        ({"pupils": "-4"}, "Antal elever"),
    ],
)
def test_delivery_add__bad_input_says_why_and_saves_nothing(client, coordinator, school, data, message):
    programme = ProgrammeFactory()
    client.force_login(coordinator)
    post = {"school": school.pk, "school_year": "2026/27", "status": DeliveryStatus.PLANNED, **data}
    response = client.post(reverse("forums:delivery_add", args=[programme.pk]), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgrammeDelivery.objects.exists()


def test_delivery_edit__correction_is_audited_with_old_and_new(client, coordinator, school):
    programme = ProgrammeFactory()
    delivery = ProgrammeDelivery.objects.create(programme=programme, school=school, school_year="2026/27")
    client.force_login(coordinator)
    url = reverse("forums:delivery_edit", args=[delivery.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"school": school.pk, "school_year": "2026/27", "status": DeliveryStatus.NOT_HELD, "note": "Inställt"}
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.NOT_HELD
    assert delivery.note == "Inställt"  # the delivery's note, not taken for the audit row's note
    event = AuditEvent.objects.filter(object_type="forums.programmedelivery").latest("id")
    assert event.changes["status"] == [DeliveryStatus.PLANNED, DeliveryStatus.NOT_HELD]
    assert event.changes["note"] == ["", "Inställt"] and event.note == ""


def test_delivery_edit__clash_with_another_row_refused(client, coordinator, school):
    programme = ProgrammeFactory()
    ProgrammeDelivery.objects.create(programme=programme, school=school, school_year="2025/26")
    later = ProgrammeDelivery.objects.create(programme=programme, school=school, school_year="2026/27")
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:delivery_edit", args=[later.pk]),
        {"school": school.pk, "school_year": "2025/26", "status": DeliveryStatus.PLANNED},
    )
    assert response.status_code == 400
    assert "har redan en rad för 2025/26" in response.content.decode()
    later.refresh_from_db()
    assert later.school_year == "2026/27"


def test_programmes__members_read_without_forms(client, police_member, school):
    ProgrammeFactory(name="Vägval i sjuan")
    client.force_login(police_member)
    html = client.get(reverse("forums:programmes")).content.decode()
    assert "Vägval i sjuan" in html and "Registrera leverans" not in html and "Nytt program" not in html


def test_delivery_add__existing_row_is_not_overwritten(client, coordinator, school):
    programme = ProgrammeFactory()
    ProgrammeDelivery.objects.create(programme=programme, school=school, school_year="2026/27", classes=3, pupils=68)
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:delivery_add", args=[programme.pk]),
        {"school": school.pk, "school_year": "2026/27", "status": DeliveryStatus.PLANNED},
    )
    assert response.status_code == 400
    assert "rätta den i stället" in response.content.decode()
    assert ProgrammeDelivery.objects.get().pupils == 68


def test_delivery_add__held_in_the_future_refused(client, coordinator, school):
    programme = ProgrammeFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:delivery_add", args=[programme.pk]),
        {
            "school": school.pk,
            "school_year": "2026/27",
            "status": DeliveryStatus.DELIVERED,
            "delivered_on": "2099-05-01",
        },
    )
    assert response.status_code == 400 and "i framtiden" in response.content.decode()


def test_programmes_page__each_delivery_form_has_its_own_field_ids(client, coordinator):
    first, second = ProgrammeFactory(name="Program A"), ProgrammeFactory(name="Program B")
    client.force_login(coordinator)
    html = client.get(reverse("forums:programmes")).content.decode()
    assert f'id="p{first.pk}_school_year"' in html and f'id="p{second.pk}_school_year"' in html


@pytest.mark.parametrize(
    ("today", "expected"),
    [("2026-12-06", "2026/27"), ("2027-06-15", "2026/27"), ("2027-08-01", "2027/28"), ("2099-09-01", "2099/00")],
)
def test_delivery_form__suggests_the_school_year_of_today(today, expected):
    from tryggsam.forums.forms import current_school_year

    assert current_school_year(dt.date.fromisoformat(today)) == expected
