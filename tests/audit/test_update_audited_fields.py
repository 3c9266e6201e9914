"""`audit.writes.update_audited` takes the fields to set as one dict, so that a model field may be named
like the function's own keywords (`note`, `action`): the field changes, and the audit row keeps its own
note and action apart. The services that once wrote their own copy (areas' populations, programme
deliveries) use it."""

import pytest

from tests.factories import AreaFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.writes import update_audited
from tryggsam.places.models import AreaPopulation, PopulationSource
from tryggsam.places.population_services import population_enter, population_update

pytestmark = pytest.mark.django_db


def _last_event(obj) -> AuditEvent:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).latest("pk")


def test_update_audited__a_field_named_note_changes_and_the_audit_note_stays_apart(coordinator):
    population = population_enter(actor=coordinator, area=AreaFactory(), year=2024, inhabitants=1000, note="Gammal")
    update_audited(
        obj=population,
        actor=coordinator,
        fields={"note": "Ny källa", "inhabitants": 1010},
        action="status",
        note="Rättad efter årsboken",
    )
    population.refresh_from_db()
    assert (population.note, population.inhabitants) == ("Ny källa", 1010)
    event = _last_event(population)
    assert event.changes["note"] == ["Gammal", "Ny källa"]
    assert (event.action, event.note) == ("status", "Rättad efter årsboken")


def test_population_update__its_note_is_saved_and_audited(coordinator):
    population = population_enter(actor=coordinator, area=AreaFactory(), year=2023, inhabitants=500)
    population_update(actor=coordinator, population=population, year=2023, inhabitants=510, note="Enligt SCB")
    population.refresh_from_db()
    assert population.note == "Enligt SCB" and population.source == PopulationSource.ENTERED
    assert _last_event(population).changes["note"] == ["", "Enligt SCB"]


def test_population_enter__replacing_a_derived_figure_keeps_its_audit_note(coordinator):
    area = AreaFactory()
    derived = AreaPopulation.objects.create(
        area=area, year=2022, inhabitants=700, source=PopulationSource.DERIVED, derived_from="årsbok.xlsx"
    )
    population_enter(actor=coordinator, area=area, year=2022, inhabitants=720, note="Räknad själv")
    event = _last_event(derived)
    assert event.changes["derived_from"] == ["årsbok.xlsx", ""]
    assert event.changes["note"] == ["", "Räknad själv"]
    assert event.note == "Inskriven siffra ersätter en härledd."


def test_update_audited__fields_must_be_given_as_a_dict(coordinator):
    population = population_enter(actor=coordinator, area=AreaFactory(), year=2021, inhabitants=100)
    with pytest.raises(TypeError):
        update_audited(obj=population, actor=coordinator, inhabitants=200)  # type: ignore[call-arg]
