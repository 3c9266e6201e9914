"""The exact test for a change in a count between two periods.

Counts of independent events in two periods of lengths t1 and t2 are Poisson; given their sum n,
the second count is Binomial(n, t2 / (t1 + t2)) under "no change". The two-sided p-value sums the
probabilities of every outcome at most as likely as the one observed (the exact conditional test
of Przyborowski and Wilenski, as in R's poisson.test)."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

SIGNIFICANCE = 0.05


def _log_binom_pmf(k: int, n: int, p: float) -> float:
    if p in (0.0, 1.0):
        return 0.0 if (k == 0 and p == 0.0) or (k == n and p == 1.0) else -math.inf
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularized incomplete beta function (modified Lentz's method,
    as in Numerical Recipes' betacf); converges in O(sqrt(max(a, b))) steps for x < (a + 1) / (a + b + 2)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b) for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def _at_least(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    return 1.0 if k <= 0 else 0.0 if k > n else _betainc(k, n - k + 1, p)


def _at_most(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    return 0.0 if k < 0 else 1.0 if k >= n else _betainc(n - k, k + 1, 1.0 - p)


def _last_true(low: int, high: int, test: Any) -> int:
    """The largest k in low..high with test(k), for a test that holds up to some k and not after;
    low - 1 when it holds nowhere."""
    while low <= high:
        mid = (low + high) // 2
        if test(mid):
            low = mid + 1
        else:
            high = mid - 1
    return high


@lru_cache(maxsize=65_536)  # a pure function; a picture opened again tests the same counts
def poisson_change_p_value(before: int, after: int, before_days: float = 1.0, after_days: float = 1.0) -> float:
    """Two-sided p-value for 'the rate did not change' between a count `before` over `before_days`
    and a count `after` over `after_days`.

    The binomial probabilities rise up to the mode and fall after it, so the outcomes at most as likely
    as the observed one are two tails: their edges are found by bisection on the log probability and
    their sums by the regularized incomplete beta function (what R's pbinom computes), in a few dozen
    steps even for counts in the hundreds of thousands."""
    n = before + after
    if n == 0:
        return 1.0
    p = after_days / (before_days + after_days)
    if p <= 0.0 or p >= 1.0:
        return 1.0
    limit = _log_binom_pmf(after, n, p) + math.log1p(1e-7)  # ties count, as in R
    mode = min(n, max(0, int((n + 1) * p)))

    def unlikely(k: int) -> bool:
        return _log_binom_pmf(k, n, p) <= limit

    # Up to the mode the probabilities rise: the lower tail is 0..the last unlikely k up to the mode.
    lower = _last_true(0, mode, unlikely)
    # After it they fall: the upper tail starts after the last likely k after the mode.
    upper = _last_true(mode + 1, n, lambda k: not unlikely(k)) + 1
    total = _at_most(lower, n, p) + _at_least(upper, n, p)
    return min(1.0, total)


def is_significant(before: int, after: int, before_days: float = 1.0, after_days: float = 1.0) -> bool:
    return poisson_change_p_value(before, after, before_days, after_days) < SIGNIFICANCE
