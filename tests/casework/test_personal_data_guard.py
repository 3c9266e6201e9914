"""The personal-data guard on the casework forms: the first post shows what was found and saves nothing;
posting again with "Spara med uppgifterna maskerade" saves the masked text."""

import pytest
from django.urls import reverse

from tests.factories import ProblemFactory
from tryggsam.casework.forms import MeasureForm
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOTE = "Anmälaren 811218-9876 nås på 070-123 45 67."
MASKED_NOTE = "Anmälaren [personnummer borttaget] nås på [telefonnummer borttaget]."


def test_measure_status__personal_data_is_shown_and_nothing_saved(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    response = client.post(url, {"version": 1, "status": "paused", "note": NOTE}, **HTMX)
    html = response.content.decode()
    assert "Texten innehåller personuppgifter" in html
    assert "personnummer ”811218-9876”" in html and "telefonnummer ”070-123 45 67”" in html
    assert 'name="mask_personal_data"' in html and "Spara med uppgifterna maskerade" in html
    assert not FollowUp.objects.exists()
    measure.refresh_from_db()
    assert measure.status != MeasureStatus.PAUSED


def test_measure_status__with_checkbox_saves_masked_note(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    data = {"version": 1, "status": "paused", "note": NOTE, "mask_personal_data": "on"}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and response.content.decode().lstrip().startswith("<tr")
    assert FollowUp.objects.get().text == MASKED_NOTE
    assert not FollowUp.objects.filter(text__contains="9876").exists()


def test_measure_status__clean_note_shows_no_checkbox(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    html = client.post(url, {"version": 1, "status": "paused", "note": ""}, **HTMX).content.decode()
    assert "mask_personal_data" not in html


def test_measure_edit__personal_data_in_each_field_is_reported(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_edit", args=[measure.pk])
    data = {
        "version": 1,
        "title": measure.title,
        "participants_text": "Föräldern kalle.anka@gmail.com",
        "responsible_text": "Kim, 08-123 456 78",
        "classification": "internal",
    }
    html = client.post(url, data, **HTMX).content.decode()
    assert "e-postadress ”kalle.anka@gmail.com”" in html and "telefonnummer ”08-123 456 78”" in html
    assert 'name="mask_personal_data"' in html
    measure.refresh_from_db()
    assert measure.participants_text == "" and measure.version == 1

    client.post(url, {**data, "mask_personal_data": "on"}, **HTMX)
    measure.refresh_from_db()
    assert measure.participants_text == "Föräldern [e-post borttagen]"
    assert measure.responsible_text == "Kim, [telefonnummer borttaget]"


def test_measure_edit__organisation_addresses_are_saved_as_written(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_edit", args=[measure.pk])
    data = {"version": 1, "title": measure.title, "responsible_text": "kim@polisen.se", "classification": "internal"}
    client.post(url, data, **HTMX)
    measure.refresh_from_db()
    assert measure.responsible_text == "kim@polisen.se"


def test_measure_add__shows_confirmation_page_then_saves_masked(client, coordinator, partnership):
    problem = ProblemFactory(forum=partnership, title="Skadegörelse på lekplatsen")
    client.force_login(coordinator)
    url = reverse("casework:measure_add", args=[problem.pk])
    data = {"title": "Samtal med 811218-9876", "participants_text": "Fältgruppen"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "personnummer ”811218-9876”" in html
    assert f'action="{url}"' in html and 'value="Fältgruppen"' in html
    assert not Measure.objects.filter(problem=problem).exists()

    response = client.post(url, {**data, "mask_personal_data": "on"})
    assert response.status_code == 302
    assert Measure.objects.get(problem=problem).title == "Samtal med [personnummer borttaget]"


def test_problem_add__keeps_kind_and_saves_masked(client, coordinator, partnership):
    client.force_login(coordinator)
    url = reverse("casework:problem_add", args=[partnership.pk])
    data = {"kind": "development", "title": "Dialog", "measure_title": "Ring 070-123 45 67"}
    html = client.post(url, data).content.decode()
    assert 'name="kind" value="development"' in html and "telefonnummer ”070-123 45 67”" in html
    assert not Problem.objects.filter(title="Dialog").exists()

    client.post(url, {**data, "mask_personal_data": "on"})
    problem = Problem.objects.get(title="Dialog")
    assert problem.kind == "development"
    assert Measure.objects.get(problem=problem).title == "Ring [telefonnummer borttaget]"


def test_measure_form__masked_text_longer_than_field_is_refused():
    data = {"version": 1, "title": "x" * 288 + " 0701234567", "classification": "internal"}
    form = MeasureForm({**data, "mask_personal_data": "on"})
    assert not form.is_valid()
    assert "för lång" in str(form.errors["title"])
    assert "mask_personal_data" not in form.cleaned_data
