"""Benchmark of the meeting page as the coordinator who runs the meeting sees it, with realistic data.

Builds, in its own in-memory SQLite database: a council with `--partnerships` place partnerships (so
the standard agenda has 6 + partnerships items: 10 by default) whose work tables hold `--rows` rows in
all (problems with one measure and a follow-up each, split evenly over the partnerships), and a register
of `--problems` further problems with one measure each, spread over 20 working groups under the
council (the "thousands of problems and measures" a council has after some years). A third of the
register is restricted to another organisation, so the coordinator may not read it. The meeting has 15
people called.

Then it fetches the meeting page `--repeat` times through Django's test client as the coordinator (the
whole request: middleware, views, selectors, templates) and prints one JSON line: the median and the
slowest server time in ms (and the median CPU time of the process, which other load on the
machine disturbs less), the page's size in bytes, the number of `<option>` elements and of SQL
queries; the same for one register search (`--search`), for one partnership's work tables, which
the page loads after it has arrived, and for a partnership item's decision form, which the page loads
when it is opened (each where the endpoint exists).

    .venv/bin/python bench/meeting_page.py [--partnerships 4] [--rows 150] [--problems 4000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggsam.config.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"  # never touch a developer's database

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

WORDS = ["Torget", "Stationen", "Skolgården", "Parken", "Gångtunneln", "Centrum", "Badplatsen", "Hållplatsen"]
TROUBLES = ["klotter", "nedskräpning", "mörka stråk", "ungdomar samlas sent", "cykelstölder", "skadegörelse"]
ACTIONS = ["extra städning", "bättre belysning", "kvällsvandringar", "fältgruppen går pass", "trygghetsvandring"]


def build(*, partnerships: int, rows: int, problems: int) -> dict[str, Any]:
    from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem, WorkKind
    from tryggsam.core.models import Classification
    from tryggsam.forums.models import Forum, ForumKind, ForumMember
    from tryggsam.meetings import services

    district = Organisation.objects.create(name="Stadsdelsförvaltningen", kind=OrganisationKind.DISTRICT_ADMINISTRATION)
    police = Organisation.objects.create(name="Lokalpolisområdet", kind=OrganisationKind.POLICE)
    coordinator = User.objects.create_user(email="samordnare@exempel.se", password="x", full_name="Samordnaren")
    Membership.objects.create(user=coordinator, organisation=district, role=Role.COORDINATOR)
    council = Forum.objects.create(name="Trygghetsrådet", kind=ForumKind.COUNCIL, owner_organisation=district)
    people = []
    for n in range(15):
        person = User.objects.create_user(email=f"ledamot{n}@exempel.se", password="x", full_name=f"Ledamot {n}")
        Membership.objects.create(user=person, organisation=police if n % 2 else district, role=Role.MEMBER)
        people.append(ForumMember(forum=council, user=person, organisation=police if n % 2 else district))
    ForumMember.objects.bulk_create(people)

    def add(forums: list[Forum], count: int, *, restricted_share: int = 0, follow_up: bool = False) -> None:
        made = Problem.objects.bulk_create(
            Problem(
                forum=forums[n % len(forums)],
                kind=WorkKind.DEVELOPMENT if n % 5 == 0 else WorkKind.PROBLEM,
                title=f"{WORDS[n % len(WORDS)]} {n}: {TROUBLES[n % len(TROUBLES)]}",
                position=n,
                classification=Classification.RESTRICTED if restricted_share and n % restricted_share == 0 else Classification.INTERNAL,
                owner_organisation=police if restricted_share and n % restricted_share == 0 else district,
            )
            for n in range(count)
        )  # fmt: skip
        measures = Measure.objects.bulk_create(
            Measure(
                problem=p,
                kind=p.kind,
                title=f"{ACTIONS[i % len(ACTIONS)].capitalize()} ({i})",
                responsible_text="Fältgruppen",
                participants_text="Polisen, fastighetsägaren",
                status=MeasureStatus.ONGOING,
                classification=p.classification,
                owner_organisation=p.owner_organisation,
                position=i,
            )
            for i, p in enumerate(made)
        )
        if follow_up:
            FollowUp.objects.bulk_create(
                FollowUp(
                    measure=m,
                    date=dt.date(2026, 11, 1),
                    text="Lugnare sedan förra mötet.",
                    status_after=MeasureStatus.ONGOING,
                    classification=m.classification,
                    owner_organisation=m.owner_organisation,
                )
                for m in measures
            )

    places = [
        Forum.objects.create(
            name=f"Platssamverkan {WORDS[n % len(WORDS)]} {n}", kind=ForumKind.PARTNERSHIP, parent=council,
            owner_organisation=district,
        )
        for n in range(partnerships)
    ]  # fmt: skip
    add(places, rows, follow_up=True)
    groups = [
        Forum.objects.create(name=f"Arbetsgrupp {n}", kind=ForumKind.WORKING_GROUP, parent=council, owner_organisation=district)
        for n in range(20)
    ]  # fmt: skip
    add(groups, problems, restricted_share=3)
    meeting = services.meeting_schedule(
        actor=coordinator, forum=council, date=dt.date(2026, 12, 10), location="Stadsdelshuset", chair=coordinator
    )
    services.agenda_from_template(actor=coordinator, meeting=meeting)
    services.meeting_call(actor=coordinator, meeting=meeting)
    return {"coordinator": coordinator, "meeting": meeting, "items": meeting.items.count()}


def fetch(client: Client, url: str, repeat: int, *, htmx: bool = False) -> dict[str, Any]:
    times, cpu, body, queries = [], [], b"", 0
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        body, queries = response.content, len(captured)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),  # less sensitive to other load on the machine
        "bytes": len(body),
        "options": body.count(b"<option"),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=4)
    parser.add_argument("--rows", type=int, default=150, help="work-table rows in all the partnerships")
    parser.add_argument("--problems", type=int, default=4000, help="further problems (one measure each)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--search", default="belysning", help="text for one decision search")
    parser.add_argument("--dump", default="", help="write the page's HTML to this file")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one page request")
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    world = build(partnerships=args.partnerships, rows=args.rows, problems=args.problems)
    client = Client()
    client.force_login(world["coordinator"])
    meeting = world["meeting"]
    result: dict[str, Any] = {
        "agenda_items": world["items"],
        "work_table_rows": args.rows,
        "register_problems": args.problems,
        "register_measures": args.problems,
        "page": fetch(client, reverse("meetings:detail", args=[meeting.pk]), args.repeat),
    }
    try:  # the on-demand search of the register (absent before it existed)
        item = meeting.items.order_by("position").first()
        search_url = (
            reverse("meetings:row_search", args=[meeting.pk]) + f"?falt=measure&punkt={item.pk}&q={args.search}"
        )
    except NoReverseMatch:
        search_url = ""
    if search_url:
        result["search"] = fetch(client, search_url, args.repeat)
    try:  # a partnership's work tables, loaded after the page (absent before they were)
        partnership_item = meeting.items.filter(partnership__isnull=False).first()
        result["tables"] = fetch(client, reverse("meetings:item_tables", args=[partnership_item.pk]), args.repeat)
    except NoReverseMatch:
        pass
    try:  # a partnership item's decision form, loaded when it is opened (on the page before it was)
        form_url = reverse("meetings:item_form", args=[partnership_item.pk, "beslut"])
        result["decision_form"] = fetch(client, form_url, args.repeat, htmx=True)
    except NoReverseMatch:
        pass
    if args.dump:
        Path(args.dump).write_bytes(client.get(reverse("meetings:detail", args=[meeting.pk])).content)
    if args.profile:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("meetings:detail", args=[meeting.pk]))
        for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:5]:
            print(query["time"], query["sql"][:400])
        import cProfile
        import pstats

        url = reverse("meetings:detail", args=[meeting.pk])
        cProfile.runctx("client.get(url)", globals(), {"client": client, "url": url}, "/tmp/meeting_page.prof")
        pstats.Stats("/tmp/meeting_page.prof").sort_stats("cumulative").print_stats(40)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
