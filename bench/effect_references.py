"""Which reference distribution keeps the effect estimate's false alarms at the nominal 5 %?

On the same simulated panels with no effect (`tryggsam.effects.simulation`, the main "no effect"
scenario of `bench/effect_simulation.py`), the share of panels where each test calls a change:

- `wald`: the estimator as shipped (`tryggsam.effects.estimate`: alpha twice from leverage-corrected
  residuals, Pearson scale ≥ 1, t reference on the residual degrees of freedom);
- `wald_alpha_converged`: the same with alpha re-estimated until it settles (up to 15 fits);
- `lr_f`: the quasi-likelihood F test — the deviance drop of the nested negative-binomial fits (same
  alpha) divided by the Pearson scale, against F(1, df).

    .venv/bin/python bench/effect_references.py [--datasets 6000] [--seed 2026]

Prints one JSON line with each share, its Monte-Carlo standard error and the mean alpha (true 0.25).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import statsmodels.api as sm
from scipy import stats

from tryggsam.effects.estimate import _design, dispersion, overdispersion
from tryggsam.effects.simulation import Scenario, panel


def _nb(endog: np.ndarray, exog: np.ndarray, alpha: float):  # type: ignore[no-untyped-def]
    return sm.GLM(endog, exog, family=sm.families.NegativeBinomial(alpha=alpha)).fit(maxiter=100)


def _wald_alarm(fit, df: float) -> bool:  # type: ignore[no-untyped-def]
    scale = dispersion(float(fit.pearson_chi2), df)
    se = float(fit.bse[-1]) * math.sqrt(scale)
    return abs(float(fit.params[-1])) > float(stats.t.ppf(0.975, df)) * se


def one_panel(counts: np.ndarray, treated: list[bool], after: list[bool]) -> dict[str, float]:
    y = np.asarray(counts, dtype=float)
    t, a = np.asarray(treated, dtype=bool), np.asarray(after, dtype=bool)
    keep_units, keep_periods = y.sum(axis=1) > 0, y.sum(axis=0) > 0
    y, t, a = y[np.ix_(keep_units, keep_periods)], t[keep_units], a[keep_periods]
    exog, endog = _design(y, t, a), y.reshape(-1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(endog, exog, family=sm.families.Poisson()).fit(maxiter=100)
        alphas: list[float] = []
        shipped = None
        for step in range(15):
            alphas.append(overdispersion(endog, fit))
            fit = _nb(endog, exog, alphas[-1])
            if step == 1:
                shipped = (fit, alphas[-1])
            if step >= 1 and abs(alphas[-1] - alphas[-2]) < 1e-4:
                break
        assert shipped is not None
        shipped_fit, shipped_alpha = shipped
        restricted = _nb(endog, exog[:, :-1], shipped_alpha)
    df = float(shipped_fit.df_resid)
    scale = dispersion(float(shipped_fit.pearson_chi2), df)
    f_stat = (float(restricted.deviance) - float(shipped_fit.deviance)) / scale
    return {
        "wald": _wald_alarm(shipped_fit, df),
        "wald_alpha_converged": _wald_alarm(fit, float(fit.df_resid)),
        "lr_f": f_stat > float(stats.f.ppf(0.95, 1, df)),
        "alpha": shipped_alpha,
        "alpha_converged": alphas[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    scenario = Scenario(rate_ratio=1.0)
    rows = [one_panel(*panel(rng, scenario)) for _ in range(args.datasets)]
    n = len(rows)
    result: dict[str, object] = {"datasets": n, "seed": args.seed}
    for key in ("wald", "wald_alpha_converged", "lr_f"):
        share = sum(bool(r[key]) for r in rows) / n
        result[key] = {"false_alarms": round(share, 4), "se": round(math.sqrt(share * (1 - share) / n), 4)}
    result["mean_alpha"] = round(float(np.mean([r["alpha"] for r in rows])), 4)
    result["mean_alpha_converged"] = round(float(np.mean([r["alpha_converged"] for r in rows])), 4)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
