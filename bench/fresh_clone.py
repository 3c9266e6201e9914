"""`make run` from a fresh clone (issue 17, item 6): how long a developer waits before the demo is served.

Clones this repository's HEAD into a temporary folder and runs what `make run` runs before it serves,
stage by stage, timing each as wall-clock and CPU seconds of the children (`os.wait4`):

- `install`: `make install` (a new virtualenv and `pip install -e .`: the base dependencies only, no
  dev extras), with pip's cache as the machine has it (`--no-pip-cache` for a download of everything);
- `migrate`: `manage.py migrate` on the new SQLite file;
- `load_demo`: `manage.py load_demo`;
- `serve`: `manage.py runserver` started until its first answer to `/` (the server's own start-up).

    .venv/bin/python bench/fresh_clone.py [--no-pip-cache] [--keep DIR]

Prints a table and one JSON line. The load average is printed too: on a shared machine the wall figures
are inflated by it, the CPU figures much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from startup import _run as _timed  # noqa: E402  (wall and CPU seconds of one child that must succeed)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(clone: Path, env: dict[str, str]) -> float:
    """Seconds from starting runserver to its first answer of the start page."""
    port = _free_port()
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(clone / ".venv/bin/python"), "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    answer.read()
                    return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
        raise SystemExit("runserver did not answer within 120 s")
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-pip-cache", action="store_true")
    parser.add_argument("--keep", help="clone into this folder (emptied first) and leave it")
    options = parser.parse_args()

    work = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="tryggsam-clone-"))
    if options.keep and work.exists():
        shutil.rmtree(work)
    clone = work / "main"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")}
    if options.no_pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    load_before = os.getloadavg()[0]
    try:
        work.mkdir(parents=True, exist_ok=True)
        shared = ROOT.parent / "shared"
        if shared.exists() and not (work / "shared").exists():
            (work / "shared").symlink_to(shared)  # the demo reads the districts from ../shared
        figures: dict[str, tuple[float, float]] = {}
        figures["clone"] = _timed(["git", "clone", "-q", str(ROOT), str(clone)], work, env)
        figures["install"] = _timed(["make", "install", "PYTHON=python3"], clone, env)
        python = str(clone / ".venv/bin/python")
        figures["migrate"] = _timed([python, "manage.py", "migrate", "--noinput"], clone, env)
        figures["load_demo"] = _timed([python, "manage.py", "load_demo"], clone, env)
        serve = _serve(clone, env)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    total_wall = sum(w for w, _ in figures.values()) + serve
    for name, (wall, cpu) in figures.items():
        print(f"  {name:10} wall {wall:7.2f} s   cpu {cpu:7.2f} s")
    print(f"  {'serve':10} wall {serve:7.2f} s   (runserver until its first answer)")
    print(
        f"  {'total':10} wall {total_wall:7.2f} s   load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    result = {name: {"wall_s": round(w, 2), "cpu_s": round(c, 2)} for name, (w, c) in figures.items()}
    result["serve"] = {"wall_s": round(serve, 2)}
    result["total_wall_s"] = round(total_wall, 2)
    result["pip_cache"] = not options.no_pip_cache
    result["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
