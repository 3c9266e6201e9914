"""The uncertainty of an indicator's value.

- A count of incidents in a period is read as Poisson: its exact (Garwood) 95 % interval is where
  the observed count is not in the 2.5 % tail, found by bisection on the Poisson distribution
  function (summed in log space over the terms that matter). R's `poisson.test(10)` gives 4.795389 to
  18.390356; `tests/goals/test_stats.py` checks that and scipy's chi-square form.
- A share of n respondents has a Wilson score interval; the survey import does not keep n, so a survey
  share has none ("osäkerhet okänd"), and the function is used for readings that give n.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054


def _log_poisson_pmf(k: int, mean: float) -> float:
    return -mean + k * math.log(mean) - math.lgamma(k + 1)


def _poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean), summed in log space over the terms that matter: those more than
    some 12 standard deviations below the larger of k and the mode are under e^-70 of it."""
    if k < 0:
        return 0.0
    first = max(0, min(k, int(mean)) - int(12 * math.sqrt(mean + 1)) - 20)
    logs = [_log_poisson_pmf(i, mean) for i in range(first, k + 1)]
    top = max(logs)
    return min(1.0, math.exp(top) * math.fsum(math.exp(x - top) for x in logs))


def _bisect(low: float, high: float, too_low: object) -> float:
    for _ in range(200):
        mid = (low + high) / 2
        if too_low(mid):  # type: ignore[operator]
            low = mid
        else:
            high = mid
        if high - low <= 1e-9 * max(1.0, high):
            break
    return (low + high) / 2


def poisson_interval(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """The exact two-sided interval for the mean of a Poisson count."""
    if count < 0:
        raise ValueError("a count is not negative")
    alpha = (1 - confidence) / 2
    span = count + 10 * math.sqrt(count + 1) + 10
    # lower: the mean at which P(X >= count) = alpha, i.e. P(X <= count - 1) = 1 - alpha
    lower = 0.0 if count == 0 else _bisect(0.0, span, lambda m: _poisson_cdf(count - 1, m) > 1 - alpha)
    # upper: the mean at which P(X <= count) = alpha
    upper = _bisect(0.0, span, lambda m: _poisson_cdf(count, m) > alpha)
    return lower, upper


def wilson_interval(share_percent: float, respondents: int) -> tuple[float, float]:
    """Wilson's 95 % score interval of a share (in percent) of `respondents`, in percent."""
    if respondents <= 0:
        raise ValueError("no respondents")
    p = share_percent / 100
    n = respondents
    denominator = 1 + Z95**2 / n
    centre = (p + Z95**2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / denominator
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)
