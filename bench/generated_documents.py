"""Benchmark of the documents off the request path (issue 17, item 4): the server time of a download
when the file is ready (served from storage) against rendering it on the request (what the download
did before, and what the background job does now), for the minutes PDF of a large meeting and the
situation report PDF.

Builds, in its own in-memory SQLite database, the meeting of bench/meeting_page.py (a council whose
partnerships hold `--rows` work-table rows, so the minutes run to tens of pages) and `--incidents`
incidents in one district for the report. Each figure is the median of `--repeat` requests through
Django's test client as the coordinator (middleware, view, policy, audit), wall and CPU time of the
process; "on request" calls the renderer the job runs (`render_job`) the same number of times.
Generated files go to a temporary folder.

    .venv/bin/python bench/generated_documents.py [--rows 600] [--incidents 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggsam.config.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"  # never touch a developer's database
os.environ["TRYGGSAM_GENERATED_ROOT"] = tempfile.mkdtemp(prefix="tryggsam-generated-")

import django  # noqa: E402
import pdfplumber  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from meeting_page import build  # noqa: E402


def timed(call: Any, repeat: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"median_ms": round(statistics.median(wall), 1), "median_cpu_ms": round(statistics.median(cpu), 1)}


def ok(response: Any) -> None:
    assert response.status_code == 200, response.status_code


def report_world(coordinator: Any, incidents: int) -> Any:
    from tryggsam.incidents.models import Incident, IncidentSource
    from tryggsam.incidents.services import ensure_default_categories
    from tryggsam.places.models import Area
    from tryggsam.situation.rollups import add_incidents

    square = '{"type":"Polygon","coordinates":[[[18.0,59.3],[18.03,59.3],[18.03,59.32],[18.0,59.32],[18.0,59.3]]]}'
    district = Area.objects.create(name="Torgby", level="district", geometry=square)
    categories = list(ensure_default_categories().values())
    made = Incident.objects.bulk_create(
        Incident(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC) + dt.timedelta(minutes=13 * n),
            district=district,
            lat=59.3 + (n % 97) / 5000,
            lon=18.0 + (n % 89) / 3000,
            precision="place",
        )
        for n in range(incidents)
    )
    through = Incident.categories.through
    through.objects.bulk_create(
        through(incident_id=i.pk, incidentcategory_id=categories[n % 6].pk) for n, i in enumerate(made)
    )
    add_incidents([(i, [categories[n % 6].pk]) for n, i in enumerate(made)])
    return district


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=4)
    parser.add_argument("--rows", type=int, default=600, help="work-table rows in all the partnerships")
    parser.add_argument("--problems", type=int, default=400)
    parser.add_argument("--incidents", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from tryggsam.core import generated
    from tryggsam.meetings.minutes.generated import job_params, minutes_key, minutes_version
    from tryggsam.meetings.minutes.generated import render_job as render_minutes_job
    from tryggsam.situation.report.generated import job_params as report_params
    from tryggsam.situation.report.generated import render_job as render_report_job
    from tryggsam.situation.report.generated import report_key

    setup_test_environment()
    call_command("migrate", verbosity=0)
    world = build(partnerships=args.partnerships, rows=args.rows, problems=args.problems)
    coordinator, meeting = world["coordinator"], world["meeting"]
    client = Client()
    client.force_login(coordinator)
    result: dict[str, Any] = {"generated_root": settings.TRYGGSAM_GENERATED_ROOT}

    minutes_url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    first = client.get(minutes_url)  # sync queue: the job runs inline and stores the file
    ok(first)
    with pdfplumber.open(io.BytesIO(first.content)) as pdf:
        result["minutes_pages"] = len(pdf.pages)
    params = job_params(meeting, coordinator, fmt="pdf", public=False)
    result["minutes_pdf"] = {
        "on_request (render, as before)": timed(lambda: render_minutes_job(params), args.repeat),
        "ready (served from storage)": timed(lambda: ok(client.get(minutes_url)), args.repeat),
        "version only (context + hash)": timed(
            lambda: minutes_key(meeting, coordinator, fmt="pdf", public=False), args.repeat
        ),
        "version as the download computes it (cached per meeting and audience)": timed(
            lambda: minutes_version(meeting, coordinator, fmt="pdf", public=False), args.repeat
        ),
        "version after an audited write elsewhere (cache entry computed again)": timed(
            lambda: (cache.clear(), minutes_version(meeting, coordinator, fmt="pdf", public=False)), args.repeat
        ),
    }

    district = report_world(coordinator, args.incidents)
    query = {"area": district.pk, "start": "2026-10-01", "end": "2026-12-31"}
    report_url = reverse("situation:report_pdf")
    ok(client.get(report_url, query))
    start, end = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    rparams = report_params(coordinator, area=district, start=start, end=end, fmt="pdf")
    result["incidents"] = args.incidents
    result["situation_pdf"] = {
        "on_request (render, as before)": timed(lambda: render_report_job(rparams), args.repeat),
        "ready (served from storage)": timed(lambda: ok(client.get(report_url, query)), args.repeat),
        "version only (data version + hash)": timed(
            lambda: report_key(coordinator, area=district, start=start, end=end, fmt="pdf"), args.repeat
        ),
    }
    result["stored_files"] = sorted(
        str(p.relative_to(generated.generated_root())) for p in generated.generated_root().rglob("*") if p.is_file()
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
