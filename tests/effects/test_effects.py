"""The effect of a measure read from the roll-ups: verdicts, comparison areas, displacement, policy,
audited writes and the pages."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import AreaFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.effects import selectors
from tryggsam.effects.estimate import Verdict, did_estimate
from tryggsam.effects.freshness import counts_version
from tryggsam.effects.models import EffectStudy, Granularity
from tryggsam.effects.panel import add_months, periods_of
from tryggsam.effects.selectors import effect_of, neighbours_of
from tryggsam.effects.services import effect_study_save
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.models import IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel

BEFORE, AFTER = 12, 6


def _box(name: str, x0: float, level: str = AreaLevel.DISTRICT, parent=None):
    x1, y0, y1 = x0 + 0.01, 59.3, 59.31
    polygon = {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}
    return AreaFactory(
        name=name,
        level=level,
        parent=parent,
        geometry=json.dumps(polygon),
        min_lon=x0,
        max_lon=x1,
        min_lat=y0,
        max_lat=y1,
        centroid_lat=59.305,
        centroid_lon=x0 + 0.005,
    )


@pytest.fixture
def start() -> dt.date:
    return add_months(timezone.localdate(), -(AFTER + 1)).replace(day=5)


@pytest.fixture
def places(db):
    treated = _box("Torgstaden", 18.00)
    return {
        "treated": treated,
        "neighbour": _box("Grannbyn", 18.01),  # shares the eastern edge
        "far": [_box(f"Jämförby {i}", 18.10 + 0.05 * i) for i in range(4)],
        "child": _box("Torget", 18.002, level=AreaLevel.PLACE, parent=treated),
    }


def _add(area, counts: list[int], start: dt.date, category, **extra) -> None:
    rows = []
    for k, n in zip(range(-BEFORE, len(counts) - BEFORE), counts, strict=True):
        moment = timezone.make_aware(dt.datetime.combine(add_months(start, k) + dt.timedelta(days=3), dt.time(20)))
        rows += [IncidentRow(occurred_at=moment, category_ids=(category.pk,), district_id=area.pk, **extra)] * n
    import_incident_rows(rows, source=IncidentSource.PARTNER_REPORT)


def _wobble(level: int, periods: int) -> list[int]:
    return [level + (1 if k % 3 == 0 else -1 if k % 3 == 1 else 0) for k in range(periods)]


@pytest.fixture
def study(measure, places, start, coordinator):
    youths = ensure_default_categories()["youths"]
    measure.problem.area = places["treated"]
    measure.problem.categories = ["youths"]
    measure.problem.save()
    measure.start_date = start
    measure.save()
    _add(places["treated"], _wobble(20, BEFORE) + _wobble(8, AFTER), start, youths)
    _add(places["neighbour"], _wobble(20, BEFORE) + _wobble(40, AFTER), start, youths)
    for i, area in enumerate(places["far"]):
        _add(area, _wobble(18 + 2 * i, BEFORE + AFTER), start, youths)
    return effect_study_save(actor=coordinator, measure=measure, comparison_areas=places["far"][:3])


def test_periods_of__months_run_from_the_start_and_only_whole_ones_count():
    periods = periods_of(
        dt.date(2026, 1, 31), None, before=2, after=5, granularity=Granularity.MONTH, today=dt.date(2026, 4, 30)
    )
    assert [(p.first, p.last, p.after) for p in periods] == [
        (dt.date(2025, 11, 30), dt.date(2025, 12, 30), False),
        (dt.date(2025, 12, 31), dt.date(2026, 1, 30), False),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), True),
        (dt.date(2026, 2, 28), dt.date(2026, 3, 30), True),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 29), True),  # ends the day before today: whole
    ]
    weeks = periods_of(
        dt.date(2026, 3, 2), dt.date(2026, 3, 20), before=2, after=9, granularity="week", today=dt.date(2026, 6, 1)
    )
    assert [p.first for p in weeks if p.after] == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]


def test_effect_of__a_clear_drop_in_the_treated_area_is_minskade(study, coordinator, places):
    result = effect_of(coordinator, study.measure)
    assert result is not None and result.verdict == "minskade"
    assert result.estimate.verdict == Verdict.DECREASED and result.estimate.covers(0.4)
    treated = next(r for r in result.rows if r.part == "treated")
    assert (treated.before, treated.after) == (240, 48)
    assert result.comparison_areas == [a.name for a in places["far"][:3]] and not result.comparisons_suggested
    assert "minskade med" in result.explanation and "95 % konfidensintervall" in result.explanation


def test_effect_of__a_rise_next_door_suggests_displacement(study, coordinator):
    result = effect_of(coordinator, study.measure)
    assert result.neighbours == ["Grannbyn"]
    assert result.displacement.verdict == Verdict.INCREASED and result.displacement_verdict == "ökade"
    assert "flyttat" in result.displacement_explanation


def test_neighbours_of__touching_areas_of_the_same_level_not_sub_areas(places):
    assert list(neighbours_of(places["treated"])) == [places["neighbour"]]


def test_effect_of__suggested_comparisons_are_alike_and_not_neighbours_or_sub_areas(study, coordinator, places):
    effect_study_save(actor=coordinator, measure=study.measure, comparison_areas=[])
    result = effect_of(coordinator, study.measure)
    assert result.comparisons_suggested
    assert set(result.comparison_areas) == {a.name for a in places["far"]}
    assert result.verdict == "minskade"


def test_effect_of__too_few_incidents_is_kan_inte_avgoras_without_a_number(measure, places, start, coordinator, client):
    youths = ensure_default_categories()["youths"]
    measure.problem.area = places["treated"]
    measure.problem.save()
    measure.start_date = start
    measure.save()
    _add(places["treated"], [1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0], start, youths)
    for area in places["far"]:
        _add(area, _wobble(18, BEFORE + AFTER), start, youths)
    effect_study_save(actor=coordinator, measure=measure, comparison_areas=places["far"], categories=[youths])
    result = effect_of(coordinator, measure)
    assert result.verdict == "kan inte avgöras" and not result.estimate.has_number
    assert "För få händelser" in result.explanation and "%" not in result.explanation
    client.force_login(coordinator)
    page = client.get(reverse("effects:study", args=[measure.pk])).content.decode()
    assert "kan inte avgöras" in page and "konfidensintervall:" not in page


def test_effect_of__restricted_incidents_count_only_for_their_organisation(
    study, coordinator, places, start, police, police_member
):
    youths = ensure_default_categories()["youths"]
    _add(places["treated"], [5] * BEFORE, start, youths, classification=Classification.RESTRICTED,
         owner_organisation_id=police.pk)  # fmt: skip
    reader = user_with_role(Role.READER, study.measure.problem.owner_organisation)
    mine = next(r for r in effect_of(police_member, study.measure).rows if r.part == "treated")
    theirs = next(r for r in effect_of(reader, study.measure).rows if r.part == "treated")
    assert (mine.before, theirs.before) == (300, 240)


def test_effect_of__the_public_and_those_without_membership_get_nothing(study, client):
    assert effect_of(AnonymousUser(), study.measure) is None
    study.measure.classification = Classification.OPEN
    study.measure.problem.classification = Classification.OPEN
    study.measure.problem.save()
    study.measure.save()
    assert effect_of(AnonymousUser(), study.measure) is None
    response = client.get(reverse("effects:study", args=[study.measure.pk]))
    assert (response.status_code == 302 and "/konto/" in response.url) or "login" in response.url
    public_page = client.get(reverse("casework:measure_detail", args=[study.measure.pk])).content.decode()
    assert "Händelser före och efter starten" not in public_page


def test_effect_of__no_study_and_no_start_date(measure, coordinator, places):
    assert effect_of(coordinator, measure) is None
    measure.problem.area = places["treated"]
    measure.problem.save()
    effect_study_save(actor=coordinator, measure=measure)
    result = effect_of(coordinator, measure)
    assert result.verdict == "kan inte avgöras" and result.estimate is None and "startdatum" in result.explanation


def test_effect_study_save__audited_and_refused_for_readers(measure, coordinator, places):
    before = AuditEvent.objects.count()
    study = effect_study_save(actor=coordinator, measure=measure, comparison_areas=places["far"][:2], after_periods=6)
    assert AuditEvent.objects.count() > before
    reader = user_with_role(Role.READER, measure.problem.owner_organisation)
    with pytest.raises(PermissionDeniedError):
        effect_study_save(actor=reader, measure=measure, after_periods=3)
    study.refresh_from_db()
    assert study.after_periods == 6 and study.comparison_areas.count() == 2


def test_effect_study_save__overlapping_comparison_or_bad_windows_change_nothing(measure, coordinator, places):
    measure.problem.area = places["treated"]
    measure.problem.save()
    with pytest.raises(ServiceError, match="jämförelseområde"):
        effect_study_save(actor=coordinator, measure=measure, comparison_areas=[places["child"]])
    with pytest.raises(ServiceError, match="mellan 2 och"):
        effect_study_save(actor=coordinator, measure=measure, before_periods=1)
    with pytest.raises(ServiceError, match="periodlängd"):
        effect_study_save(actor=coordinator, measure=measure, granularity="year")
    assert not EffectStudy.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"granularity": "decade", "before_periods": "12", "after_periods": "12"},
        {"granularity": "month", "before_periods": "-1e999", "after_periods": "12"},
        {"granularity": "month", "before_periods": "12", "after_periods": "99999999999999999999999"},
        {
            "granularity": "month",
            "before_periods": "12",
            "after_periods": "12",
            "comparison_areas": ["-99999999999999999999"],
        },
        {"granularity": "month", "before_periods": "12", "after_periods": "12", "categories": ["x' OR 1=1"]},
    ],
)
def test_study_edit__hostile_input_gets_a_swedish_error_and_changes_nothing(measure, coordinator, client, data):
    client.force_login(coordinator)
    response = client.post(reverse("effects:study_edit", args=[measure.pk]), data)
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert not EffectStudy.objects.exists()


def test_study_edit__overlap_is_shown_as_the_services_refusal(measure, coordinator, client, places):
    measure.problem.area = places["treated"]
    measure.problem.save()
    client.force_login(coordinator)
    data = {
        "granularity": "month",
        "before_periods": "12",
        "after_periods": "12",
        "comparison_areas": [places["treated"].pk],
    }
    response = client.post(reverse("effects:study_edit", args=[measure.pk]), data)
    assert response.status_code == 200 and "Ett jämförelseområde får inte" in response.content.decode()
    assert not EffectStudy.objects.exists()


def test_study_edit__saves_and_the_measure_page_shows_the_effect(study, coordinator, client, places):
    client.force_login(coordinator)
    data = {"granularity": "month", "before_periods": "12", "after_periods": "12",
            "comparison_areas": [a.pk for a in places["far"]]}  # fmt: skip
    response = client.post(reverse("effects:study_edit", args=[study.measure.pk]), data)
    assert response.status_code == 302
    assert study.comparison_areas.count() == 4
    page = client.get(reverse("casework:measure_detail", args=[study.measure.pk])).content.decode()
    assert "Effekt" in page and "minskade" in page and "Grannbyn" in page
    full = client.get(reverse("effects:study", args=[study.measure.pk])).content.decode()
    assert "Händelser per period" in full and "Jämförby 3" in full


# --- the cached result -------------------------------------------------------------------------------


@pytest.fixture
def fits(monkeypatch):
    """A spy on the estimate the result is computed with (two fits a result: effect and displacement)."""
    spy = mock.Mock(wraps=did_estimate)
    monkeypatch.setattr(selectors, "did_estimate", spy)
    cache.clear()
    return spy


def test_effect_of__a_second_view_does_not_refit(study, coordinator, client, fits):
    client.force_login(coordinator)
    url = reverse("effects:study", args=[study.measure.pk])
    first = client.get(url).content.decode()
    computed = fits.call_count
    assert computed > 0
    second = client.get(url).content.decode()
    client.get(reverse("casework:measure_detail", args=[study.measure.pk]))
    assert fits.call_count == computed
    assert "minskade" in first and "minskade" in second


def test_effect_of__a_new_incident_or_a_changed_setting_refits(study, coordinator, places, start, fits):
    youths = ensure_default_categories()["youths"]
    first = effect_of(coordinator, study.measure)
    assert effect_of(coordinator, study.measure) == first and fits.call_count == 2
    _add(places["treated"], [0] * BEFORE + [1], start, youths)  # one more incident after the start
    again = effect_of(coordinator, study.measure)
    assert fits.call_count == 4
    treated = next(r for r in again.rows if r.part == "treated")
    assert treated.after == 49
    effect_study_save(actor=coordinator, measure=study.measure, comparison_areas=places["far"][:3], before_periods=10)
    assert sum(not p.after for p in effect_of(coordinator, study.measure).periods) == 10 and fits.call_count == 6
    effect_study_save(actor=coordinator, measure=study.measure, comparison_areas=places["far"], before_periods=10)
    assert len(effect_of(coordinator, study.measure).comparison_areas) == 4 and fits.call_count == 8
    assert effect_of(coordinator, study.measure) is not None and fits.call_count == 8


def test_effect_of__readers_who_count_differently_do_not_share_a_result(study, police_member, fits):
    reader = user_with_role(Role.READER, study.measure.problem.owner_organisation)
    effect_of(reader, study.measure)
    effect_of(police_member, study.measure)
    assert fits.call_count == 4


def test_counts_change__every_announced_change_of_the_counts_moves_the_version(places, start):
    youths = ensure_default_categories()["youths"]
    version = counts_version()
    _add(places["treated"], [2], start, youths)
    assert counts_version() > version
