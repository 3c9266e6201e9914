"""Killing an import half-way leaves the database as it was: the import is one transaction."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]


def _big_export(path: Path, areas: int = 400, categories: int = 40) -> int:
    lines = ["Anmälda brott", "," + ",".join(["2025"] * 12), "," + ",".join(MONTHS), "," + ",".join(["Antal"] * 12)]
    for a in range(areas):
        lines.append(f"Stadsdelsområde Provområde {a} (Sthlm)" + "," * 12)
        lines += [f"Kategori {k}," + ",".join(str((a + k + m) % 97) for m in range(12)) for k in range(categories)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return areas * categories * 12


def _env(db: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(TRYGGSAM_SETTINGS="test", DATABASE_URL=f"sqlite:///{db}")
    return env


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM crimestats_crimestatistic").fetchone()[0]


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="körs med SQLite-filer")
def test_import_statistics__killed_half_way_leaves_nothing(tmp_path):
    db = tmp_path / "kill.sqlite3"
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=_env(db), capture_output=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr.decode()[-2000:]
    export = tmp_path / "stor_export.csv"
    expected = _big_export(export)
    process = subprocess.Popen([sys.executable, "manage.py", "import_statistics", str(export)], cwd=ROOT, env=_env(db))
    deadline = time.monotonic() + 60
    # Wait until the import holds the write lock (its transaction has begun), then kill it hard.
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(db, timeout=0) as probe:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
        except sqlite3.OperationalError:
            break  # locked: the import is writing
        time.sleep(0.02)
    assert process.poll() is None, "importen hann bli klar innan den kunde avbrytas; gör filen större"
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _count(db) == 0
    finished = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", str(export)],
        cwd=ROOT,
        env=_env(db),
        capture_output=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    assert _count(db) == expected
