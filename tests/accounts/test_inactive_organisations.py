"""A deactivated organisation is not offered for a new choice, while a record that already names one
keeps showing it and saves it unchanged: one field (`core.forms.ActiveModelChoiceField` and its
multiple sibling) in every form that chooses an organisation for a record. One test per form kind."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProgrammeDeliveryFactory,
    ProgrammeFactory,
    police_event,
)
from tryggsam.accounts.models import OrganisationKind
from tryggsam.accounts.register_views import InviteForm
from tryggsam.casework.forms import MeasureForm
from tryggsam.casework.models import Measure
from tryggsam.forums.forms import DeliveryForm, ForumMemberForm
from tryggsam.incidents.forms import RouteForm
from tryggsam.incidents.models import Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def active():
    return OrganisationFactory(name="Aktiva skolan", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def inactive():
    return OrganisationFactory(name="Nedlagda skolan", kind=OrganisationKind.SCHOOL, is_active=False)


def _offered(form, name: str) -> set[str]:
    return {str(label) for value, label in form[name].field.choices if value != ""}


def test_measure_form__inactive_not_offered_anew_but_kept_on_the_measure_that_names_it(active, inactive):
    fresh = MeasureForm()
    assert "Aktiva skolan" in _offered(fresh, "responsible_organisation")
    assert "Nedlagda skolan" not in _offered(fresh, "responsible_organisation") | _offered(
        fresh, "participating_organisations"
    )
    initial = {"responsible_organisation": inactive, "participating_organisations": [inactive]}
    kept = MeasureForm(initial=initial)
    assert "Nedlagda skolan (inaktiv)" in _offered(kept, "responsible_organisation")
    assert "Nedlagda skolan (inaktiv)" in _offered(kept, "participating_organisations")
    data = {"version": 1, "title": "Vuxna på plats", "classification": "internal"}
    bound = MeasureForm(
        {**data, "responsible_organisation": inactive.pk, "participating_organisations": [inactive.pk]}, initial=initial
    )
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["responsible_organisation"] == inactive
    chosen_anew = MeasureForm({**data, "responsible_organisation": inactive.pk})
    assert not chosen_anew.is_valid() and "responsible_organisation" in chosen_anew.errors
    many_anew = MeasureForm({**data, "participating_organisations": [inactive.pk]})
    assert not many_anew.is_valid() and "participating_organisations" in many_anew.errors


def test_measure_edit_view__saves_a_measure_whose_organisation_was_deactivated(client, coordinator, inactive):
    measure = MeasureFactory(responsible_organisation=inactive)
    measure.participating_organisations.set([inactive])
    client.force_login(coordinator)
    url = reverse("casework:measure_edit", args=[measure.pk])
    assert "Nedlagda skolan (inaktiv)" in client.get(url).content.decode()
    data = {
        "version": measure.version,
        "title": "Ny rubrik på åtgärden",
        "classification": measure.classification,
        "responsible_organisation": inactive.pk,
        "participating_organisations": [inactive.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.title == "Ny rubrik på åtgärden" and measure.responsible_organisation == inactive
    assert list(measure.participating_organisations.all()) == [inactive]


def test_delivery_form__a_deactivated_school_is_kept_on_its_delivery_only(client, coordinator, active, inactive):
    assert _offered(DeliveryForm(), "school") == {"Aktiva skolan"}
    delivery = ProgrammeDeliveryFactory(programme=ProgrammeFactory(), school=inactive, school_year="2025/26")
    client.force_login(coordinator)
    url = reverse("forums:delivery_edit", args=[delivery.pk])
    assert "Nedlagda skolan (inaktiv)" in client.get(url).content.decode()
    data = {"school": inactive.pk, "school_year": "2025/26", "status": "planned", "note": "Flyttad till våren"}
    assert client.post(url, data).status_code == 302
    delivery.refresh_from_db()
    assert delivery.school == inactive and delivery.note == "Flyttad till våren"
    other = ProgrammeFactory()
    response = client.post(reverse("forums:delivery_add", args=[other.pk]), {**data, "note": ""})
    assert response.status_code == 400 and not other.deliveries.exists()


def test_route_form__only_active_organisations_but_the_current_one_stays(client, coordinator, active, inactive):
    assert "Aktiva skolan" in _offered(RouteForm(), "organisation")
    assert "Nedlagda skolan" not in _offered(RouteForm(), "organisation")
    event = police_event("inaktiv-1")
    Incident.objects.filter(pk=event.pk).update(routed_to=inactive)
    assert "Nedlagda skolan (inaktiv)" in _offered(RouteForm(initial={"organisation": inactive.pk}), "organisation")
    client.force_login(coordinator)
    assert "Nedlagda skolan (inaktiv)" in client.get(reverse("incidents:detail", args=[event.pk])).content.decode()
    queue = client.get(reverse("incidents:queue") + "?flik=polisen").content.decode()
    assert "Nedlagda skolan (inaktiv)" in queue
    other = police_event("inaktiv-2")
    response = client.post(reverse("incidents:route", args=[other.pk]), {"organisation": inactive.pk})
    assert response.status_code == 400
    assert Incident.objects.get(pk=other.pk).routed_to is None


def test_forum_member_form__no_new_seat_for_a_deactivated_organisation(active, inactive):
    assert "Nedlagda skolan" not in _offered(ForumMemberForm(), "organisation")
    form = ForumMemberForm({"organisation": inactive.pk, "role": "member"})
    assert not form.is_valid() and "organisation" in form.errors
    assert ForumMemberForm({"organisation": active.pk, "role": "member"}).is_valid()


def test_invite_form__no_invitation_into_a_deactivated_organisation(coordinator, active, inactive):
    assert "Nedlagda skolan" not in _offered(InviteForm(user=coordinator), "organisation")
    data = {"email": "ny@example.se", "full_name": "Nils Ny", "role": "member"}
    form = InviteForm({**data, "organisation": inactive.pk}, user=coordinator)
    assert not form.is_valid() and "organisation" in form.errors
    assert InviteForm({**data, "organisation": active.pk}, user=coordinator).is_valid()
