"""Profile the three paths of the load mix's situation PDF download in process (issue 17, item 4):

- `first`: nothing stored for the (report, audience): the job is started and the answer is 202 with
  the progress page (nearly every such request under load);
- `ready`: the current version is stored: the file is served;
- `earlier`: only an earlier version of the same audience is stored, with facts that still hold: the
  job is started and the earlier file is served while it runs (`X-Document-Status: updating`).

Same setup as `bench/page_profile.py` (production settings, the load user, each request in a
transaction that is rolled back, so the queued job is never stored), with the generated files in a
temporary folder that is emptied for every request; the stored files are stand-ins (a few bytes), so
what is measured is the request, not the reading of a large file. Prints per path the median, p95
and highest CPU ms, the median and highest number of queries, the Python calls of one request and
(PostgreSQL) the backend's CPU. The areas are drawn as the load mix draws them (a district area, with
its districts as top places, about one request in eleven).

    .venv/bin/python bench/situation_pdf_paths.py --database /tmp/load_pages/load.sqlite3 \
        [--paths first,ready,earlier] [--repeat 10] [--profile 25] [--sql]
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
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="a SQLite file or a postgres://… URL")
    parser.add_argument("--paths", default="first,ready,earlier")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions per path")
    parser.add_argument("--user", default="last1@example.org")
    parser.add_argument("--dump", help="write each path's answers here (one file per request, CSRF tokens masked)")
    parser.add_argument("--sql", action="store_true", help="print the SQL of each path's last request")
    options = parser.parse_args()

    import load  # the load benchmark: same URLs

    database_url = options.database if "://" in options.database else f"sqlite:///{options.database}"
    os.environ.update(load._environment(database_url, "production"))
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    generated_root = Path(tempfile.mkdtemp(prefix="situation-pdf-paths-"))
    os.environ["TRYGGSAM_GENERATED_ROOT"] = str(generated_root)
    targets = load._targets(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tryggsam.config.settings.production"
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from tryggsam.accounts.models import User
    from tryggsam.core import generated
    from tryggsam.places.models import Area
    from tryggsam.situation.report.generated import KIND, report_facts

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

    reader = User.objects.get(email=options.user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)

    def get(path: str) -> object:
        with transaction.atomic():
            response = client.get(path)
            transaction.set_rollback(True)
        return response

    def prepare(kind: str, path: str) -> None:
        """Empty the generated files, then store what the path needs (stand-in bytes)."""
        shutil.rmtree(generated_root, ignore_errors=True)
        if kind == "first":
            return
        response = get(path)  # 202: tells the current version (the status URL's `v`)
        match = re.search(rb"v=([0-9a-f]{32})", response.content)
        if response.status_code != 202 or match is None:
            raise SystemExit(f"{path}: {response.status_code}, no version")
        version = match.group(1).decode()
        shutil.rmtree(generated_root, ignore_errors=True)  # the marker of the job that was started
        query = dict(re.findall(r"(\w+)=([^&]+)", path.split("?", 1)[1]))
        area = Area.objects.get(pk=int(query["area"]))
        object_id = f"{area.pk}-{query['start'].replace('-', '')}-{query['end'].replace('-', '')}"
        from tryggsam.accounts import permissions

        audience = permissions.reading_audience(reader)
        if kind == "ready":
            generated.store(generated.FileKey(KIND, object_id, audience, version, "pdf"), b"%PDF-ready\n")
            return
        import datetime as dt

        with translation.override("sv"):
            facts = report_facts(
                reader, area=area, start=dt.date.fromisoformat(query["start"]), end=dt.date.fromisoformat(query["end"])
            )
        earlier = generated.FileKey(KIND, object_id, audience, "0" * 32, "pdf")
        generated.store(earlier, b"%PDF-earlier\n", facts)

    expected = {"first": (202, None), "ready": (200, None), "earlier": (200, "updating")}
    for kind in options.paths.split(","):
        rng = random.Random(7)
        cpu: list[float] = []
        backend: list[float] = []
        queries: list[int] = []
        statements: list[str] = []
        profiler = cProfile.Profile()
        calls = 0
        for i in range(options.repeat + 2):  # a warm-up, the measured ones, one with the call counter
            _, path, _ = load._path("situation_pdf", targets, rng)
            prepare(kind, path)
            counter = cProfile.Profile() if i == options.repeat + 1 else None
            with transaction.atomic():
                backend_before = backend_cpu()
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    if counter is not None:
                        counter.enable()
                    elif options.profile and i:
                        profiler.enable()
                    response = client.get(path)
                    if counter is not None:
                        counter.disable()
                    elif options.profile and i:
                        profiler.disable()
                    spent = time.process_time() - started
                spent_backend = backend_cpu() - backend_before
                transaction.set_rollback(True)
            status, header = expected[kind]
            if response.status_code != status or response.get("X-Document-Status") != header:
                raise SystemExit(f"{kind} {path}: {response.status_code} {response.get('X-Document-Status')}")
            if options.dump:
                body = re.sub(rb'csrfmiddlewaretoken" value="[^"]+"', b"csrf", response.content)
                body = re.sub(rb'"X-CSRFToken": "[^"]+"', b"csrf", body)
                Path(options.dump, f"{kind}-{i}.out").write_bytes(body)
            if counter is not None:
                calls = pstats.Stats(counter).total_calls  # type: ignore[attr-defined]
            elif i:  # the first is a warm-up
                cpu.append(spent * 1000)
                backend.append(spent_backend * 1000)
                queries.append(len(captured.captured_queries))
                statements = [q["sql"] for q in captured.captured_queries]
        cpu.sort()
        print(
            f"{kind:8} median {statistics.median(cpu):7.1f} ms CPU  p95 {cpu[int(0.95 * (len(cpu) - 1))]:7.1f}"
            f"  max {cpu[-1]:7.1f}  queries {statistics.median(queries):3.0f} (max {max(queries)})  calls {calls:7d}"
            + (f"  backend {statistics.mean(backend):6.1f} ms CPU (mean)" if connection.vendor == "postgresql" else ""),
            flush=True,
        )
        if options.sql:
            for sql in statements:
                print(f"  {sql[:400]}")
        if options.profile:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
                options.profile
            )
            print(out.getvalue())
    shutil.rmtree(generated_root, ignore_errors=True)


if __name__ == "__main__":
    main()
