"""Which small-sample reference keeps the effect estimate's false alarms at or under the nominal 5 %?

On the same simulated panels (`tryggsam.effects.simulation`, the main scenarios of
`bench/effect_simulation.py`), each panel is fitted once as `tryggsam.effects.estimate.did_estimate`
fits it (alpha twice from leverage-corrected residuals, negative-binomial GLM, Pearson scale ≥ 1), and
the treatment term is then tested against several references:

- `residual_df`: Student's t on the model's residual degrees of freedom (units × periods − parameters),
  the reference shipped before today;
- `satterthwaite_alpha`: t on Satterthwaite degrees of freedom for the variance of the estimate as a
  function of the estimated alpha: 2 V² / ((dV/dalpha)² Var(alpha-hat)), Var(alpha-hat) from the
  negative binomial's second and fourth cumulants at the fitted means (the sampling noise of the
  moment estimate, leverages included);
- `welch_areas`: t on Welch–Satterthwaite degrees of freedom over the areas (`estimate.areas_df`): the
  estimate's variance split into each area's share (its counts' weight in the estimate), each share
  counted with the area's own periods less what the area's counts must estimate (its level; for a
  treated area also its change), df = V² / Σ V_area² / df_area, never more than the residual df;
- `hc2_bell_mccaffrey`: a heteroscedasticity-robust (HC2) variance of the estimate from the working
  residuals, with Bell–McCaffrey degrees of freedom (the robust variance needs no common alpha);
- `normal`: the normal reference (no small-sample allowance), for scale.

Each reference gives a false-alarm share on the no-effect panels and a coverage and power on the
effect panels (rate ratio 0.7), each with its Monte-Carlo standard error, and the mean degrees of
freedom. `--bootstrap N` also times a parametric bootstrap of the fitted null model (199 refits per
estimate) on N panels: its cost per estimate, not its rates.

    .venv/bin/python bench/effect_references.py [--datasets 10000] [--effect-datasets 4000] [--seed 2026] [--bootstrap 3]
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import statsmodels.api as sm
from scipy import stats

from tryggsam.effects.estimate import _design, areas_df, dispersion, overdispersion
from tryggsam.effects.simulation import Scenario, panel

REFERENCES = ("normal", "residual_df", "satterthwaite_alpha", "welch_areas", "hc2_bell_mccaffrey")
BOOTSTRAP_REFITS = 199


def _fit(endog: np.ndarray, exog: np.ndarray):  # type: ignore[no-untyped-def]
    """The shipped fit: Poisson, then alpha and the negative-binomial fit twice."""
    fit = sm.GLM(endog, exog, family=sm.families.Poisson()).fit(maxiter=100)
    alpha = math.nan
    for _step in range(2):
        alpha = overdispersion(endog, fit)
        fit = sm.GLM(endog, exog, family=sm.families.NegativeBinomial(alpha=alpha)).fit(maxiter=100)
    return fit, alpha


def _influence(exog: np.ndarray, mu: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """IRLS weights, the last coefficient's row of (X'WX)⁻¹X'W (its estimate ≈ Σ c_i (z_i − eta_i)) and
    (X'WX)⁻¹."""
    w = mu / (1.0 + alpha * mu)
    bread = np.linalg.inv(exog.T @ (exog * w[:, None]))
    c = bread[-1] @ (exog.T * w)
    return w, c, bread


def satterthwaite_alpha_df(endog: np.ndarray, exog: np.ndarray, fit, alpha: float) -> float:  # type: ignore[no-untyped-def]
    mu = np.asarray(fit.fittedvalues, dtype=float)
    leverage = np.asarray(fit.get_influence().hat_matrix_diag, dtype=float)
    keep = leverage < 1.0 - 1e-8
    k2 = mu + alpha * mu**2
    k4 = mu + 7 * alpha * mu**2 + 12 * alpha**2 * mu**3 + 6 * alpha**3 * mu**4
    var_alpha = float(np.sum(((k4 + 2 * k2**2) / (1 - leverage) ** 2)[keep]) / np.sum(mu[keep] ** 2) ** 2)
    step = max(1e-4, 0.01 * alpha)
    v = np.linalg.inv(exog.T @ (exog * (mu / (1 + alpha * mu))[:, None]))[-1, -1]
    v_up = np.linalg.inv(exog.T @ (exog * (mu / (1 + (alpha + step) * mu))[:, None]))[-1, -1]
    derivative = (v_up - v) / step
    return float(2 * v**2 / (derivative**2 * var_alpha)) if derivative > 0 else math.inf


def hc2_bell_mccaffrey(endog: np.ndarray, exog: np.ndarray, fit, alpha: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    mu = np.asarray(fit.fittedvalues, dtype=float)
    w, c, bread = _influence(exog, mu, alpha)
    root = np.sqrt(w)
    xs = exog * root[:, None]
    residual_maker = np.eye(len(endog)) - xs @ bread @ xs.T
    leverage = np.clip(1.0 - np.diag(residual_maker), 0.0, 1.0 - 1e-8)
    standardised = root * (endog - mu) / mu  # W^½ (z − eta)
    g2 = c**2 / (w * (1.0 - leverage))
    variance = float(np.sum(g2 * standardised**2))
    a = residual_maker * g2[None, :]  # M D (its trace and the trace of its square give the df)
    df = float(np.trace(a) ** 2 / np.sum(a * a.T))
    return variance, df


def one_panel(counts: np.ndarray, treated: list[bool], after: list[bool], true_log: float) -> dict[str, float]:
    y = np.asarray(counts, dtype=float)
    t, a = np.asarray(treated, dtype=bool), np.asarray(after, dtype=bool)
    keep_units, keep_periods = y.sum(axis=1) > 0, y.sum(axis=0) > 0
    y, t, a = y[np.ix_(keep_units, keep_periods)], t[keep_units], a[keep_periods]
    exog, endog = _design(y, t, a), y.reshape(-1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit, alpha = _fit(endog, exog)
        beta = float(fit.params[-1])
        df_resid = float(fit.df_resid)
        se = float(fit.bse[-1]) * math.sqrt(dispersion(float(fit.pearson_chi2), df_resid))
        robust_variance, bm_df = hc2_bell_mccaffrey(endog, exog, fit, alpha)
        refs = {
            "normal": (se, math.inf),
            "residual_df": (se, df_resid),
            "satterthwaite_alpha": (se, min(df_resid, satterthwaite_alpha_df(endog, exog, fit, alpha))),
            "welch_areas": (se, areas_df(exog, np.asarray(fit.fittedvalues, dtype=float), alpha, t, df_resid)),
            "hc2_bell_mccaffrey": (math.sqrt(robust_variance), bm_df),
        }
    row: dict[str, float] = {"alpha": alpha}
    for name, (s, df) in refs.items():
        q = float(stats.norm.ppf(0.975)) if math.isinf(df) else float(stats.t.ppf(0.975, df))
        row[f"{name}:alarm"] = abs(beta) > q * s
        row[f"{name}:covers"] = abs(beta - true_log) <= q * s
        row[f"{name}:df"] = df
    return row


def bootstrap_seconds(rng: np.random.Generator, panels: int) -> float:
    """CPU seconds per estimate of a parametric bootstrap: fit the null model (no treatment term),
    draw BOOTSTRAP_REFITS panels from it, refit each as shipped."""
    started = time.process_time()
    scenario = Scenario(rate_ratio=1.0)
    for _ in range(panels):
        counts, treated, after = panel(rng, scenario)
        y = np.asarray(counts, dtype=float)
        exog, endog = _design(y, np.asarray(treated), np.asarray(after)), y.reshape(-1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            null, alpha = _fit(endog, exog[:, :-1])
            mu = np.asarray(null.fittedvalues, dtype=float)
            shape = 1.0 / alpha
            for _refit in range(BOOTSTRAP_REFITS):
                _fit(rng.negative_binomial(shape, shape / (shape + mu)).astype(float), exog)
    return (time.process_time() - started) / max(panels, 1)


def _share(rows: list[dict[str, float]], key: str) -> dict[str, float]:
    n = len(rows)
    share = sum(bool(r[key]) for r in rows) / n
    return {"share": round(share, 4), "se": round(math.sqrt(share * (1 - share) / n), 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=10000, help="no-effect panels")
    parser.add_argument("--effect-datasets", type=int, default=4000, help="panels with rate ratio 0.7")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--bootstrap", type=int, default=0, help="panels on which to time a bootstrap")
    args = parser.parse_args()
    print("command: .venv/bin/python bench/effect_references.py " + shlex.join(sys.argv[1:]))
    started = time.process_time()
    rng = np.random.default_rng(args.seed)
    null = [one_panel(*panel(rng, Scenario(rate_ratio=1.0)), 0.0) for _ in range(args.datasets)]
    effect = [one_panel(*panel(rng, Scenario(rate_ratio=0.7)), math.log(0.7)) for _ in range(args.effect_datasets)]
    result: dict[str, object] = {"seed": args.seed, "null_datasets": len(null), "effect_datasets": len(effect)}
    for name in REFERENCES:
        result[name] = {
            "false_alarms": _share(null, f"{name}:alarm") if null else None,
            "coverage_0.7": _share(effect, f"{name}:covers") if effect else None,
            "power_0.7": _share(effect, f"{name}:alarm") if effect else None,
            "mean_df": round(float(np.mean([r[f"{name}:df"] for r in null + effect])), 1),
        }
        print(name, json.dumps(result[name]), flush=True)
    result["mean_alpha_null"] = round(float(np.mean([r["alpha"] for r in null])), 4) if null else None
    result["cpu_s"] = round(time.process_time() - started, 1)
    if args.bootstrap:
        result["bootstrap_cpu_s_per_estimate"] = round(bootstrap_seconds(rng, args.bootstrap), 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
