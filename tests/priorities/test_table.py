import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.factories import ForumFactory
from tryggsam.priorities import table as table_module
from tryggsam.priorities.selectors import priority_table, sorted_rows
from tryggsam.situation import stats

from .conftest import PERIOD


def _rows(user, fx):
    return {row.name: row for row in priority_table(user, fx.council, PERIOD).rows}


def test_table__areas_are_the_council_area_and_its_districts_not_places(fx):
    rows = priority_table(fx.member_a, fx.council, PERIOD).rows
    assert [r.name for r in rows] == ["Söderort prov", "Torgby", "Ängsby"]


def test_table__counts_match_the_hand_count(fx):
    rows = _rows(fx.member_a, fx)
    torgby, angsby, whole = rows["Torgby"], rows["Ängsby"], rows["Söderort prov"]
    assert (torgby.count, torgby.previous.before, torgby.last_year.before) == (11, 2, 1)
    assert torgby.partner_reports == 3
    assert (angsby.count, angsby.previous.before, angsby.last_year.before) == (1, 1, 0)
    assert (whole.count, whole.previous.before, whole.last_year.before) == (12, 3, 1)
    # Problems: Torgby has the place's open problem (no measure) and the restricted one A may read.
    assert (torgby.open_problems, torgby.open_measures, torgby.problems_without_measure) == (2, 0, 2)
    assert (angsby.open_problems, angsby.open_measures, angsby.problems_without_measure) == (1, 1, 0)
    assert (whole.open_problems, whole.open_measures, whole.problems_without_measure) == (3, 1, 2)


def test_table__no_population_so_no_rates(fx):
    data = priority_table(fx.member_a, fx.council, PERIOD)
    assert data.population_known is False
    assert all(row.rate is None for row in data.rows)


def test_table__survey_shows_the_latest_year_up_to_the_period(fx):
    surveys = _rows(fx.member_a, fx)["Torgby"].surveys
    assert [(s.year, s.share) for s in surveys] == [(2025, 27.5)]


def test_table__p_values_are_the_pictures_exact_test_over_the_periods_days(fx):
    assert table_module.poisson_change_p_value is stats.poisson_change_p_value  # reused, not copied
    torgby = _rows(fx.member_a, fx)["Torgby"]
    previous, last_year = PERIOD.previous(), PERIOD.same_last_year()
    assert torgby.previous.p_value == stats.poisson_change_p_value(2, 11, previous.days, PERIOD.days)
    assert torgby.last_year.p_value == stats.poisson_change_p_value(1, 11, last_year.days, PERIOD.days)
    assert torgby.previous.significant and torgby.last_year.significant
    assert not _rows(fx.member_a, fx)["Ängsby"].previous.significant


def test_table__a_member_of_another_organisation_gets_no_restricted_counts(fx):
    rows = _rows(fx.member_b, fx)
    assert rows["Torgby"].count == 10  # the restricted incident of A is not counted
    assert rows["Söderort prov"].count == 11
    assert rows["Torgby"].open_problems == 1  # nor A's restricted problem


def test_table__anonymous_and_non_council_are_refused(fx):
    with pytest.raises(PermissionDenied):
        priority_table(AnonymousUser(), fx.council, PERIOD)
    with pytest.raises(PermissionDenied):
        priority_table(fx.member_a, ForumFactory(name="En platssamverkan"), PERIOD)


def test_ranking__reasons_and_order(fx):
    rows = _rows(fx.member_a, fx)
    torgby = rows["Torgby"]
    reasons = " | ".join(torgby.reasons)
    assert "ökning mot föregående tertial (2 → 11" in reasons
    assert "ökning mot samma tertial föregående år (1 → 11" in reasons
    assert "öppna problem utan pågående åtgärd (2)" in reasons
    assert "partnerrapporter under perioden (3)" in reasons
    assert torgby.score == 3 + 2 + 2 + 1
    # The district area has the highest count (all of its districts): 2 points for that.
    assert any(r.startswith("högst antal") for r in rows["Söderort prov"].reasons)
    assert not any(r.startswith("högst antal") for r in torgby.reasons)
    assert rows["Ängsby"].reasons == [] and rows["Ängsby"].score == 0
    assert rows["Ängsby"].suggested_rank == 3
    assert {rows["Torgby"].suggested_rank, rows["Söderort prov"].suggested_rank} == {1, 2}


def test_sorted_rows__by_column_and_order(fx):
    data = priority_table(fx.member_a, fx.council, PERIOD)
    assert [r.name for r in sorted_rows(data, "antal", "fallande")] == ["Söderort prov", "Torgby", "Ängsby"]
    assert [r.name for r in sorted_rows(data, "antal", "stigande")] == ["Ängsby", "Torgby", "Söderort prov"]
    assert sorted_rows(data, "omrade", "fallande")[0].name == "Ängsby"


def _row(before, after, *, without=0, partner=0):
    p = stats.poisson_change_p_value(before, after, 120, 123)
    return table_module.AreaRow(
        area_id=1, name="Prov", level="district", level_label="Stadsdel", count=after, rate=None,
        previous=table_module.Change(before, p, after), last_year=table_module.Change(after, 1.0, after),
        partner_reports=partner, open_problems=without, open_measures=0, problems_without_measure=without,
        surveys=[],
    )  # fmt: skip


def test_ranking__an_increase_the_test_cannot_tell_from_chance_gives_no_points():
    from tryggsam.priorities.ranking import reasons_for

    assert reasons_for(_row(5, 8), highest=100, period_name="tertial") == []
    points = reasons_for(_row(5, 30), highest=100, period_name="tertial")
    assert [p for p, _r in points] == [3] and "p < 0,001" in points[0][1]
    decrease = reasons_for(_row(30, 5), highest=100, period_name="tertial")
    assert [p for p, _r in decrease] == [-1] and decrease[0][1].startswith("minskning mot föregående tertial")
