"""A small version of bench/effect_simulation.py: over simulated negative-binomial panels with a known
effect, the 95 % intervals hold the true rate ratio about 95 % of the time and with no effect the
verdict says "decreased"/"increased" at most about 5 % of the time. The tolerances are those of a
few hundred datasets (a binomial standard error of about 1.3 points); a naive Poisson standard error
(no allowance for overdispersion) gives some 75 % coverage and fails them, which the second test
checks."""

from __future__ import annotations

from tryggsam.effects import estimate
from tryggsam.effects.simulation import Scenario, run

DATASETS = 250
SEED = 20261206


def _figures() -> tuple[float, float]:
    effect = run(Scenario(rate_ratio=0.7), datasets=DATASETS, seed=SEED)
    null = run(Scenario(rate_ratio=1.0), datasets=DATASETS, seed=SEED + 1)
    return effect.coverage, null.alarm_rate


def _calibrated(coverage: float, alarm_rate: float) -> bool:
    return 0.91 <= coverage <= 0.99 and alarm_rate <= 0.08


def test_simulation__intervals_cover_and_false_alarms_are_rare():
    coverage, alarm_rate = _figures()
    assert _calibrated(coverage, alarm_rate), (coverage, alarm_rate)


def test_simulation__naive_poisson_errors_fail_the_check(monkeypatch):
    # Plain Poisson standard errors: no negative-binomial alpha, no Pearson scale.
    monkeypatch.setattr(estimate, "overdispersion", lambda *args: estimate.ALPHA_FLOOR)
    monkeypatch.setattr(estimate, "dispersion", lambda *args: 1.0)
    coverage, alarm_rate = _figures()
    assert not _calibrated(coverage, alarm_rate), (coverage, alarm_rate)
