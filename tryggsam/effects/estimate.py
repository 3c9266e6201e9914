"""The effect estimate: a difference-in-differences on counts, with no Django inside (the simulation in
`bench/effect_simulation.py` and the unit tests call it directly).

The model is a Poisson GLM (statsmodels) of the count of each area (unit) and period with a fixed
effect per unit, a fixed effect per period and one term for "treated unit after the start"; exp of that
term is the rate ratio: how the treated unit's counts changed after the start relative to the change in
the comparison units over the same periods.

Decisions:
- The fit is a negative-binomial GLM (variance mean + alpha · mean²) whose alpha is estimated by moments
  (`overdispersion`) from a first Poisson fit and once more from the negative-binomial fit it gives,
  with standard errors scaled by the Pearson dispersion (chi² / residual degrees of freedom, never
  below 1) and a Student's t interval on the degrees of freedom of `areas_df` (below).
  Incident counts are overdispersed (a busy weekend, a group that moves in): plain Poisson errors make
  intervals too narrow and "effects" appear out of noise (in the simulation: 78 % coverage, 28 % false
  alarms). Quasi-Poisson (one dispersion for all areas) undercovers when the areas' levels differ,
  because the noise of a busy area is larger relative to its mean; the negative-binomial variance
  follows the mean. Cluster-robust errors need many clusters and a measure has one treated area and a
  handful of comparisons; a negative-binomial maximum-likelihood fit (statsmodels' discrete model)
  was 20 times slower and covered 92–93 %; a likelihood-ratio (profile) test gave the same rates as
  the Wald interval here.
- Why the leverage: with a fixed effect per area and per period (31 parameters for 7 areas × 24
  months) each fitted value follows its own count, so the raw residuals are too small and the moment
  alpha came out 5–9 % low; that alpha, taken as known, made the intervals too narrow (6 % false
  alarms with no effect). Each squared residual is divided by 1 - its leverage (statsmodels'
  `get_influence().hat_matrix_diag`), on the negative-binomial fit's own weights; today's figures are
  in docs/benchmarks.md.
- Why `areas_df` and not the residual degrees of freedom (137 for 7 areas × 24 months): the estimate
  rests almost wholly on the treated area's own counts (the comparisons only remove what every area
  shares), so how well its variance is known is a question of that area's periods, not of all the
  counts. The degrees of freedom are Welch–Satterthwaite's over the areas: the estimate's variance is
  split into each area's share (the weight of its counts in the estimate, from the fit), each share
  counted with the area's own periods less what they must estimate (its level, and for a treated area
  its change), never more than the residual degrees of freedom. With one treated area of 24 months
  and six comparisons that is about 30. This is deliberately on the safe side: the variance itself is
  pooled over every area (one alpha), and these degrees of freedom are those it would have if each
  area's part were learnt from the area's own counts, which is what one may rely on when the treated
  area's noise need not be like the comparisons'. On the residual degrees of freedom the false alarms
  with no effect were 5.2 %; Satterthwaite degrees of freedom for the noise of alpha alone (about 50)
  are too many to help, and a robust (HC2) variance with Bell–McCaffrey degrees of freedom gave more
  false alarms, not fewer, in a small run (it leans on 24 heavy-tailed residuals). The comparison is
  `bench/effect_references.py`; the figures are in docs/benchmarks.md.
- "Cannot tell" (no number) when the data cannot carry an estimate: fewer than `MIN_PERIODS` periods
  before or after, fewer than `MIN_TREATED_BEFORE` events in the treated unit before the start or
  none after it, fewer than `MIN_COMPARISON` events in the comparison units before or after, a fit
  that fails or does not converge, or an interval whose upper bound is more than `MAX_WIDTH` times its
  lower one (it says nothing). An interval that contains 1 gives the number and "cannot tell whether
  it changed".
- The intervals assume that what is left after the area and period effects is independent from month
  to month; a slow drift in one area that is not in the comparisons is not covered (choose comparisons
  with a similar trend before the start, see `suggest_comparisons`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy, statsmodels and scipy cost seconds to import: loaded by the functions that fit
    import numpy as np

MIN_PERIODS = 2
MIN_TREATED_BEFORE = 10
MIN_COMPARISON = 10
MAX_WIDTH = 10.0
LEVEL = 0.95
ALPHA_FLOOR = 1e-6


class Verdict:
    DECREASED = "decreased"
    INCREASED = "increased"
    CANNOT_TELL = "cannot_tell"


class Reason:
    """Why the verdict is "cannot tell" ("" when it is not)."""

    NO_PERIODS = "no_periods"
    TOO_FEW = "too_few"
    NO_COMPARISON = "no_comparison"
    NO_FIT = "no_fit"
    TOO_WIDE = "too_wide"
    NO_CLEAR_CHANGE = "no_clear_change"  # the only reason that comes with a number


@dataclass(frozen=True)
class Estimate:
    verdict: str
    reason: str
    treated_before: int
    treated_after: int
    comparison_before: int
    comparison_after: int
    rate_ratio: float | None = None
    low: float | None = None
    high: float | None = None
    dispersion: float | None = None
    alpha: float | None = None  # the negative binomial's overdispersion the interval was computed with
    df: float | None = None  # the degrees of freedom of the t interval (`areas_df`)

    @property
    def has_number(self) -> bool:
        return self.rate_ratio is not None

    @property
    def percent_change(self) -> float | None:
        return None if self.rate_ratio is None else 100.0 * (self.rate_ratio - 1.0)

    @property
    def percent_low(self) -> float | None:
        return None if self.low is None else 100.0 * (self.low - 1.0)

    @property
    def percent_high(self) -> float | None:
        return None if self.high is None else 100.0 * (self.high - 1.0)

    def covers(self, rate_ratio: float) -> bool:
        return self.low is not None and self.high is not None and self.low <= rate_ratio <= self.high


def overdispersion(counts: np.ndarray, fit: Any) -> float:
    """The negative binomial's alpha (variance = mean + alpha · mean²) by the method of moments from a
    fitted GLM (statsmodels' results): each squared residual divided by 1 - its leverage (the diagonal of
    the hat matrix, `get_influence().hat_matrix_diag`), since a fitted value follows its own count the
    more the more weight that count has in the fit. Observations with a leverage of 1 (fitted exactly)
    say nothing about the noise and are left out; a small positive number when the counts are not
    overdispersed."""
    import numpy as np

    fitted = np.asarray(fit.fittedvalues, dtype=float)
    leverage = np.asarray(fit.get_influence().hat_matrix_diag, dtype=float)
    informative = leverage < 1.0 - 1e-8
    y, mu, h = counts[informative], fitted[informative], leverage[informative]
    alpha = float((np.sum((y - mu) ** 2 / (1.0 - h)) - np.sum(mu)) / np.sum(mu**2)) if len(y) else math.nan
    return alpha if math.isfinite(alpha) and alpha > ALPHA_FLOOR else ALPHA_FLOOR


def dispersion(pearson_chi2: float, df_resid: float) -> float:
    """The quasi-Poisson scale: Pearson chi² per residual degree of freedom, at least 1 (fewer
    degrees of freedom than that are not taken as evidence of less noise than Poisson)."""
    if df_resid <= 0:
        return math.inf
    return max(1.0, pearson_chi2 / df_resid)


def areas_df(exog: np.ndarray, fitted: np.ndarray, alpha: float, treated: np.ndarray, df_resid: float) -> float:
    """Welch–Satterthwaite degrees of freedom over the areas for the last coefficient (the treatment
    term) of a negative-binomial GLM with log link whose design is `_design`'s (one row per unit and
    period, units in order): its estimate is about Σ c_i (z_i − eta_i) with c the last row of
    (X'WX)⁻¹X'W, so its variance is Σ c_i² / w_i; each unit's part of that sum counts with the unit's
    periods less one (its level) and less one more for a treated unit (its change after the start).
    df = V² / Σ V_unit² / df_unit, at most `df_resid`."""
    import numpy as np

    units = len(treated)
    weights = fitted / (1.0 + alpha * fitted)
    bread = np.linalg.inv(exog.T @ (exog * weights[:, None]))
    c = bread[-1] @ (exog.T * weights)
    share = (c**2 / weights).reshape(units, -1).sum(axis=1)
    own_df = len(fitted) // units - 1 - treated.astype(float)
    if np.any(own_df <= 0):
        return 0.0
    return float(min(df_resid, share.sum() ** 2 / np.sum(share**2 / own_df)))


def _design(counts: np.ndarray, treated: np.ndarray, after: np.ndarray) -> np.ndarray:
    import numpy as np

    units, periods = counts.shape
    rows = units * periods
    unit_index = np.repeat(np.arange(units), periods)
    period_index = np.tile(np.arange(periods), units)
    columns = [np.ones(rows)]
    columns += [(unit_index == u).astype(float) for u in range(1, units)]
    columns += [(period_index == p).astype(float) for p in range(1, periods)]
    columns.append((treated[unit_index] & after[period_index]).astype(float))
    return np.column_stack(columns)


def did_estimate(
    counts: Sequence[Sequence[int]] | np.ndarray,
    treated: Sequence[bool],
    after: Sequence[bool],
    *,
    level: float = LEVEL,
) -> Estimate:
    """The difference-in-differences of `counts` (one row per unit, one column per period; `treated`
    per unit, `after` per period) with its interval and verdict."""
    import numpy as np
    import statsmodels.api as sm
    from scipy import stats

    y = np.asarray(counts, dtype=float)
    is_treated = np.asarray(treated, dtype=bool)
    is_after = np.asarray(after, dtype=bool)
    if y.ndim != 2 or y.shape != (len(is_treated), len(is_after)):
        raise ValueError("counts must have one row per unit and one column per period")
    if np.any(y < 0) or not np.all(np.isfinite(y)):
        raise ValueError("counts must be finite and not negative")
    totals = {
        "treated_before": int(y[np.ix_(is_treated, ~is_after)].sum()),
        "treated_after": int(y[np.ix_(is_treated, is_after)].sum()),
        "comparison_before": int(y[np.ix_(~is_treated, ~is_after)].sum()),
        "comparison_after": int(y[np.ix_(~is_treated, is_after)].sum()),
    }

    def cannot_tell(reason: str) -> Estimate:
        return Estimate(verdict=Verdict.CANNOT_TELL, reason=reason, **totals)

    if is_after.sum() < MIN_PERIODS or (~is_after).sum() < MIN_PERIODS:
        return cannot_tell(Reason.NO_PERIODS)
    if totals["treated_before"] < MIN_TREATED_BEFORE or totals["treated_after"] == 0:
        return cannot_tell(Reason.TOO_FEW)
    if not is_treated.any() or min(totals["comparison_before"], totals["comparison_after"]) < MIN_COMPARISON:
        return cannot_tell(Reason.NO_COMPARISON)
    # A unit or a period without a single event has a fixed effect of minus infinity: leave it out.
    keep_units = y.sum(axis=1) > 0
    keep_periods = y.sum(axis=0) > 0
    y, is_treated, is_after = y[np.ix_(keep_units, keep_periods)], is_treated[keep_units], is_after[keep_periods]
    exog = _design(y, is_treated, is_after)
    endog = y.reshape(-1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Alpha from the Poisson fit's residuals, then once more from the residuals and leverages
            # of the negative-binomial fit that alpha gives (its weights are those of the final model).
            fit = sm.GLM(endog, exog, family=sm.families.Poisson()).fit(maxiter=100)
            for _step in range(2):
                alpha = overdispersion(endog, fit)
                fit = sm.GLM(endog, exog, family=sm.families.NegativeBinomial(alpha=alpha)).fit(maxiter=100)
    except (ValueError, np.linalg.LinAlgError, FloatingPointError):
        return cannot_tell(Reason.NO_FIT)
    converged = bool(getattr(fit, "converged", True))
    beta = float(fit.params[-1])
    scale = dispersion(float(fit.pearson_chi2), float(fit.df_resid))
    se = float(fit.bse[-1]) * math.sqrt(scale)
    if not (converged and math.isfinite(beta) and math.isfinite(se)):
        return cannot_tell(Reason.NO_FIT)
    try:
        df = areas_df(exog, np.asarray(fit.fittedvalues, dtype=float), alpha, is_treated, float(fit.df_resid))
    except np.linalg.LinAlgError:
        return cannot_tell(Reason.NO_FIT)
    if not df > 0:
        return cannot_tell(Reason.NO_FIT)
    t = float(stats.t.ppf(0.5 + level / 2, df))
    low, high = math.exp(beta - t * se), math.exp(beta + t * se)
    if high / low > MAX_WIDTH:
        return cannot_tell(Reason.TOO_WIDE)
    if high < 1.0:
        verdict, reason = Verdict.DECREASED, ""
    elif low > 1.0:
        verdict, reason = Verdict.INCREASED, ""
    else:
        verdict, reason = Verdict.CANNOT_TELL, Reason.NO_CLEAR_CHANGE
    return Estimate(
        verdict=verdict,
        reason=reason,
        rate_ratio=math.exp(beta),
        low=low,
        high=high,
        dispersion=scale,
        alpha=alpha,
        df=df,
        **totals,
    )


def trend_and_level(series: Sequence[int]) -> tuple[float, float]:
    """The mean count per period and the log-linear trend per period (the slope of log(count + 0.5)
    on the period's index) of one unit before the start: what comparison areas are matched on."""
    import numpy as np

    values = np.asarray(series, dtype=float)
    if len(values) == 0:
        return 0.0, 0.0
    mean = float(values.mean())
    if len(values) < 2:
        return mean, 0.0
    slope = float(np.polyfit(np.arange(len(values)), np.log(values + 0.5), 1)[0])
    return mean, slope


def similarity(treated: Sequence[int], candidate: Sequence[int]) -> float:
    """Distance of a candidate comparison unit from the treated one before the start (smaller is more
    alike): the difference of their levels on the log scale plus the difference of their trends over
    the whole before-window (also on the log scale)."""
    level_t, slope_t = trend_and_level(treated)
    level_c, slope_c = trend_and_level(candidate)
    span = max(len(treated) - 1, 1)
    return abs(math.log((level_c + 0.5) / (level_t + 0.5))) + abs(slope_c - slope_t) * span
