"""Profile the load mix's report POST (a partner's incident report through the form) as gunicorn runs
it: each request commits (no enclosing transaction, so the work after the commit runs too: the
audit's write counters and their listeners), and print what it saved, so that a change can be shown
to save the same rows.

WRITES into the database given: use a copy of the load installation (`bench/load.py --keep`).

    .venv/bin/python bench/report_post_rows.py --database /tmp/me/load.sqlite3 [--repeat 10] \
        [--profile 25] [--sql] [--rows FILE]

Prints the median CPU ms, the statements and the Python calls of one request, and (PostgreSQL) the
backend's CPU; `--rows FILE` writes each request's saved rows (the incident, its categories and
sharing, its audit rows, the change of the roll-ups' sums, the write counters and the counts-change
rows), with ids and times masked, one JSON line per request, for a diff before/after.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="a SQLite file or a postgres://… URL (a copy: it is written)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--user", default="last1@example.org")
    parser.add_argument("--sql", action="store_true", help="print the SQL of the last request")
    parser.add_argument("--rows", help="write the saved rows here (JSON lines, ids and times masked)")
    options = parser.parse_args()

    import load

    database_url = options.database if "://" in options.database else f"sqlite:///{options.database}"
    os.environ.update(load._environment(database_url, "production"))
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    targets = load._targets(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tryggsam.config.settings.production"
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tryggsam.accounts.models import User
    from tryggsam.audit.models import AuditEvent, WriteCounter
    from tryggsam.effects.models import CountsChange
    from tryggsam.incidents.models import Incident
    from tryggsam.situation.models import DailyRollup, MonthlyRollup

    def backend_cpu() -> float:
        if connection.vendor != "postgresql":
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def masked(value: Any) -> Any:
        return json.loads(TIME.sub("<time>", json.dumps(value, default=str, sort_keys=True)))

    def state() -> dict[str, Any]:
        return {
            "incident": Incident.objects.order_by("-pk").values_list("pk", flat=True).first(),
            "audit": AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first(),
            "counts_change": CountsChange.objects.count(),
            "counters": dict(WriteCounter.objects.values_list("object_type", "writes")),
            "daily": DailyRollup.objects.aggregate(n=Sum("count"))["n"],
            "monthly": MonthlyRollup.objects.aggregate(n=Sum("count"))["n"],
        }

    def saved(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
        incidents = []
        for incident in Incident.objects.filter(pk__gt=before["incident"] or 0).order_by("pk"):
            row = {f.attname: getattr(incident, f.attname) for f in Incident._meta.concrete_fields}
            for name in ("id", "created_at", "updated_at", "reported_at", "occurred_at"):
                row.pop(name)
            row["categories"] = sorted(incident.categories.values_list("pk", flat=True))
            row["shared_with"] = sorted(incident.shared_with.values_list("pk", flat=True))
            incidents.append(row)
        audit = [
            {k: v for k, v in row.items() if k not in {"id", "occurred_at", "object_id"}}
            for row in AuditEvent.objects.filter(pk__gt=before["audit"] or 0).order_by("pk").values()
        ]
        for row in audit:
            changes = row.get("changes") or {}
            if "id" in changes:
                changes["id"] = "<id>"
        counters = {
            k: v - before["counters"].get(k, 0) for k, v in after["counters"].items() if v != before["counters"].get(k)
        }
        return masked(
            {
                "incidents": incidents,
                "audit": audit,
                "counters": counters,
                "counts_change": after["counts_change"] - before["counts_change"],
                "daily": (after["daily"] or 0) - (before["daily"] or 0),
                "monthly": (after["monthly"] or 0) - (before["monthly"] or 0),
            }
        )

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=options.user))
    rng = random.Random(7)
    cpu: list[float] = []
    backend: list[float] = []
    queries: list[int] = []
    statements: list[str] = []
    lines: list[str] = []
    profiler = cProfile.Profile()
    calls = 0
    for i in range(options.repeat + 2):  # a warm-up, the measured ones, one with the call counter
        _, path, body = load._path("report_post", targets, rng)
        before = state()
        counter = cProfile.Profile() if i == options.repeat + 1 else None
        backend_before = backend_cpu()
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            if counter is not None:
                counter.enable()
            elif options.profile and i:
                profiler.enable()
            response = client.post(path, body)
            if counter is not None:
                counter.disable()
            elif options.profile and i:
                profiler.disable()
            spent = time.process_time() - started
        spent_backend = backend_cpu() - backend_before
        if response.status_code != 302:
            raise SystemExit(f"report_post {path}: {response.status_code}")
        lines.append(json.dumps(saved(before, state()), sort_keys=True, ensure_ascii=False))
        if counter is not None:
            calls = pstats.Stats(counter).total_calls  # type: ignore[attr-defined]
        elif i:
            cpu.append(spent * 1000)
            backend.append(spent_backend * 1000)
            queries.append(len(captured.captured_queries))
            statements = [q["sql"] for q in captured.captured_queries]
    cpu.sort()
    print(
        f"report_post median {statistics.median(cpu):6.1f} ms CPU  p95 {cpu[int(0.95 * (len(cpu) - 1))]:6.1f}"
        f"  statements {statistics.median(queries):3.0f}  calls {calls:7d}"
        + (f"  backend {statistics.mean(backend):5.1f} ms CPU (mean)" if connection.vendor == "postgresql" else ""),
        flush=True,
    )
    if options.rows:
        Path(options.rows).write_text("\n".join(lines) + "\n")
    if options.sql:
        for sql in statements:
            print(f"  {sql[:300]}")
    if options.profile:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(options.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
