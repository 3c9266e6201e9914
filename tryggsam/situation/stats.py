"""The exact test for a change in a count between two periods.

Counts of independent events in two periods of lengths t1 and t2 are Poisson; given their sum n,
the second count is Binomial(n, t2 / (t1 + t2)) under "no change". The two-sided p-value sums the
probabilities of every outcome at most as likely as the one observed (the exact conditional test
of Przyborowski and Wilenski, as in R's poisson.test)."""

from __future__ import annotations

import math

SIGNIFICANCE = 0.05


def _log_binom_pmf(k: int, n: int, p: float) -> float:
    if p in (0.0, 1.0):
        return 0.0 if (k == 0 and p == 0.0) or (k == n and p == 1.0) else -math.inf
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def poisson_change_p_value(before: int, after: int, before_days: float = 1.0, after_days: float = 1.0) -> float:
    """Two-sided p-value for 'the rate did not change' between a count `before` over `before_days`
    and a count `after` over `after_days`."""
    n = before + after
    if n == 0:
        return 1.0
    p = after_days / (before_days + after_days)
    observed = _log_binom_pmf(after, n, p)
    slack = 1e-7  # relative tolerance for ties, as R uses
    total = 0.0
    for k in range(n + 1):
        lp = _log_binom_pmf(k, n, p)
        if lp <= observed + math.log1p(slack):
            total += math.exp(lp)
    return min(1.0, total)


def is_significant(before: int, after: int, before_days: float = 1.0, after_days: float = 1.0) -> bool:
    return poisson_change_p_value(before, after, before_days, after_days) < SIGNIFICANCE
