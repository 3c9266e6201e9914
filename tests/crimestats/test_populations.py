"""Populations derived from imported statistics that state a count and a rate per 1 000 or 100 000
inhabitants for the same area, year and offence: population = count × base / rate. The real files are
read from ../shared; the variants below are tables of our own (other column orders, per 100 000,
rounded rates, missing rates, disagreeing figures)."""

from pathlib import Path

import pytest

from tests.factories import AreaFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.crimestats.population_services import populations_derive
from tryggsam.crimestats.services import statistics_import
from tryggsam.places.importers import import_geojson, load_district_areas
from tryggsam.places.models import AreaLevel, AreaPopulation, PopulationSource
from tryggsam.places.population_services import population_enter

BRA = "bra_anmalda_brott_per_manad_stadsdelsomraden_stockholm_raw.csv"
YEARBOOK = "stockholm_arsbok_1.63_anmalda_brott_2024_stadsdelsomraden.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def stockholm(shared_dir):
    geo = shared_dir / "data" / "geo"
    import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json")
    load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")


@pytest.fixture
def norrby():
    return AreaFactory(name="Norrby", level=AreaLevel.DISTRICT_AREA)


def _file(tmp_path: Path, text: str, name: str = "tabell.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _population(area_name: str, year: int) -> AreaPopulation:
    return AreaPopulation.objects.get(area__name=area_name, year=year)


def test_derive__real_yearbook_gives_every_register_district_area_its_2024_population(shared_dir, stockholm):
    summary = statistics_import(path=shared_dir / "data" / "stats" / YEARBOOK)
    derived = {p["area"]: p["inhabitants"] for p in summary.as_json()["populations"]}
    # The district areas of the register; the yearbook's groups (Västerort …) and "Hela staden" are not in it.
    assert len(derived) == 11 and "Västerort" not in derived and "Hela staden" not in derived
    assert derived["Järva"] == pytest.approx(95_220, abs=2)  # 15 950 reported crimes, 167.5 per 1 000
    järva = _population("Järva", 2024)
    assert järva.source == PopulationSource.DERIVED
    assert järva.source_label == f"härlett ur statistik {YEARBOOK}, Anmälda brott 2024"
    # Its five offence columns each state a count and a rate: they agree, so no warning.
    assert not [w for w in summary.warnings if "Befolkning" in w or "befolkning" in w.lower()]
    assert AreaPopulation.objects.count() == 11


def test_derive__real_bra_export_has_counts_only_so_no_population(shared_dir, stockholm):
    summary = statistics_import(path=shared_dir / "data" / "stats" / BRA)
    assert summary.rows > 0 and summary.populations == []
    assert not AreaPopulation.objects.exists()


def test_derive__same_file_twice_changes_nothing(shared_dir, stockholm):
    path = shared_dir / "data" / "stats" / YEARBOOK
    first = statistics_import(path=path).as_json()
    second = statistics_import(path=path).as_json()
    assert first["populations"] == second["populations"]
    assert AreaPopulation.objects.count() == 11


def test_derive__rate_columns_before_count_columns_per_100k(tmp_path, norrby):
    text = (
        "Anmälda brott 2023,,,,\n"
        ",Brott per 100 000 invånare,,,\n"
        ",Anmälda brott,Rån,,Anmälda brott\n"
        "Norrby,5000,40,,1500\n"
    )
    summary = statistics_import(path=_file(tmp_path, text))
    assert [p.as_json() for p in summary.populations] == [
        {"area": "Norrby", "year": 2023, "inhabitants": 30000, "saved": True}
    ]
    assert _population("Norrby", 2023).inhabitants == 30000


def test_derive__periods_in_columns_with_antal_and_per_100k_side_by_side(tmp_path, norrby):
    text = (
        "Anmälda brott;;\n;;\n"
        ";2024;2024\n;Helår;Helår\n;/100 000 inv;Antal\n"
        "Stadsdelsområde Norrby (Sthlm);;\n"
        "Totalt antal brott;6000;1800\n"
        "därav rån;100;30\n"
    )
    summary = statistics_import(path=_file(tmp_path, text))
    assert summary.warnings == []
    assert _population("Norrby", 2024).inhabitants == 30000


def test_derive__a_rate_rounded_as_published_is_not_a_disagreement(tmp_path, norrby):
    # 13 per 0.4 per 1 000 is 32 500, but 0.4 may be anything from 0.35 to 0.45: it agrees with 30 000.
    text = "Anmälda brott 2022,,,,,\n,Anmälda brott,Rån,,Brott per 1 000 invånare,\n,,,,Anmälda brott,Rån\n"
    text += "Norrby,1500,13,,50.0,0.4\n"
    summary = statistics_import(path=_file(tmp_path, text))
    assert summary.warnings == []
    assert _population("Norrby", 2022).inhabitants == 30000  # from the larger count, the total


def test_derive__disagreeing_figures_are_reported_and_not_saved(tmp_path, norrby):
    text = "Anmälda brott 2022,,,,,\n,Anmälda brott,Stöld,,Brott per 1 000 invånare,\n,,,,Anmälda brott,Stöld\n"
    text += "Norrby,1500,900,,50.0,20.0\n"  # 30 000 against 45 000 inhabitants
    summary = statistics_import(path=_file(tmp_path, text))
    assert not AreaPopulation.objects.exists()
    [warning] = [w for w in summary.warnings if "Norrby" in w]
    assert "sparades inte" in warning and "30\u00a0000" in warning and "45\u00a0000" in warning
    assert summary.rows == 4  # the statistics themselves are kept


def test_derive__count_without_rate_gives_nothing(tmp_path, norrby):
    text = "Anmälda brott 2022,,,\n,Anmälda brott,,Brott per 1 000 invånare\n,,,Rån\nNorrby,1500,,0.4\n"
    summary = statistics_import(path=_file(tmp_path, text))
    assert summary.populations == [] and not AreaPopulation.objects.exists()


def test_derive__an_entered_figure_is_kept_and_a_large_difference_is_said(tmp_path, norrby):
    population_enter(actor=user_with_role(Role.COORDINATOR), area=norrby, year=2023, inhabitants=35000)
    text = "Anmälda brott 2023,,,\n,Anmälda brott,,Brott per 1 000 invånare\n,,,Anmälda brott\nNorrby,1500,,50\n"
    summary = statistics_import(path=_file(tmp_path, text))
    population = _population("Norrby", 2023)
    assert (population.inhabitants, population.source) == (35000, PopulationSource.ENTERED)
    assert summary.as_json()["populations"] == [{"area": "Norrby", "year": 2023, "inhabitants": 30000, "saved": False}]
    assert any("35\u00a0000" in w and "behålls" in w for w in summary.warnings)


def test_derive__an_importer_who_may_not_keep_populations_derives_none(tmp_path, norrby):
    text = "Anmälda brott 2023,,,\n,Anmälda brott,,Brott per 1 000 invånare\n,,,Anmälda brott\nNorrby,1500,,50\n"
    statistics_import(path=_file(tmp_path, text))
    AreaPopulation.objects.all().delete()
    result = populations_derive(actor=user_with_role(Role.MEMBER), area_ids=[norrby.pk])
    assert result.populations == [] and result.warnings
    assert not AreaPopulation.objects.exists()
