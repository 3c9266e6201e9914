"""Rates per 1 000 inhabitants in the prioritisation table: where an area's population is known (the
period's year or the nearest of the five years before, stated), "–" with the reason otherwise; sorted
with unknown rates last; in the CSV and XLSX; the ranking's "highest" on rates only when every area
has one."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tryggsam.places.models import AreaPopulation, PopulationSource
from tryggsam.priorities.selectors import priority_table, sorted_rows

from .conftest import PERIOD


def _population(area, year, inhabitants, source=PopulationSource.ENTERED, derived_from=""):
    return AreaPopulation.objects.create(
        area=area, year=year, inhabitants=inhabitants, source=source, derived_from=derived_from
    )


def _rows(user, fx):
    return {row.name: row for row in priority_table(user, fx.council, PERIOD).rows}


def test_rate__count_per_1000_of_the_periods_year(fx):
    _population(fx.torgby, 2025, 5500)
    _population(fx.torgby, 2024, 1)  # another year: not used
    torgby = _rows(fx.member_a, fx)["Torgby"]
    assert torgby.count == 11
    assert torgby.rate == pytest.approx(11 * 1000 / 5500)
    assert torgby.population is not None and torgby.population.year == 2025
    assert "2025" in torgby.rate_note and "inskrivet" in torgby.rate_note


def test_rate__nearest_earlier_year_is_used_and_stated(fx):
    _population(fx.angsby, 2022, 2000, PopulationSource.DERIVED, "arsbok.csv, Anmälda brott 2022")
    _population(fx.angsby, 2026, 9999)  # a later year never stands for an earlier one
    angsby = _rows(fx.member_a, fx)["Ängsby"]
    assert angsby.rate == pytest.approx(1 * 1000 / 2000)
    assert "2022" in angsby.rate_note and "härlett ur statistik arsbok.csv" in angsby.rate_note


def test_rate__too_old_or_missing_population_gives_no_rate_and_says_why(fx):
    _population(fx.angsby, 2019, 2000)  # six years before 2025
    rows = _rows(fx.member_a, fx)
    assert rows["Ängsby"].rate is None and rows["Torgby"].rate is None
    assert "ingen befolkning" in rows["Ängsby"].rate_note


def test_rate__sort_puts_unknown_rates_last_in_either_order(fx):
    _population(fx.torgby, 2025, 11000)  # 1.0 per 1 000
    _population(fx.angsby, 2025, 250)  # 4.0 per 1 000
    data = priority_table(fx.member_a, fx.council, PERIOD)
    down = [r.name for r in sorted_rows(data, "per-1000", "fallande")]
    up = [r.name for r in sorted_rows(data, "per-1000", "stigande")]
    assert down == ["Ängsby", "Torgby", "Söderort prov"]
    assert up == ["Torgby", "Ängsby", "Söderort prov"]


def test_rate__ranking_weighs_rates_only_when_every_area_has_one(fx):
    _population(fx.torgby, 2025, 11000)  # 1.0 per 1 000, but the highest count
    _population(fx.angsby, 2025, 250)  # 4.0 per 1 000
    partial = _rows(fx.member_a, fx)
    assert any("högst antal händelser bland" in r for r in partial["Söderort prov"].reasons)
    assert not any("per 1 000" in r for row in partial.values() for r in row.reasons)
    _population(fx.district_area, 2025, 30000)  # 12 / 30 000 = 0.4 per 1 000
    complete = _rows(fx.member_a, fx)
    assert any("per 1 000 invånare" in r for r in complete["Ängsby"].reasons)
    assert not any("högst antal" in r for r in complete["Söderort prov"].reasons)


def test_rate__restricted_counts_stay_out_of_the_rate_of_those_who_may_not_count_them(fx):
    _population(fx.torgby, 2025, 1000)
    assert _rows(fx.member_a, fx)["Torgby"].rate == pytest.approx(11.0)
    assert _rows(fx.member_b, fx)["Torgby"].rate == pytest.approx(10.0)


def test_page__shows_the_rate_column_and_the_reason_for_a_dash(client, fx):
    _population(fx.torgby, 2025, 5500)
    client.force_login(fx.member_a)
    url = reverse("priorities:table", args=[fx.council.pk])
    page = client.get(url, {"period": PERIOD.key, "sortera": "per-1000", "ordning": "fallande"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Per 1 000 invånare" in text
    assert "2,00" in text or "2.00" in text  # 11 / 5 500 × 1 000
    assert "ingen befolkning känd" in text
    assert "Ingen befolkning är känd för rådets områden" not in text


def test_page__without_any_population_says_so(client, fx):
    client.force_login(fx.member_a)
    page = client.get(reverse("priorities:table", args=[fx.council.pk]), {"period": PERIOD.key})
    assert "Ingen befolkning är känd för rådets områden" in page.content.decode()


def test_export__csv_holds_rate_population_and_source_in_the_pages_order(client, fx):
    _population(fx.torgby, 2025, 5500)
    client.force_login(fx.member_a)
    url = reverse("priorities:table_csv", args=[fx.council.pk])
    response = client.get(url, {"period": PERIOD.key, "sortera": "per-1000", "ordning": "fallande"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[:7] == [
        "Område",
        "Nivå",
        "Antal händelser",
        "Per 1 000 invånare",
        "Befolkning",
        "Befolkningens år",
        "Befolkning: källa eller varför den saknas",
    ]
    first = lines[1].split(";")
    assert first[0] == "Torgby" and first[2] == "11" and first[3] == "2,0" and first[4] == "5500"
    assert first[5] == "2025" and "inskrivet" in first[6]
    assert lines[2].split(";")[3] == ""  # no rate: empty cell, the reason beside it
    assert "ingen befolkning" in lines[2].split(";")[6]


def test_export__xlsx_holds_the_rate_as_a_number(client, fx):
    _population(fx.torgby, 2025, 5500)
    client.force_login(fx.member_a)
    response = client.get(reverse("priorities:table_xlsx", args=[fx.council.pk]), {"period": PERIOD.key})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Torgby"][3] == pytest.approx(2.0)
    assert rows["Ängsby"][3] is None


@pytest.mark.parametrize("query", [{"period": "2025-K9"}, {"sortera": "hemligt"}, {"ordning": "upp"}])
def test_export__bad_period_or_sort_is_a_swedish_400(client, fx, query):
    client.force_login(fx.member_a)
    response = client.get(reverse("priorities:table_csv", args=[fx.council.pk]), query)
    assert response.status_code == 400
    assert "Felaktig förfrågan" in response.content.decode()


def test_export__visitor_goes_to_login(client, fx):
    response = client.get(reverse("priorities:table_csv", args=[fx.council.pk]))
    assert response.status_code == 302
