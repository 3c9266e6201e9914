"""Load benchmark: many coordinators at once against gunicorn with the production settings.

Builds a realistic installation in a fresh database (the demo, plus `--organisations` organisations,
`--users` users with their own logins, `--partnerships` place partnerships × `--problems` problems ×
3 measures, and `--incidents` synthetic incidents through the bulk path so the roll-ups are kept),
starts gunicorn with `TRYGGSAM_SETTINGS=production` (`--workers`, `--threads`), logs every user in
through the login form and then lets all of them run the coordinator's mix for `--seconds` without
think time: the start page, the situation page for 30 days and for a year, the API's situation, the
map data, a partnership's page with its work table (150 rows by default), the meeting page, a partner
report POST, the minutes PDF and the situation PDF. Every user keeps one keep-alive connection.

Prints one JSON line per endpoint (requests, errors, median and p95 ms as the client saw them — queueing
in gunicorn included) and a total with requests per second. The database and the server log stay in
`--keep DIR` when given.

    .venv/bin/python bench/load.py [--database sqlite|postgres://…] [--incidents 100000] [--users 50]
        [--seconds 60] [--workers 2] [--threads 4]

On PostgreSQL, give a URL whose database may be dropped and created (the role needs CREATEDB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Lasttest-med-egen-inloggning-7"
MIX = (  # (endpoint name, weight)
    ("start", 10),
    ("situation_30d", 15),
    ("situation_year", 10),
    ("api_situation", 10),
    ("map_data", 10),
    ("work_table", 10),
    ("meeting_page", 10),
    ("report_post", 5),
    ("minutes_pdf", 1),
    ("situation_pdf", 1),
)


def _environment(database_url: str, settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        TRYGGSAM_SETTINGS=settings,
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        TRYGGSAM_REQUIRE_2FA="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def build(
    database_url: str, *, organisations: int, users: int, partnerships: int, problems: int, incidents: int
) -> None:
    """Runs in a child process with the development settings (the demo refuses production)."""
    env = _environment(database_url, "development")
    args = [sys.executable, __file__, "--build-only", "--database", database_url]
    args += ["--organisations", str(organisations), "--users", str(users), "--partnerships", str(partnerships)]
    args += ["--problems", str(problems), "--incidents", str(incidents)]
    subprocess.run(args, env=env, check=True, cwd=ROOT)


def _build_here(options: argparse.Namespace) -> None:
    from tryggsam.config.settings.loader import settings_module

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from tryggsam.casework.models import Measure, MeasureStatus, Problem
    from tryggsam.core.models import Classification
    from tryggsam.forums.models import Forum, ForumKind
    from tryggsam.incidents.bulk import IncidentRow, insert_incident_rows
    from tryggsam.incidents.models import IncidentCategory
    from tryggsam.places.models import Area, AreaLevel

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    rng = random.Random(2026)
    with transaction.atomic():
        orgs = [
            Organisation.objects.create(name=f"Lasttestorganisation {i + 1}", kind=OrganisationKind.ASSOCIATION)
            for i in range(options.organisations)
        ]
        administration = Organisation.objects.filter(kind=OrganisationKind.DISTRICT_ADMINISTRATION).order_by("pk")[0]
        password = make_password(PASSWORD)  # one hash for all: building must not take minutes
        for i in range(options.users):
            user = User.objects.create(
                email=f"last{i + 1}@example.org", full_name=f"Last Testare {i + 1}", password=password
            )
            Membership.objects.create(user=user, organisation=administration, role=Role.COORDINATOR)
            Membership.objects.create(user=user, organisation=orgs[i % len(orgs)], role=Role.MEMBER)
        districts = list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("pk"))
        for p in range(options.partnerships):
            area = districts[p % len(districts)]
            forum = Forum.objects.create(name=f"Lasttest platssamverkan {p + 1}", kind=ForumKind.PARTNERSHIP, area=area)
            made = Problem.objects.bulk_create(
                Problem(
                    title=f"Problem {p + 1}.{n + 1}",
                    area=area,
                    forum=forum,
                    position=n,
                    classification=Classification.INTERNAL,
                )
                for n in range(options.problems)
            )
            Measure.objects.bulk_create(
                Measure(
                    problem=problem,
                    title=f"Åtgärd {k + 1} för {problem.title}",
                    status=rng.choice([MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.DONE]),
                    position=k,
                    classification=Classification.INTERNAL,
                    responsible_organisation=orgs[k % len(orgs)],
                )
                for problem in made
                for k in range(3)
            )
    categories = list(IncidentCategory.objects.values_list("pk", flat=True))
    now = timezone.now()
    owners = [administration.pk, *(o.pk for o in orgs)]

    def rows() -> Any:
        for _ in range(options.incidents):
            district = rng.choice(districts)
            r = rng.random()
            classification = "open" if r < 0.5 else ("internal" if r < 0.9 else "restricted")
            yield IncidentRow(
                occurred_at=now - dt.timedelta(seconds=rng.randrange(3 * 365 * 86400)),
                category_ids=(rng.choice(categories),),
                district_id=district.pk,
                district_area_id=district.parent_id,
                classification=classification,
                owner_organisation_id=None if classification == "open" else rng.choice(owners),
                title="Syntetisk händelse",
                precision="district",
                municipality="Stockholm",
            )

    with transaction.atomic():
        insert_incident_rows(rows(), source="partner_report")
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


class Client:
    """One user's keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(
        self, method: str, path: str, body: dict[str, Any] | None = None, endpoint: str = "-"
    ) -> tuple[int, bytes]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Accept-Encoding": "gzip",
            "X-Bench-Endpoint": endpoint,  # names the mix's endpoint in the server's access log
        }
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    return 599, b""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def login(self, email: str) -> None:
        self.request("GET", "/konto/logga-in/")
        status, _ = self.request(
            "POST",
            "/konto/logga-in/",
            {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")},
        )
        if status != 302:
            raise SystemExit(f"login of {email} answered {status}")


def _targets(database_url: str) -> dict[str, Any]:
    """Ids the mix needs, read with the development settings in a child process."""
    code = r"""
import json, django
django.setup()
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.models import Meeting
from tryggsam.places.models import Area, AreaLevel
from tryggsam.incidents.models import IncidentCategory
from tryggsam.accounts.models import Organisation, OrganisationKind
forum = Forum.objects.filter(name__startswith="Lasttest platssamverkan").order_by("pk").first()
meeting = Meeting.objects.filter(forum__kind=ForumKind.COUNCIL).order_by("pk").first()
print(json.dumps({
    "districts": list(Area.objects.filter(level=AreaLevel.DISTRICT).values_list("pk", flat=True)),
    "district_areas": list(Area.objects.filter(level=AreaLevel.DISTRICT_AREA).values_list("pk", flat=True)),
    "forum": forum.pk, "meeting": meeting.pk,
    "category": IncidentCategory.objects.order_by("pk").values_list("pk", flat=True)[0],
    "organisation": Organisation.objects.filter(kind=OrganisationKind.DISTRICT_ADMINISTRATION).order_by("pk")[0].pk,
}))
"""
    env = _environment(database_url, "development")
    env["DJANGO_SETTINGS_MODULE"] = "tryggsam.config.settings.development"
    result = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _path(name: str, t: dict[str, Any], rng: random.Random) -> tuple[str, str, dict[str, Any] | None]:
    today = dt.date.today()
    area = rng.choice(t["district_areas"] + t["districts"])
    month = f"start={today - dt.timedelta(days=30)}&end={today}"
    year = f"start={today - dt.timedelta(days=365)}&end={today}"
    if name == "start":
        return "GET", "/", None
    if name == "situation_30d":
        return "GET", f"/lagesbild/bild/?area={area}&{month}", None
    if name == "situation_year":
        return "GET", f"/lagesbild/bild/?area={area}&{year}", None
    if name == "api_situation":
        return "GET", f"/api/v1/situation?area={area}&from={today - dt.timedelta(days=30)}&to={today}", None
    if name == "map_data":
        return "GET", f"/lagesbild/bild/karta.json?area={area}&{month}", None
    if name == "work_table":
        return "GET", f"/forum/{t['forum']}/", None
    if name == "meeting_page":
        return "GET", f"/moten/{t['meeting']}/", None
    if name == "minutes_pdf":
        return "GET", f"/moten/{t['meeting']}/minnesanteckningar.pdf", None
    if name == "situation_pdf":
        return "GET", f"/lagesbild/bild/rapport.pdf?area={area}&{month}", None
    if name == "report_post":
        when = (dt.datetime.now() - dt.timedelta(hours=rng.randrange(1, 48))).strftime("%Y-%m-%dT%H:%M")
        body = {
            "categories": [t["category"]],
            "occurred_at": when,
            "text": "Klotter på en vägg vid lasttestet.",
            "place_text": "",
            "lat": 59.31 + rng.random() * 0.01,
            "lon": 18.02 + rng.random() * 0.01,
            "reporting_organisation": t["organisation"],
            "classification": "internal",
        }
        return "POST", "/lagesbild/rapportera/", body
    raise ValueError(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_cpu_seconds() -> float:
    """User + system CPU seconds of this machine's PostgreSQL processes (0 when none run here): with the
    database on the same two cores, its backends' share is part of what a request costs. A backend
    that ends during the run (a persistent connection closed at CONN_MAX_AGE) is counted too: its
    CPU moves to the postmaster's reaped-children fields, which are added here."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, fields = text[text.find("(") + 1 : text.rfind(")")], text.rsplit(")", 1)[1].split()
        if name.startswith("postgres"):
            total += sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
    return total


def _tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and all its live descendants (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            continue
    return total


def _server_side(access_log: Path, names: list[str]) -> dict[str, dict[str, float]]:
    """Median and p95 (ms) per endpoint of the server's own request times."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in access_log.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in names and parts[2].isdigit():
            times[parts[0]].append(int(parts[2]) / 1000)
    figures = {}
    for name, values in times.items():
        values.sort()
        figures[name] = {
            "server_median_ms": round(statistics.median(values), 1),
            "server_p95_ms": round(values[min(len(values) - 1, int(0.95 * len(values)))], 1),
        }
    return figures


def run(options: argparse.Namespace, database_url: str, log: Path) -> None:
    targets = _targets(database_url)
    access_log = log.with_suffix(".access.log")
    access_log.unlink(missing_ok=True)  # gunicorn appends
    port = _free_port()
    env = _environment(database_url, "production")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tryggsam.config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--threads",
            str(options.threads),
            "--timeout",
            "60",
            # Server-side time per request (microseconds) with the mix's endpoint name: the target is
            # the server's p95, which the client's figure (queueing in the backlog included) is not.
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%({x-bench-endpoint}i)s %(s)s %(D)s",
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    # Documents are generated in the background (issue 17, item 4): a download answers 200 with the
    # stored file, or 202 with a progress page while the cluster renders it.
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        env=env,
        cwd=ROOT,
        stdout=log.with_suffix(".qcluster.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        clients = [Client(port) for _ in range(options.users)]
        for i, client in enumerate(clients):
            client.login(f"last{i + 1}@example.org")
            client.request("GET", "/lagesbild/rapportera/")  # its CSRF cookie for the report POST
        results: dict[str, list[tuple[int, float]]] = defaultdict(list)
        lock = threading.Lock()
        stop = time.monotonic() + options.seconds
        names = [n for n, _ in MIX]
        weights = [w for _, w in MIX]

        def user(client: Client, seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                name = rng.choices(names, weights)[0]
                method, path, body = _path(name, targets, rng)
                if body is not None:
                    body["csrfmiddlewaretoken"] = client.cookies.get("csrftoken", "")
                started = time.perf_counter()
                status, _ = client.request(method, path, body, endpoint=name)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    results[name].append((status, elapsed))

        threads = [threading.Thread(target=user, args=(c, i)) for i, c in enumerate(clients)]
        cpu_before = (
            _tree_cpu_seconds(server.pid),
            _tree_cpu_seconds(cluster.pid),
            time.process_time(),
            _postgres_cpu_seconds(),
        )
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
        cpu = {
            "cpu_s_gunicorn": round(_tree_cpu_seconds(server.pid) - cpu_before[0], 1),
            "cpu_s_qcluster": round(_tree_cpu_seconds(cluster.pid) - cpu_before[1], 1),
            "cpu_s_client": round(time.process_time() - cpu_before[2], 1),
            "cpu_s_postgres": round(_postgres_cpu_seconds() - cpu_before[3], 1),
        }
    finally:
        server.send_signal(signal.SIGTERM)
        cluster.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        cluster.wait(timeout=60)
    total = errors = 0
    server_side = _server_side(access_log, names)
    for name in names:
        rows = results.get(name, [])
        ok = {"report_post": {302}, "minutes_pdf": {200, 202}, "situation_pdf": {200, 202}}.get(name, {200})
        bad = sum(1 for status, _ in rows if status not in ok)
        times = sorted(ms for _, ms in rows)
        total += len(rows)
        errors += bad
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else None
        line = {"endpoint": name, "requests": len(rows), "errors": bad}
        if name.endswith("_pdf"):
            line["in_progress_202"] = sum(1 for status, _ in rows if status == 202)
        line |= {
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(p95, 1) if p95 else None,
        }
        line |= server_side.get(name, {})
        print(json.dumps(line))
    summary = {"total": total, "errors": errors, "seconds": round(wall, 1), "requests_per_s": round(total / wall, 1)}
    summary |= {
        "users": options.users,
        "workers": options.workers,
        "threads": options.threads,
        "incidents": options.incidents,
    }
    summary |= cpu
    if wall:
        summary["server_cpu_ms_per_request"] = round(1000 * cpu["cpu_s_gunicorn"] / max(total, 1), 1)
        if cpu["cpu_s_postgres"]:
            summary["postgres_cpu_ms_per_request"] = round(1000 * cpu["cpu_s_postgres"] / max(total, 1), 1)
    print(json.dumps(summary))


def _fresh_postgres(url: str) -> None:
    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit("the PostgreSQL database name must be [a-z0-9_]+")
    admin = parsed._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--organisations", type=int, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--problems", type=int, default=50)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="run against the installation built before (SQLite in --keep, or the PostgreSQL database)",
    )
    options = parser.parse_args()
    if options.build_only:
        sys.path.insert(0, str(ROOT))
        _build_here(options)
        return
    folder = options.keep or Path(tempfile.mkdtemp(prefix="tryggsam-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    if options.database == "sqlite":
        database = folder / "load.sqlite3"
        database_url = f"sqlite:///{database}"
        if options.reuse and database.exists():
            run(options, database_url, folder / "gunicorn.log")
            return
        database.unlink(missing_ok=True)
    else:
        database_url = options.database
        if options.reuse:
            run(options, database_url, folder / "gunicorn.log")
            return
        _fresh_postgres(database_url)
    build(
        database_url,
        organisations=options.organisations,
        users=options.users,
        partnerships=options.partnerships,
        problems=options.problems,
        incidents=options.incidents,
    )
    run(options, database_url, folder / "gunicorn.log")


if __name__ == "__main__":
    main()
