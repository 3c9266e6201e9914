"""Synthetic panels with a known effect, to check that the estimate's intervals mean what they say
(`bench/effect_simulation.py` prints the figures; a unit test runs a small version). No Django inside.

Each dataset: one treated area and `comparisons` comparison areas, `before` and `after` periods (months).
An area's mean per period is its level (drawn log-uniformly from `mean` / `spread` to `mean` · `spread`:
the comparison areas suggested are those of a similar level) times a
common seasonal wave and a common drift (the same for every area, as the model assumes), times the true
rate ratio in the treated area after the start. Counts are negative binomial with that mean and
variance mean + mean² / `shape` (smaller `shape`, more overdispersion; Poisson as `shape` → ∞).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tryggsam.effects.estimate import Verdict, did_estimate


@dataclass(frozen=True)
class Scenario:
    rate_ratio: float = 0.7
    comparisons: int = 6
    before: int = 12
    after: int = 12
    mean: float = 8.0
    shape: float = 4.0
    spread: float = 1.3


@dataclass(frozen=True)
class Result:
    datasets: int
    with_number: int  # datasets that got an interval (the others: "cannot tell", no number)
    covered: int  # intervals containing the true rate ratio
    alarms: int  # verdicts "decreased" or "increased"

    @property
    def coverage(self) -> float:
        return self.covered / self.with_number if self.with_number else math.nan

    @property
    def alarm_rate(self) -> float:
        return self.alarms / self.datasets if self.datasets else math.nan


def panel(rng: np.random.Generator, scenario: Scenario) -> tuple[np.ndarray, list[bool], list[bool]]:
    units = 1 + scenario.comparisons
    periods = scenario.before + scenario.after
    spread = math.log(scenario.spread)
    levels = scenario.mean * np.exp(rng.uniform(-spread, spread, size=units))
    season = 1 + 0.3 * np.sin(2 * math.pi * (np.arange(periods) + rng.uniform(0, 12)) / 12)
    drift = np.exp(rng.normal(0, 0.01) * np.arange(periods))
    mu = levels[:, None] * (season * drift)[None, :]
    mu[0, scenario.before :] *= scenario.rate_ratio
    # numpy's negative binomial: n = shape, p = shape / (shape + mu) gives mean mu, variance mu + mu²/shape.
    counts = rng.negative_binomial(scenario.shape, scenario.shape / (scenario.shape + mu))
    treated = [True] + [False] * scenario.comparisons
    after = [False] * scenario.before + [True] * scenario.after
    return counts, treated, after


def run(scenario: Scenario, *, datasets: int, seed: int) -> Result:
    rng = np.random.default_rng(seed)
    with_number = covered = alarms = 0
    for _ in range(datasets):
        estimate = did_estimate(*panel(rng, scenario))
        if estimate.has_number:
            with_number += 1
            covered += estimate.covers(scenario.rate_ratio)
        alarms += estimate.verdict in (Verdict.DECREASED, Verdict.INCREASED)
    return Result(datasets=datasets, with_number=with_number, covered=covered, alarms=alarms)
