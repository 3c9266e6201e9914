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
    and a count `after` over `after_days`.

    The binomial probabilities are walked outwards from the most likely count with the ratio
    recurrence and the walk stops where the terms no longer matter (below 1e-17 of the observed
    probability): a few hundred steps even for counts in the hundreds of thousands."""
    n = before + after
    if n == 0:
        return 1.0
    p = after_days / (before_days + after_days)
    if p <= 0.0 or p >= 1.0:
        return 1.0
    log_observed = _log_binom_pmf(after, n, p)
    limit = log_observed + math.log1p(1e-7)  # ties count, as in R
    stop = log_observed + math.log(1e-17)
    mode = min(n, max(0, int((n + 1) * p)))
    log_ratio = math.log(p) - math.log1p(-p)
    total = 0.0
    for direction in (1, -1):
        k = mode if direction == 1 else mode - 1
        if k < 0:
            continue
        lp = _log_binom_pmf(k, n, p)
        while 0 <= k <= n:
            if lp <= limit:
                total += math.exp(lp)
                if lp < stop:
                    break
            if direction == 1:
                if k == n:
                    break
                lp += math.log(n - k) - math.log(k + 1) + log_ratio
                k += 1
            else:
                if k == 0:
                    break
                lp += math.log(k) - math.log(n - k + 1) - log_ratio
                k -= 1
    return min(1.0, total)


def is_significant(before: int, after: int, before_days: float = 1.0, after_days: float = 1.0) -> bool:
    return poisson_change_p_value(before, after, before_days, after_days) < SIGNIFICANCE
