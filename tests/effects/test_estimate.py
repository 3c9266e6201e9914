"""The estimate on panels whose effect is known (no database)."""

from __future__ import annotations

import numpy as np
import pytest

from tryggsam.effects import estimate
from tryggsam.effects.estimate import Reason, Verdict, did_estimate
from tryggsam.effects.simulation import Scenario, panel


def _panel(rate_ratio: float, *, mean: float = 30.0, seed: int = 4):
    return panel(np.random.default_rng(seed), Scenario(rate_ratio=rate_ratio, mean=mean, shape=8.0))


def test_did_estimate__large_drop_is_a_decrease_whose_interval_holds_it():
    result = did_estimate(*_panel(0.4))
    assert result.verdict == Verdict.DECREASED
    assert result.high < 1 and result.covers(0.4)
    assert result.percent_change == pytest.approx(100 * (result.rate_ratio - 1))


def test_did_estimate__large_rise_is_an_increase_whose_interval_holds_it():
    result = did_estimate(*_panel(2.5))
    assert result.verdict == Verdict.INCREASED
    assert result.low > 1 and result.covers(2.5)


def test_did_estimate__no_effect_gives_a_number_but_cannot_tell():
    result = did_estimate(*_panel(1.0, seed=2))
    assert result.verdict == Verdict.CANNOT_TELL and result.reason == Reason.NO_CLEAR_CHANGE
    assert result.has_number and result.low < 1 < result.high


def test_did_estimate__too_few_in_the_treated_area_gives_no_number():
    counts, treated, after = _panel(0.5)
    counts[0] = [1, 0, 0, 1, 0, 0, 2, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0]  # 6 before, 2 after
    result = did_estimate(counts, treated, after)
    assert result.verdict == Verdict.CANNOT_TELL and result.reason == Reason.TOO_FEW
    assert not result.has_number and result.percent_change is None and result.low is None


def test_did_estimate__nothing_after_in_the_treated_area_gives_no_number():
    counts, treated, after = _panel(0.5)
    counts[0][12:] = 0
    assert did_estimate(counts, treated, after).reason == Reason.TOO_FEW


def test_did_estimate__empty_comparisons_give_no_number():
    counts, treated, after = _panel(0.5)
    counts[1:] = 0
    assert did_estimate(counts, treated, after).reason == Reason.NO_COMPARISON


def test_did_estimate__one_period_after_gives_no_number():
    counts, treated, after = _panel(0.5)
    assert did_estimate(counts[:, :13], treated, after[:13]).reason == Reason.NO_PERIODS


def test_did_estimate__wide_interval_gives_no_number():
    # Few events, very noisy: the interval would run over more than a factor MAX_WIDTH.
    counts = [[10, 0, 0, 1, 2, 0], [0, 9, 0, 0, 0, 15], [8, 0, 3, 0, 12, 0]]
    result = did_estimate(counts, [True, False, False], [False, False, False, True, True, True])
    assert result.verdict == Verdict.CANNOT_TELL and not result.has_number


@pytest.mark.parametrize("counts", [[[1, 2], [3]], [[-1, 2, 3, 4], [1, 2, 3, 4]], [[float("nan")] * 4] * 2])
def test_did_estimate__malformed_counts_are_refused(counts):
    with pytest.raises(ValueError):
        did_estimate(counts, [True, False], [False, False, True, True])


def test_similarity__prefers_the_same_level_and_trend():
    treated = [10, 11, 12, 13, 14, 15]
    assert estimate.similarity(treated, [11, 12, 13, 14, 15, 16]) < estimate.similarity(treated, [40] * 6)
    assert estimate.similarity(treated, [11, 12, 13, 14, 15, 16]) < estimate.similarity(
        treated, [16, 15, 14, 13, 12, 11]
    )
