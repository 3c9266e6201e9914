"""Profile one or more of the load benchmark's pages in process: cProfile and the SQL queries per request.

Runs Django's test client with the production settings against a database built by `bench/load.py
--keep DIR` (SQLite), logged in as one of the load users, and prints per endpoint the median CPU
milliseconds, the number of SQL queries, and (with --profile) the top functions by cumulative time.

    .venv/bin/python bench/page_profile.py --database /tmp/load_pages/load.sqlite3 \
        [--endpoints work_table,situation_30d] [--repeat 10] [--profile 25] [--sql]

Besides the load mix's endpoints: `base_page`, the cheapest page of a logged-in user (the base template
and the middleware, nothing else: what every page pays), and `api_area`, one area through the API (what
every API call pays).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="a SQLite file or a postgres://… URL")
    parser.add_argument("--endpoints", default="start,situation_30d,situation_year,map_data,work_table")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions per endpoint")
    parser.add_argument("--user", default="last1@example.org")
    parser.add_argument("--dump", help="write each endpoint's last answer here (CSRF tokens masked)")
    parser.add_argument("--sql", action="store_true", help="print the SQL of each endpoint's last request")
    options = parser.parse_args()

    import load  # the load benchmark: same URLs, same password

    # A file is a SQLite database; a postgres://… URL a PostgreSQL one (built by `bench/load.py --database`).
    database_url = options.database if "://" in options.database else f"sqlite:///{options.database}"
    os.environ.update(load._environment(database_url, "production"))
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    targets = load._targets(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tryggsam.config.settings.production"
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tryggsam.accounts.models import User

    def path_of(name: str, rng: random.Random) -> tuple[str, str, dict | None]:
        if name == "base_page":  # a template view behind login_required: the fixed cost of a page
            return "GET", "/konto/losenord/klart/", None
        if name == "api_area":  # one area (no geometry): the fixed cost of an API call
            return "GET", f"/api/v1/areas/{targets['districts'][0]}", None
        return load._path(name, targets, rng)

    def backend_cpu() -> float:
        """CPU seconds of this connection's PostgreSQL backend so far (0 on SQLite or a remote server)."""
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

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=options.user))  # the login form is not what is measured
    for name in options.endpoints.split(","):
        rng = random.Random(7)
        cpu: list[float] = []
        backend: list[float] = []
        queries = 0
        statements: list[str] = []
        profiler = cProfile.Profile()
        for i in range(options.repeat + 1):
            method, path, body = path_of(name, rng)
            with transaction.atomic():  # a report POST must not change the database between runs
                backend_before = backend_cpu()
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    if options.profile and i:
                        profiler.enable()
                    response = client.get(path) if method == "GET" else client.post(path, body)
                    if options.profile and i:
                        profiler.disable()
                    spent = time.process_time() - started
                spent_backend = backend_cpu() - backend_before
                transaction.set_rollback(True)
            if response.status_code >= 400:
                raise SystemExit(f"{name} {path}: {response.status_code}")
            if i:  # the first is a warm-up
                cpu.append(spent * 1000)
                backend.append(spent_backend * 1000)
                queries = len(captured.captured_queries)
                statements = [q["sql"] for q in captured.captured_queries]  # the next request clears the log
        counter = cProfile.Profile()  # Python function calls of one request: a figure the noise leaves alone
        method, path, body = path_of(name, random.Random(7))
        with transaction.atomic():
            counter.enable()
            client.get(path) if method == "GET" else client.post(path, body)
            counter.disable()
            transaction.set_rollback(True)
        calls = pstats.Stats(counter).total_calls  # type: ignore[attr-defined]
        cpu.sort()
        print(
            f"{name:15} median {statistics.median(cpu):7.1f} ms CPU  p95 {cpu[int(0.95 * (len(cpu) - 1))]:7.1f}"
            f"  queries {queries:4d}  calls {calls:8d}  bytes {len(response.content)}"
            + (f"  backend {statistics.mean(backend):6.1f} ms CPU (mean)" if connection.vendor == "postgresql" else ""),
            flush=True,
        )
        if options.dump:
            masked = re.sub(rb'csrfmiddlewaretoken" value="[^"]+"', b"csrf", response.content)
            (Path(options.dump) / f"{name}.out").write_bytes(re.sub(rb'"X-CSRFToken": "[^"]+"', b"csrf", masked))
        if options.sql:
            for sql in statements:
                print(f"  {sql[:400]}")
        if options.profile:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
                options.profile
            )
            print(out.getvalue())


if __name__ == "__main__":
    main()
