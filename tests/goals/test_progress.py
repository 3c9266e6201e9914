"""Goals' progress computed from the data, against values worked out by hand, as each reader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    FocusAreaFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.crimestats.models import CrimeStatistic, StatisticsImport, SurveyResult
from tryggsam.goals import selectors, services
from tryggsam.goals.periods import parse_period, periods_between
from tryggsam.goals.progress import Status, progress_of
from tryggsam.goals.services import Indicator
from tryggsam.goals.stats import poisson_interval, wilson_interval
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 10, 15)


# --- the interval on known cases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "low", "high"),
    # R: poisson.test(k)$conf.int
    [(0, 0.0, 3.688879), (1, 0.02531781, 5.571643), (4, 1.089865, 10.241589), (10, 4.795389, 18.390356)],
)
def test_poisson_interval__matches_r(count, low, high):
    got = poisson_interval(count)
    assert got[0] == pytest.approx(low, abs=1e-5)
    assert got[1] == pytest.approx(high, abs=1e-5)


def test_poisson_interval__matches_the_chi_square_form_for_large_counts():
    scipy_stats = pytest.importorskip("scipy.stats")
    for k in (37, 250, 4000):
        low, high = poisson_interval(k)
        assert low == pytest.approx(scipy_stats.chi2.ppf(0.025, 2 * k) / 2, rel=1e-7)
        assert high == pytest.approx(scipy_stats.chi2.ppf(0.975, 2 * k + 2) / 2, rel=1e-7)


def test_wilson_interval__known_case():
    # 20 of 100: Wilson's interval is 13.34 % to 28.88 %
    low, high = wilson_interval(20, 100)
    assert (round(low, 2), round(high, 2)) == (13.34, 28.88)


def test_periods__quarters_that_have_ended():
    first = parse_period("2026-K1")
    assert [p.code for p in periods_between(first, TODAY)] == ["2026-K1", "2026-K2", "2026-K3"]
    assert parse_period("2026-T2").start == dt.date(2026, 5, 1)
    assert parse_period("2026-T2").end == dt.date(2026, 8, 31)
    assert parse_period("2025-02").end == dt.date(2025, 2, 28)
    assert parse_period("2026-q4").code == "2026-K4"


# --- incidents, as each reader --------------------------------------------------------------------


@pytest.fixture
def place():
    ensure_default_categories()
    organisation = OrganisationFactory(name="Förvaltningen")
    other = OrganisationFactory(name="Bostadsbolaget")
    district_area = AreaFactory(name="Söderort", level=AreaLevel.DISTRICT_AREA)
    district = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=district_area)
    graffiti = IncidentCategory.objects.get(code="graffiti")
    litter = IncidentCategory.objects.get(code="litter")

    def incident(day, category=graffiti, classification="open", owner=None):
        row = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 0))),
            district=district,
            district_area=district_area,
            classification=classification,
            owner_organisation=owner,
        )
        row.categories.add(category)
        add_incidents([(row, [category.pk])])

    for i in range(6):  # 2026-K1: 6 open
        incident(dt.date(2026, 1, 5) + dt.timedelta(days=10 * i))
    for i in range(4):  # 2026-K2: 4 open, and 2 of a category the goal does not count
        incident(dt.date(2026, 4, 3) + dt.timedelta(days=15 * i))
    incident(dt.date(2026, 5, 1), litter)
    incident(dt.date(2026, 5, 2), litter)
    incident(dt.date(2026, 7, 1))  # 2026-K3: 2 open, 1 internal, 1 restricted of the organisation
    incident(dt.date(2026, 8, 1))
    incident(dt.date(2026, 8, 2), classification="internal")
    incident(dt.date(2026, 9, 30), classification="restricted", owner=organisation)
    incident(dt.date(2026, 10, 2))  # 2026-K4 is still running: not counted
    coordinator = user_with_role(Role.COORDINATOR, organisation)
    plan = ActionPlanFactory(owner_organisation=organisation, classification="open", kind="citizen_promise")
    focus_area = FocusAreaFactory(plan=plan, name="Mindre klotter vid torget")
    goal = services.goal_create(
        actor=coordinator,
        focus_area=focus_area,
        spec=Indicator(
            text="Halvera klottret vid torget",
            indicator="incidents",
            categories=[graffiti],
            areas=[district],
            period_kind="quarter",
            baseline_period="2026-K1",
            target_value=2,
            target_date=dt.date(2027, 3, 31),
            direction="lower",
        ),
    )
    return {
        "goal": goal,
        "own": user_with_role(Role.READER, organisation),
        "other": user_with_role(Role.MEMBER, other),
        "coordinator": coordinator,
        "district": district,
        "district_area": district_area,
        "organisation": organisation,
    }


def _values(user, goal):
    return [p.value for p in progress_of(user, goal, today=TODAY).points]


def test_incident_series__counts_per_quarter_as_each_reader(place):
    goal = place["goal"]
    assert _values(place["own"], goal) == [6, 4, 4]  # the restricted incident counts for its organisation
    assert _values(place["other"], goal) == [6, 4, 3]  # ... and not for another's member
    assert _values(AnonymousUser(), goal) == [6, 4, None]  # open only, and 2 is not shown to the public


def test_incident_progress__hand_computed(place):
    progress = progress_of(place["own"], place["goal"], today=TODAY)
    assert progress.baseline == 6 and progress.baseline_from_data
    latest = progress.latest
    assert (latest.label, latest.value) == ("2026-K3", 4)
    assert latest.low == pytest.approx(1.089865, abs=1e-5)
    assert latest.high == pytest.approx(10.241589, abs=1e-5)
    # the path from 6 (end of 2026-03-31) to 2 (2027-03-31), 183 of 365 days in on 2026-09-30
    assert progress.planned == pytest.approx(6 - 4 * 183 / 365)
    # 1.09..10.24 spans the path: the data cannot tell
    assert progress.status == Status.CANNOT_TELL
    assert progress.status_text == "kan inte avgöras"


def test_incident_progress__public_gets_no_status_from_a_hidden_count(place):
    progress = progress_of(AnonymousUser(), place["goal"], today=TODAY)
    assert progress.latest.value is None and progress.latest.low is None
    assert progress.status == Status.HIDDEN


def test_incident_series__no_public_series_for_an_area_the_public_picture_does_not_offer(place):
    small = AreaFactory(name="Torget", level=AreaLevel.PLACE, parent=place["district"])
    goal = place["goal"]
    goal.areas.set([small])
    progress = progress_of(AnonymousUser(), goal, today=TODAY)
    assert progress.points == [] and "logga in" in progress.series.note
    assert progress_of(place["own"], goal, today=TODAY).points  # members get it (zeros)


def test_goal_progress__leaves_out_goals_the_reader_may_not_see(place):
    restricted = ProblemFactory(owner_organisation=place["organisation"], classification="restricted")
    hidden = services.goal_create(
        actor=place["coordinator"],
        problem=restricted,
        spec=Indicator(
            text="Hemligt mål", indicator="manual", baseline_period="2025", baseline_value=3,
            target_value=1, target_date=dt.date(2027, 1, 1), direction="lower",
        ),
    )  # fmt: skip
    got = selectors.goal_progress(place["other"], [place["goal"], hidden])
    assert [p.goal for p in got] == [place["goal"]]
    assert [p.goal for p in selectors.goal_progress(place["own"], [place["goal"], hidden])] == [place["goal"], hidden]
    assert selectors.goal_progress(AnonymousUser(), [hidden]) == []


# --- hand-entered readings: the status against the path -------------------------------------------


@pytest.fixture
def manual_goal():
    organisation = OrganisationFactory()
    coordinator = user_with_role(Role.COORDINATOR, organisation)
    problem = ProblemFactory(owner_organisation=organisation, classification="internal")
    goal = services.goal_create(
        actor=coordinator,
        problem=problem,
        spec=Indicator(
            text="Färre som känner sig otrygga",
            indicator="manual",
            baseline_period="2025",
            baseline_value=50,
            target_value=30,
            target_date=dt.date(2027, 12, 31),
            direction="lower",
            unit="%",
        ),
    )
    return goal, coordinator


@pytest.mark.parametrize(
    ("value", "low", "high", "status", "unknown"),
    [
        (35, 33, 37, Status.ON_TRACK, False),  # the path is at 40 on 2026-12-31
        (45, 44, 46, Status.OFF_TRACK, False),
        (41, 36, 46, Status.CANNOT_TELL, False),
        (29, 28, 30, Status.REACHED, False),
        (35, None, None, Status.ON_TRACK, True),
    ],
)
def test_manual_progress__status(manual_goal, value, low, high, status, unknown):
    goal, coordinator = manual_goal
    services.reading_add(actor=coordinator, goal=goal, date=dt.date(2026, 12, 31), value=value, low=low, high=high)
    progress = progress_of(coordinator, goal)
    assert progress.planned == pytest.approx(40.0, abs=0.03)
    assert progress.status == status
    assert ("Osäkerheten är okänd" in progress.reason) is unknown


def test_manual_progress__no_readings(manual_goal):
    goal, coordinator = manual_goal
    progress = progress_of(coordinator, goal)
    assert progress.status == Status.NO_DATA and progress.latest is None


# --- published data ----------------------------------------------------------------------------


def test_survey_and_statistics_series__from_published_data_without_invented_intervals(manual_goal):
    goal, coordinator = manual_goal
    area = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT)
    source = StatisticsImport.objects.create(file_name="matning.csv", sha256="x" * 64, source="Egen mätning")
    for year, share in ((2024, 30.0), (2025, 28.0), (2026, 22.0)):
        SurveyResult.objects.create(
            area=area, area_name="Torgby", year=year, question="Otrygg ute sent", share=share, source_import=source
        )
        CrimeStatistic.objects.create(
            area=area, area_name="Torgby", period=str(year), period_start=dt.date(year, 1, 1), category="Rån",
            measure="count", value=share / 2, source_import=source,
        )  # fmt: skip
    survey = services.goal_update(
        actor=coordinator,
        goal=goal,
        spec=Indicator(
            text="Färre otrygga", indicator="survey", area=area, survey_question="Otrygg ute sent",
            baseline_period="2025", target_value=20, target_date=dt.date(2027, 12, 31), direction="lower",
        ),
    )  # fmt: skip
    progress = progress_of(coordinator, survey)
    assert [(p.label, p.value) for p in progress.points] == [("2025", 28.0), ("2026", 22.0)]
    assert progress.baseline == 28.0 and progress.baseline_from_data
    assert progress.latest.low is None and "osäkerhet okänd" in progress.series.uncertainty
    assert progress.status == Status.ON_TRACK and "Osäkerheten är okänd" in progress.reason
    statistic = services.goal_update(
        actor=coordinator,
        goal=goal,
        spec=Indicator(
            text="Färre rån", indicator="statistic", area=area, statistic_category="Rån", statistic_measure="count",
            baseline_period="2024", target_value=5, target_date=dt.date(2028, 12, 31), direction="lower",
        ),
    )  # fmt: skip
    progress = progress_of(coordinator, statistic)
    assert [p.value for p in progress.points] == [15.0, 14.0, 11.0]
    assert progress.latest.low is None


def test_incident_progress__an_entered_baseline_is_never_shown_in_place_of_the_count(place):
    goal = place["goal"]
    goal.baseline_value = 2
    goal.save()
    goal.areas.set([AreaFactory(name="Torget", level=AreaLevel.PLACE, parent=place["district"])])
    progress = progress_of(AnonymousUser(), goal, today=TODAY)
    assert progress.baseline is None and progress.status == Status.NO_DATA


def test_statistic_per_100k__computed_from_counts_and_the_population_where_the_statistics_state_no_rate(
    manual_goal,
):
    from tryggsam.places.models import AreaPopulation

    goal, coordinator = manual_goal
    area = AreaFactory(name="Bruksby", level=AreaLevel.DISTRICT)
    source = StatisticsImport.objects.create(file_name="antal.csv", sha256="y" * 64, source="Egen räkning")
    for year, count in ((2024, 40.0), (2025, 30.0), (2026, 24.0)):
        CrimeStatistic.objects.create(
            area=area, area_name="Bruksby", period=str(year), period_start=dt.date(year, 1, 1), category="Rån",
            measure="count", value=count, source_import=source,
        )  # fmt: skip
    # 2026 states its own rate, which is used as stated; 2024 has no population within reach.
    CrimeStatistic.objects.create(
        area=area, area_name="Bruksby", period="2026", period_start=dt.date(2026, 1, 1), category="Rån",
        measure="per_100k", value=99.0, source_import=source,
    )  # fmt: skip
    AreaPopulation.objects.create(area=area, year=2025, inhabitants=20_000, source="entered")
    statistic = services.goal_update(
        actor=coordinator,
        goal=goal,
        spec=Indicator(
            text="Färre rån per invånare", indicator="statistic", area=area, statistic_category="Rån",
            statistic_measure="per_100k", baseline_period="2024", target_value=80, target_date=dt.date(2028, 12, 31),
            direction="lower",
        ),
    )  # fmt: skip
    progress = progress_of(coordinator, statistic)
    assert [(p.label, p.value) for p in progress.points] == [("2025", 150.0), ("2026", 99.0)]
    assert "befolkningen 2025" in progress.points[0].source
