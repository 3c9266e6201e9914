"""Benchmark of `backup` → `restore` on the demo plus synthetic incidents, on SQLite and PostgreSQL.

For each database it starts a fresh process with an empty database (SQLite: a file in a temporary
folder; PostgreSQL: the database of `--postgres-url`, dropped and created again) and its own
MEDIA_ROOT, migrates, loads the demo (with its roll-ups), imports the seed minutes and plans of
../shared/seeds through the archive import (so that MEDIA_ROOT holds archived originals), and adds
`--incidents` synthetic incidents with the generator and the chunked bulk import of
`bench/situation.py` (the production path that keeps the roll-ups). Then it

1. takes the fingerprint of the system (`tryggsam.privacy.fingerprint`: row count and checksum of
   every table, SHA-256 of every archived file),
2. runs `manage.py backup` (timed), and records the backup's size and file mode,
3. changes the system (deletes the monthly roll-ups and a thousand incidents' categories, edits
   incidents, overwrites an archived file and adds another),
4. runs `manage.py restore --yes` (timed),
5. takes the fingerprint again: `exact` is true when every table's row count and checksum and every
   archived file are as in step 1.

    .venv/bin/python bench/backup_roundtrip.py [--incidents 1000000] [--databases sqlite,postgresql]
        [--postgres-url postgres://tryggsam:tryggsam@127.0.0.1:5432/tryggsam_backup]

Prints one JSON line per database, then a summary line.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://tryggsam:tryggsam@127.0.0.1:5432/tryggsam_backup"


def _setup(database_url: str, media_root: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ["TRYGGSAM_SETTINGS"] = "test"
    from tryggsam.config.settings.loader import settings_module

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
    import django

    django.setup()


def _fresh_postgres(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database (the role may create databases)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _world() -> dict[str, Any]:
    """The demo's districts, categories and two of its organisations, for the generator."""
    from tryggsam.accounts.models import Organisation
    from tryggsam.incidents.models import IncidentCategory
    from tryggsam.places.models import Area, AreaLevel

    districts = list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("pk"))
    categories = list(IncidentCategory.objects.order_by("pk").values_list("pk", flat=True))
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:2])
    return {"districts": districts, "categories": categories, "orgs": orgs}


def _load(incidents: int) -> dict[str, Any]:
    from django.conf import settings
    from django.core.management import call_command

    from bench.situation import CHUNK, _chunk_days, _rows
    from tryggsam.incidents.bulk import import_incident_rows

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=io.StringIO())
    seeds = Path(settings.SHARED_DIR) / "seeds"
    call_command("import_archive", str(seeds), stdout=io.StringIO(), stderr=io.StringIO())
    world = _world()
    rng = random.Random(incidents)
    done = 0
    for days in _chunk_days(incidents, "time") if incidents else []:
        n = min(CHUNK, incidents - done)
        for source, chunk in _rows(world, n, rng, days).items():
            import_incident_rows(chunk, source=source, note="bench/backup_roundtrip.py")
        done += n
    return {"load_s": round(time.perf_counter() - began, 1)}


def _change_everything(media_root: Path) -> None:
    from django.db import connection

    from tryggsam.incidents.models import Incident
    from tryggsam.situation.models import MonthlyRollup

    MonthlyRollup.objects.all().delete()
    first = list(Incident.objects.order_by("pk").values_list("pk", flat=True)[:1000])
    Incident.categories.through.objects.filter(incident_id__in=first).delete()
    Incident.objects.filter(pk__in=first).update(title="Ändrad efter backupen")
    archived = sorted(p for p in media_root.rglob("*") if p.is_file())
    archived[0].write_bytes(b"skrivet efter backupen")
    (media_root / "efter-backupen.txt").write_text("inte i kopian")
    connection.close()


def run_one(database: str, incidents: int, postgres_url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-backup-") as folder:
        work = Path(folder)
        media = work / "media"
        if database == "sqlite":
            url = f"sqlite:///{work / 'tryggsam.sqlite3'}"
        else:
            url = postgres_url
            _fresh_postgres(url)
        _setup(url, media)
        from django.core.management import call_command
        from django.db import connection

        from tryggsam.incidents.models import Incident
        from tryggsam.privacy.fingerprint import media_fingerprints, table_fingerprints

        result: dict[str, Any] = {"database": database, **_load(incidents)}
        result["incidents"] = Incident.objects.count()
        began = time.perf_counter()
        tables, files = table_fingerprints(), media_fingerprints()
        result["fingerprint_s"] = round(time.perf_counter() - began, 1)
        result["tables"] = len(tables)
        result["rows"] = sum(count for count, _ in tables.values())
        result["archived_files"] = len(files)
        if database == "sqlite":
            result["database_bytes"] = (work / "tryggsam.sqlite3").stat().st_size
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_database_size(current_database())")
                result["database_bytes"] = cursor.fetchone()[0]

        target = work / "tryggsam.backup"
        began = time.perf_counter()
        call_command("backup", str(target), stdout=io.StringIO())
        result["backup_s"] = round(time.perf_counter() - began, 1)
        result["backup_bytes"] = target.stat().st_size
        result["backup_mode"] = oct(stat.S_IMODE(target.stat().st_mode))

        _change_everything(media)
        changed = table_fingerprints() != tables or media_fingerprints() != files

        began = time.perf_counter()
        call_command("restore", str(target), "--yes", stdout=io.StringIO())
        result["restore_s"] = round(time.perf_counter() - began, 1)

        after_tables, after_files = table_fingerprints(), media_fingerprints()
        result["changed_before_restore"] = changed
        result["exact"] = after_tables == tables and after_files == files
        if not result["exact"]:
            result["differs"] = sorted(t for t in tables if after_tables.get(t) != tables[t])[:20]
        connection.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--one", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.incidents, args.postgres_url)), flush=True)
        return
    results = []
    for database in args.databases.split(","):
        command = [sys.executable, __file__, "--one", database, "--incidents", str(args.incidents)]
        command += ["--postgres-url", args.postgres_url]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"{database}: the benchmark failed")
        line = done.stdout.strip().splitlines()[-1]
        print(line, flush=True)
        results.append(json.loads(line))
    summary = {r["database"]: {k: r[k] for k in ("backup_s", "restore_s", "backup_bytes", "exact")} for r in results}
    print(json.dumps({"incidents": args.incidents, "summary": summary}), flush=True)
    if not all(r["exact"] for r in results) or not math.prod(r["changed_before_restore"] for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
