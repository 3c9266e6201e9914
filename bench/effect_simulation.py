"""Simulation check of the effect estimate (tryggsam/effects/estimate.py): over many synthetic panels
with a known effect, known noise and overdispersion (negative binomial), how often the 95 % interval
holds the true rate ratio (target 93–97 %) and, with no effect, how often the verdict says "minskade"
or "ökade" anyway (the false-alarm rate, target ≤ 5 %). The panels are made by
`tryggsam/effects/simulation.py` (one treated area, comparison areas of a similar level, monthly
counts with a common seasonal wave and drift); a unit test runs a small version
(tests/effects/test_simulation.py).

    .venv/bin/python bench/effect_simulation.py [--datasets 2000] [--stress 500] [--seed 2026] [--only NAME]

Prints one line per scenario (each share with its Monte-Carlo standard error, ±) and then one JSON line with every figure. `--stress` runs scenarios
outside the main one (comparison areas of very different levels, heavy overdispersion, few events)
with that many datasets each; their figures are reported, not held to the targets.
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tryggsam.effects.simulation import Scenario, run

MAIN = [("effect 0.7", Scenario(rate_ratio=0.7)), ("no effect", Scenario(rate_ratio=1.0))]
STRESS = [
    ("no effect, levels 4× apart", Scenario(rate_ratio=1.0, spread=2.0)),
    ("no effect, heavy overdispersion (shape 1.5)", Scenario(rate_ratio=1.0, shape=1.5)),
    ("effect 0.7, Poisson noise", Scenario(rate_ratio=0.7, shape=1000.0)),
    ("no effect, 3 comparisons, 4 a month", Scenario(rate_ratio=1.0, comparisons=3, mean=4.0)),
    ("effect 0.5, 6 months before and after", Scenario(rate_ratio=0.5, before=6, after=6)),
]


def _se(share: float, n: int) -> float:
    """The Monte-Carlo standard error of a share over n datasets."""
    return math.sqrt(share * (1 - share) / n) if n else math.nan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--stress", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", default="", help="run only the scenarios whose name is this (seeds unchanged)")
    args = parser.parse_args()
    print("command: .venv/bin/python bench/effect_simulation.py " + shlex.join(sys.argv[1:]))
    figures = []
    scenarios = [(name, s, args.datasets, True) for name, s in MAIN]
    scenarios += [(name, s, args.stress, False) for name, s in STRESS] if args.stress else []
    for index, (name, scenario, datasets, main_scenario) in enumerate(scenarios):
        if args.only and name != args.only:
            continue
        started = time.process_time()
        result = run(scenario, datasets=datasets, seed=args.seed + index)
        row = {
            "scenario": name,
            "main": main_scenario,
            **asdict(scenario),
            "datasets": datasets,
            "with_number": result.with_number,
            "coverage": round(result.coverage, 4),
            "false_alarm" if scenario.rate_ratio == 1.0 else "power": round(result.alarm_rate, 4),
            "cpu_s": round(time.process_time() - started, 1),
        }
        figures.append(row)
        kind = "false alarms" if scenario.rate_ratio == 1.0 else "verdict given (power)"
        print(
            f"{name}: {datasets} datasets, {result.with_number} with an interval, "
            f"coverage {100 * result.coverage:.1f} % (± {100 * _se(result.coverage, result.with_number):.2f}), "
            f"{kind} {100 * result.alarm_rate:.1f} % (± {100 * _se(result.alarm_rate, datasets):.2f})",
            flush=True,
        )
    print(json.dumps({"seed": args.seed, "results": figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
