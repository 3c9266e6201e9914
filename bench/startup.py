"""Start-up benchmark (issue 17, item 6): what a developer or an operator waits for before anything runs.

Each figure is the median of `--runs` fresh processes, as wall-clock and CPU seconds of the child
(`os.wait4`; on a shared machine the CPU figure is the steadier one):

- `help`: `manage.py help`, a management command that does nothing but start (django.setup);
- `setup`: `django.setup()` alone; `urls`: `django.setup()` plus importing the URL configuration
  (what the first request of a server pays);
- `migrate`: `manage.py migrate` on a new SQLite file; `load_demo`: `manage.py load_demo` on a new,
  migrated SQLite file (once per run: it is the one that changes the database);
- `qcluster_stop`: `manage.py qcluster` started, `--settle` seconds after it logs that it is running
  sent SIGTERM: seconds from the signal to the process's exit (the CPU figure is the whole process's).

Every process runs with the development settings and a byte-code cache of this benchmark's own, warmed
by one untimed run first (an installed system has its .pyc files; this workplace sets
PYTHONDONTWRITEBYTECODE, which would make every start compile every module again).

`--tree DIR` (repeatable) measures other checkouts (e.g. `git worktree add /tmp/before HEAD~3`) in the
same run, interleaved, so that before and after see the same load. `-X importtime` of `urls` gives the
heaviest top-level imports (`--top`).

    .venv/bin/python bench/startup.py [--runs 5] [--tree /tmp/before] [--only help,setup,urls]

Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup()"
URLS = SETUP + "; import importlib; from django.conf import settings; importlib.import_module(settings.ROOT_URLCONF)"
STAGES = ("help", "setup", "urls", "migrate", "load_demo", "qcluster_stop")


def _env(work: Path, database: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DATABASE_URL")}
    env.update(
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        TRYGGSAM_SETTINGS="development",
        DJANGO_SETTINGS_MODULE="tryggsam.config.settings.development",
        DATABASE_URL=f"sqlite:///{database or work / 'unused.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
    )
    return env


def _run(args: list[str], tree: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one child process; it must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} in {tree} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def _qcluster_stop(tree: Path, env: dict[str, str], settle: float) -> tuple[float, float]:
    """Seconds from SIGTERM to the exit of a started qcluster, and the process group's CPU seconds."""
    log = Path(env["MEDIA_ROOT"]).parent / "qcluster.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=tree,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = time.perf_counter()
    while b"running" not in log.read_bytes():  # django-q logs "Q Cluster … running." when it is up
        if time.perf_counter() - started > 120 or process.poll() is not None:
            raise SystemExit(f"qcluster in {tree} did not start: {log.read_text()[-2000:]}")
        time.sleep(0.05)
    time.sleep(settle)
    signalled = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    deadline = signalled + 60
    while True:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - signalled, usage.ru_utime + usage.ru_stime
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            return float("inf"), float("nan")
        time.sleep(0.02)


def _measure(stage: str, tree: Path, work: Path, settle: float) -> tuple[float, float]:
    python = sys.executable
    if stage == "help":
        return _run([python, "manage.py", "help"], tree, _env(work))
    if stage == "setup":
        return _run([python, "-c", SETUP], tree, _env(work))
    if stage == "urls":
        return _run([python, "-c", URLS], tree, _env(work))
    database = work / "db.sqlite3"
    database.unlink(missing_ok=True)
    if stage == "migrate":
        return _run([python, "manage.py", "migrate", "--noinput"], tree, _env(work, database))
    if stage == "load_demo":
        shutil.copy(work / "migrated.sqlite3", database)
        return _run([python, "manage.py", "load_demo"], tree, _env(work, database))
    if stage == "qcluster_stop":
        shutil.copy(work / "migrated.sqlite3", database)
        return _qcluster_stop(tree, _env(work, database), settle)
    raise ValueError(stage)


def _top_imports(tree: Path, work: Path, top: int) -> list[tuple[str, float]]:
    """The heaviest top-level imports of django.setup plus the URL conf (cumulative ms, -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", URLS], cwd=tree, env=_env(work), capture_output=True, text=True
    )
    found = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|")
        if not name.startswith("  "):  # depth 0: "| name" has exactly one space before the name
            found.append((name.strip(), int(cumulative) / 1000))
    return sorted(found, key=lambda item: -item[1])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another checkout to compare")
    parser.add_argument("--only", default=",".join(STAGES))
    parser.add_argument("--settle", type=float, default=3.0, help="seconds a running qcluster gets before SIGTERM")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    stages = [s for s in args.only.split(",") if s]
    trees = [ROOT, *[t.resolve() for t in args.tree]]
    runs = {"load_demo": 1, "migrate": max(1, args.runs // 2), "qcluster_stop": max(1, args.runs // 2)}
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        works = {tree: Path(tmp) / f"tree{i}" for i, tree in enumerate(trees)}
        for tree, work in works.items():  # warm the byte-code cache and make the migrated database
            work.mkdir()
            _run([sys.executable, "-c", URLS], tree, _env(work))
            _run([sys.executable, "manage.py", "migrate", "--noinput"], tree, _env(work, work / "migrated.sqlite3"))
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for stage in stages:
            for _ in range(runs.get(stage, args.runs)):
                for tree, work in works.items():  # interleaved: each tree sees the same load
                    samples.setdefault((str(tree), stage), []).append(_measure(stage, tree, work, args.settle))
        top = _top_imports(ROOT, works[ROOT], args.top)
    figures = {
        tree: {
            stage: {
                "wall_s": round(statistics.median(w for w, _c in samples[(tree, stage)]), 2),
                "cpu_s": round(statistics.median(c for _w, c in samples[(tree, stage)]), 2),
                "runs": len(samples[(tree, stage)]),
            }
            for stage in stages
        }
        for tree in map(str, trees)
    }
    for tree, by_stage in figures.items():
        print(tree)
        for stage, figure in by_stage.items():
            print(
                f"  {stage:<14} wall {figure['wall_s']:>6.2f} s   cpu {figure['cpu_s']:>6.2f} s   ({figure['runs']} runs)"
            )
    print("heaviest top-level imports of setup + URL conf (ms, -X importtime, one run):")
    for name, ms in top:
        print(f"  {ms:>8.0f}  {name}")
    print(json.dumps({"figures": figures, "top_imports_ms": dict(top)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
