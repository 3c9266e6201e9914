"""An area's population per year: entered, changed and deleted by coordinators and administrators on
their page (audited), derived figures saved without ever replacing an entered one, and the figure that
stands for a year (its own, or the nearest of the five years before)."""

import pytest
from django.urls import reverse

from tests.factories import AreaFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.places import population_services as services
from tryggsam.places.models import AreaLevel, AreaPopulation, PopulationSource
from tryggsam.places.selectors import populations_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(name="Sjöstaden", level=AreaLevel.DISTRICT)


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


def _events(obj):
    return list(AuditEvent.objects.filter(object_id=str(obj.pk)).values_list("action", flat=True))


def test_population_enter__saved_and_audited(area, coordinator):
    population = services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=12345, note="SCB")
    assert (population.inhabitants, population.source, population.note) == (12345, PopulationSource.ENTERED, "SCB")
    assert population.source_label == "inskrivet"
    assert "create" in _events(population)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.READER, Role.REPORTER])
def test_population_enter__below_coordinator_refused_and_nothing_saved(area, role):
    with pytest.raises(PermissionDeniedError):
        services.population_enter(actor=user_with_role(role), area=area, year=2025, inhabitants=100)
    assert not AreaPopulation.objects.exists()


def test_population_enter__a_second_entered_figure_for_the_year_is_refused(area, coordinator):
    services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=100)
    with pytest.raises(ServiceError, match="redan en inskriven"):
        services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=200)
    assert AreaPopulation.objects.get().inhabitants == 100


def test_population_enter__replaces_a_derived_figure(area, coordinator):
    services.population_save_derived(
        actor=coordinator, area=area, year=2025, inhabitants=9000, derived_from="tabell.csv, Anmälda brott 2025"
    )
    population = services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=9100)
    assert (population.source, population.derived_from, population.inhabitants) == ("entered", "", 9100)
    assert AreaPopulation.objects.count() == 1


def test_population_save_derived__never_overwrites_an_entered_figure(area, coordinator):
    services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=100)
    outcome = services.population_save_derived(
        actor=coordinator, area=area, year=2025, inhabitants=5000, derived_from="tabell.csv"
    )
    assert outcome is services.DerivedOutcome.ENTERED_KEPT
    assert AreaPopulation.objects.get().inhabitants == 100


def test_population_save_derived__updates_its_own_earlier_figure(area, coordinator):
    first = services.population_save_derived(
        actor=coordinator, area=area, year=2024, inhabitants=5000, derived_from="a"
    )
    same = services.population_save_derived(actor=coordinator, area=area, year=2024, inhabitants=5000, derived_from="a")
    newer = services.population_save_derived(
        actor=coordinator, area=area, year=2024, inhabitants=5100, derived_from="b"
    )
    assert (first, same, newer) == (
        services.DerivedOutcome.CREATED,
        services.DerivedOutcome.UNCHANGED,
        services.DerivedOutcome.UPDATED,
    )
    population = AreaPopulation.objects.get()
    assert (population.inhabitants, population.source_label) == (5100, "härlett ur statistik b")


def test_population_update__a_derived_figure_changed_by_hand_becomes_entered(area, coordinator):
    services.population_save_derived(actor=coordinator, area=area, year=2024, inhabitants=5000, derived_from="a")
    population = AreaPopulation.objects.get()
    services.population_update(actor=coordinator, population=population, year=2024, inhabitants=5050)
    population.refresh_from_db()
    assert (population.source, population.derived_from, population.inhabitants) == ("entered", "", 5050)
    assert "update" in _events(population)


def test_populations_for__own_year_then_nearest_earlier_within_five_years(area, coordinator):
    other = AreaFactory(name="Strandby")
    far = AreaFactory(name="Långtbort")
    for a, year, n in ((area, 2025, 1000), (area, 2023, 900), (other, 2021, 500), (other, 2027, 700), (far, 2019, 1)):
        services.population_enter(actor=coordinator, area=a, year=year, inhabitants=n)
    found = populations_for(coordinator, [area.pk, other.pk, far.pk], 2025)
    assert (found[area.pk].inhabitants, found[area.pk].year) == (1000, 2025)
    assert (found[other.pk].inhabitants, found[other.pk].year) == (500, 2021)
    assert far.pk not in found  # 2019 is more than five years before 2025
    assert found[area.pk].rate(5, 1000) == pytest.approx(5.0)


# --- the page ---------------------------------------------------------------------------------------


def test_page__coordinator_enters_a_figure(client, area, coordinator):
    client.force_login(coordinator)
    url = reverse("places:populations")
    response = client.post(url, {"area": area.pk, "year": 2025, "inhabitants": 4321, "note": "Egen räkning"})
    assert response.status_code == 302
    population = AreaPopulation.objects.get()
    assert (population.area, population.year, population.inhabitants) == (area, 2025, 4321)
    page = client.get(response["Location"])
    assert "4321" in page.content.decode() and "inskrivet" in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"year": 2025, "inhabitants": 0},
        {"year": 2025, "inhabitants": -5},
        {"year": "tjugo", "inhabitants": 100},
        {"year": 1500, "inhabitants": 100},
        {"year": 2025, "inhabitants": "många"},
    ],
)
def test_page__bad_input_is_a_swedish_error_and_saves_nothing(client, area, coordinator, data):
    client.force_login(coordinator)
    response = client.post(reverse("places:populations"), {"area": area.pk, **data})
    assert response.status_code == 400
    assert "Inget sparades" in response.content.decode()
    assert not AreaPopulation.objects.exists()


def test_page__a_second_entered_figure_is_shown_as_the_services_refusal(client, area, coordinator):
    services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=100)
    client.force_login(coordinator)
    response = client.post(reverse("places:populations"), {"area": area.pk, "year": 2025, "inhabitants": 200})
    assert response.status_code == 400 and "redan en inskriven" in response.content.decode()


def test_page__edit_and_delete(client, area, coordinator):
    population = services.population_enter(actor=coordinator, area=area, year=2025, inhabitants=100)
    client.force_login(coordinator)
    edit = reverse("places:population_edit", args=[population.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"area": area.pk, "year": 2025, "inhabitants": 150}).status_code == 302
    population.refresh_from_db()
    assert population.inhabitants == 150
    assert client.post(reverse("places:population_delete", args=[population.pk])).status_code == 302
    assert not AreaPopulation.objects.exists()
    assert "delete" in _events(population)


def test_page__a_member_may_not_keep_populations(client, area):
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("places:populations")).status_code == 403
    response = client.post(reverse("places:populations"), {"area": area.pk, "year": 2025, "inhabitants": 100})
    assert response.status_code == 403
    assert not AreaPopulation.objects.exists()


def test_page__reached_from_the_area_page_and_the_area_list_by_keepers_only(client, area, coordinator):
    client.force_login(coordinator)
    link = reverse("places:populations")
    assert f"{link}?omrade={area.pk}" in client.get(reverse("public:area", args=[area.pk])).content.decode()
    assert link in client.get(reverse("places:list")).content.decode()
    client.force_login(user_with_role(Role.MEMBER))
    assert link not in client.get(reverse("public:area", args=[area.pk])).content.decode()
