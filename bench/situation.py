"""Benchmark of the situation picture: bulk import with roll-ups, the situation query, and DuckDB.

For each size it starts a fresh process with its own SQLite file in /tmp (WAL), migrates, loads the
117 Stockholm districts and their district areas from ../shared/data/geo, generates synthetic incidents
(15 categories, weekly, daily and seasonal rhythm, a few hotspot districts, mixed sources and
classifications, some with two categories) over three years, imports them in chunks of 200 000 through
`tryggsam.incidents.bulk.import_incident_rows` (the production path that keeps the roll-ups; one call
per chunk and source), then times
50 `situation_for` calls as a coordinator for a random district over a month and 50 over a year, and
DuckDB (in-memory, fed the same raw rows exported from SQLite) computing the per-category counts of the
period, the previous period and the same period last year for the same districts and periods.
`peak_rss_mb` is the process's peak RSS before DuckDB starts (generation, import and queries).
`import_rows_per_cpu_s` divides by the process's CPU time instead of the wall-clock time: on a shared
machine it shows what an idle one would do (it leaves out waiting for the disk).

With `--order time` (the default) the chunks follow each other in time, as incidents accumulate and as
an archive is exported; with `--order random` every chunk spans all three years, so that each one
touches the whole roll-up table and indexes (the worst case for an import).

    .venv/bin/python bench/situation.py [--sizes 100000,1000000,10000000] [--order time|random]

Prints one JSON line: {"order": ..., "results": [{"size": N, "import_rows_per_s": ..., ...}, ...]}.

With `--polygon` (issue 17, item 5) the incidents are located as the services locate them: half to a
place (a point inside its district), 45 % to a district only, 5 % to the municipality only (no
district); then a coordinator's picture of a drawn polygon is timed, for the whole city (a polygon
of 24 corners around it) and for a district-sized hexagon across district borders, over a month and a
year: "before" is the raw count as it was (`tests/situation/polygon_reference.py`), "after" the
roll-ups inside and raw rows along the edge (`situation.selectors._polygon_tally`), in the same
process, median wall and CPU milliseconds; the two must give the same figures (checked).

    .venv/bin/python bench/situation.py --polygon --sizes 1000000 [--before-runs 3] [--keep /tmp/x/poly.sqlite3]

`--keep FILE` builds the database in FILE the first time and times on it as it is afterwards, so that
another checkout's code (this script copied into it) can be timed on the same rows, in turns.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 200_000
QUERIES = 50
FIRST_DAY = dt.date(2023, 11, 1)
LAST_DAY = dt.date(2026, 10, 31)
SOURCES = [("police_event", 55), ("partner_report", 30), ("resident_tip", 10), ("safety_walk", 5)]
HOURS = [3, 2, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 6, 7, 8, 9, 10, 10, 9, 7, 5]
WEEKDAYS = [0.9, 0.9, 0.95, 1.0, 1.25, 1.35, 1.1]  # Monday..Sunday


def _setup(db_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["TRYGGSAM_SETTINGS"] = "test"
    from tryggsam.config.settings.loader import settings_module

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
    import django

    django.setup()


def _world(built: bool = False) -> dict[str, Any]:
    """Areas, categories, organisations and the coordinator who queries (`built`: read from a kept database)."""
    from django.conf import settings
    from django.core.management import call_command

    from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from tryggsam.incidents.services import ensure_default_categories
    from tryggsam.places.importers import import_geojson, load_district_areas
    from tryggsam.places.models import Area, AreaLevel

    if built:
        admin, police = (Organisation.objects.get(name=n) for n in ("Stadsdelsförvaltningen", "Lokalpolisområdet"))
        return {
            "districts": list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("pk")),
            "categories": [c.pk for c in ensure_default_categories().values()],
            "orgs": [admin.pk, police.pk],
            "user": User.objects.get(email="samordnare@example.org"),
        }
    call_command("migrate", verbosity=0, interactive=False)
    geo = Path(settings.SHARED_DIR) / "data" / "geo"
    import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json", level="district")
    load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
    districts = list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("pk"))
    admin = Organisation.objects.create(name="Stadsdelsförvaltningen", kind=OrganisationKind.DISTRICT_ADMINISTRATION)
    police = Organisation.objects.create(name="Lokalpolisområdet", kind=OrganisationKind.POLICE)
    user = User.objects.create_user("samordnare@example.org", full_name="Sam Ordnare")
    Membership.objects.create(user=user, organisation=admin, role=Role.COORDINATOR)
    categories = [c.pk for c in ensure_default_categories().values()]
    return {"districts": districts, "categories": categories, "orgs": [admin.pk, police.pk], "user": user}


def _rows(world: dict[str, Any], n: int, rng: random.Random, days: list[dt.date]) -> dict[str, list[Any]]:
    """n synthetic incidents on these days, by source; a handful of districts are hotspots, Fridays/Saturdays,
    evenings and summer months are busier, and every category has its own frequency."""
    from django.utils import timezone

    from tryggsam.incidents.bulk import IncidentRow

    districts = world["districts"]
    weights = [1.0] * len(districts)
    for i in random.Random(6).sample(range(len(districts)), 6):  # the same hotspots in every chunk
        weights[i] = 6.0
    cats = world["categories"]
    cat_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(cats))]
    day_weights = [WEEKDAYS[d.weekday()] * (1.0 + 0.25 * math.cos((d.timetuple().tm_yday - 200) / 58.1)) for d in days]
    starts = [timezone.make_aware(dt.datetime.combine(d, dt.time())) for d in days]
    hour = [dt.timedelta(hours=h) for h in range(24)]
    chosen_districts = rng.choices(districts, weights, k=n)
    chosen_days = rng.choices(starts, day_weights, k=n)
    chosen_hours = rng.choices(hour, HOURS, k=n)
    chosen_cats = rng.choices(cats, cat_weights, k=n)
    chosen_sources = rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES], k=n)
    orgs = world["orgs"]
    rows: dict[str, list[Any]] = {source: [] for source, _ in SOURCES}
    for i in range(n):
        district = chosen_districts[i]
        source = chosen_sources[i]
        r = rng.random()
        if source == "police_event" or r < 0.3:
            classification, owner = "open", None
        elif r < 0.85:
            classification, owner = "internal", orgs[i % 2]
        else:
            classification, owner = "restricted", orgs[i % 2]
        categories = (chosen_cats[i],) if r > 0.05 or chosen_cats[i] == cats[-1] else (chosen_cats[i], cats[-1])
        rows[source].append(
            IncidentRow(
                occurred_at=chosen_days[i] + chosen_hours[i] + dt.timedelta(seconds=rng.randrange(3600)),
                category_ids=categories,
                district_id=district.pk,
                district_area_id=district.parent_id,
                classification=classification,
                owner_organisation_id=owner,
                title="Syntetisk händelse",
                precision="district",
                municipality="Stockholm",
            )
        )
    return rows


def _point_pools(world: dict[str, Any], rng: random.Random, per_district: int = 500) -> dict[int, list[Any]]:
    """Random points inside each district (lat, lon), to locate incidents to a place."""
    import json as json_module

    import numpy as np
    import shapely
    from shapely.geometry import shape

    pools = {}
    for district in world["districts"]:
        outline = shape(json_module.loads(district.geometry))
        x0, y0, x1, y1 = outline.bounds
        found: list[Any] = []
        while len(found) < per_district:
            xs = np.array([rng.uniform(x0, x1) for _ in range(per_district)])
            ys = np.array([rng.uniform(y0, y1) for _ in range(per_district)])
            keep = shapely.contains_xy(outline, xs, ys)
            found.extend((round(float(y), 6), round(float(x), 6)) for x, y, k in zip(xs, ys, keep, strict=True) if k)
        pools[district.pk] = found[:per_district]
    return pools


def _locate_mixed(rows: dict[str, list[Any]], pools: dict[int, list[Any]], rng: random.Random) -> None:
    """Half the rows located to a place (a point in the district), 5 % to the municipality only."""
    for source, chunk in rows.items():
        for i, row in enumerate(chunk):
            r = rng.random()
            if r < 0.5:
                lat, lon = rng.choice(pools[row.district_id])
                chunk[i] = row._replace(precision="place", lat=lat, lon=lon)
            elif r < 0.55:
                chunk[i] = row._replace(precision="municipality", district_id=None, district_area_id=None)
        rows[source] = chunk


def _drawn_polygons(world: dict[str, Any]) -> dict[str, Any]:
    """The whole city (24 corners around the union of the districts) and a district-sized hexagon."""
    import json as json_module

    import shapely
    from shapely.geometry import shape

    from tryggsam.situation.polygon import DrawnArea

    outlines = [shape(json_module.loads(d.geometry)) for d in world["districts"]]
    city = shapely.union_all(outlines)
    centre = city.centroid
    radius = max(centre.distance(shapely.Point(x, y)) for x, y in shapely.get_coordinates(city.convex_hull)) * 1.05
    ring = [
        (centre.x + radius * math.cos(2 * math.pi * k / 24), centre.y + radius * math.sin(2 * math.pi * k / 24))
        for k in range(24)
    ]
    whole = DrawnArea.parse(",".join(f"{x:.6f} {y:.6f}" for x, y in ring))
    middle = min(world["districts"], key=lambda d: centre.distance(shape(json_module.loads(d.geometry)).centroid))
    size = math.sqrt(shape(json_module.loads(middle.geometry)).area / 2.6)  # a hexagon of the district's area
    c = shape(json_module.loads(middle.geometry)).centroid
    hexagon = [
        (c.x + 0.3 * size + size * math.cos(math.pi * k / 3), c.y + 0.3 * size + size * math.sin(math.pi * k / 3))
        for k in range(6)
    ]
    district = DrawnArea.parse(",".join(f"{x:.6f} {y:.6f}" for x, y in hexagon))
    return {"city": whole, "district": district}


def _time_polygons(
    world: dict[str, Any], before_runs: int, after_runs: int, until: dt.date | None = None
) -> dict[str, Any]:
    from tests.situation.polygon_reference import polygon_tally as before
    from tryggsam.situation.selectors import _polygon_tally as after
    from tryggsam.situation.selectors import periods_of

    def figures(result: Any) -> Any:
        tally, top = result
        return (
            tally.now,
            tally.previous,
            tally.last_year,
            tally.sources,
            tally.by_month,
            sorted((a.pk, n) for a, n in top),
        )

    def timed(function: Any, runs: int, *args: Any) -> tuple[Any, float, float]:
        walls, cpus, result = [], [], None
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            result = function(*args)
            walls.append((time.perf_counter() - began) * 1000)
            cpus.append((time.process_time() - began_cpu) * 1000)
        return result, statistics.median(walls), statistics.median(cpus)

    out: dict[str, Any] = {}
    user = world["user"]
    end = until or dt.date(2026, 9, 30)  # the last day of a month
    periods = {
        "month": periods_of(end.replace(day=1), end),
        "year": periods_of(end.replace(year=end.year - 1) + dt.timedelta(days=1), end),
    }
    for name, drawn in _drawn_polygons(world).items():
        cover = drawn.cover()
        out[f"{name}_districts_inside_edge"] = [len(cover.inside), len(cover.edge)]
        for period_name, period in periods.items():
            after(user, drawn, period)  # warm up (geometry cache, statements)
            new, new_ms, new_cpu = timed(after, after_runs, user, drawn, period)
            key = f"{name}_{period_name}"
            out[f"{key}_after_ms"], out[f"{key}_after_cpu_ms"] = round(new_ms, 1), round(new_cpu, 1)
            if before_runs:
                old, old_ms, old_cpu = timed(before, before_runs, user, drawn, period)
                out[f"{key}_before_ms"], out[f"{key}_before_cpu_ms"] = round(old_ms, 1), round(old_cpu, 1)
                out[f"{key}_same_figures"] = figures(old) == figures(new)
                out[f"{key}_incidents_counted"] = sum(new[0].now.values())
    return out


def _periods(world: dict[str, Any], rng: random.Random, year: bool) -> list[tuple[Any, dt.date, dt.date]]:
    out = []
    for _ in range(QUERIES):
        district = rng.choice(world["districts"])
        if year:
            end = LAST_DAY - dt.timedelta(days=rng.randrange(0, 300))
            start = end - dt.timedelta(days=364)
        else:
            month = rng.randrange(12, 36)  # months with a previous year of data
            start = dt.date(
                FIRST_DAY.year + (FIRST_DAY.month - 1 + month) // 12, (FIRST_DAY.month - 1 + month) % 12 + 1, 1
            )
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        out.append((district, start, end))
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _time_situation(world: dict[str, Any], periods: list[tuple[Any, dt.date, dt.date]]) -> list[float]:
    from tryggsam.situation.selectors import situation_for

    for district, start, end in periods[:3]:  # warm up
        situation_for(world["user"], area=district, start=start, end=end)
    timings = []
    for district, start, end in periods:
        began = time.perf_counter()
        situation_for(world["user"], area=district, start=start, end=end)
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def _export_csv(path: Path) -> None:
    from django.db import connection

    with connection.cursor() as cursor, path.open("w", newline="") as handle:
        cursor.execute(
            "SELECT i.occurred_at, i.district_id, c.incidentcategory_id, i.classification, i.owner_organisation_id "
            "FROM incidents_incident i JOIN incidents_incident_categories c ON c.incident_id = i.id"
        )
        writer = csv.writer(handle)
        writer.writerow(["occurred_at", "district_id", "category_id", "classification", "owner_id"])
        while batch := cursor.fetchmany(100_000):
            writer.writerows(batch)


def _utc(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time())).astimezone(dt.UTC).replace(tzinfo=None)


def _time_duckdb(world: dict[str, Any], csv_path: Path, periods: dict[str, list[Any]]) -> dict[str, float]:
    import duckdb

    from tryggsam.accounts import permissions
    from tryggsam.situation.selectors import _shift_year

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE inc AS SELECT * FROM read_csv(?, header=true, columns={'occurred_at': 'TIMESTAMP', "
        "'district_id': 'BIGINT', 'category_id': 'BIGINT', 'classification': 'VARCHAR', 'owner_id': 'BIGINT'})",
        [str(csv_path)],
    )
    orgs = sorted(permissions.organisation_ids(world["user"]))
    sql = (
        "SELECT category_id, count(*) FILTER (WHERE occurred_at >= $a AND occurred_at < $b), "
        "count(*) FILTER (WHERE occurred_at >= $c AND occurred_at < $d), "
        "count(*) FILTER (WHERE occurred_at >= $e AND occurred_at < $f) FROM inc "
        "WHERE district_id = $district AND (classification IN ('open', 'internal') "
        "OR (classification = 'restricted' AND list_contains($orgs, owner_id))) "
        "AND ((occurred_at >= $a AND occurred_at < $b) OR (occurred_at >= $c AND occurred_at < $d) "
        "OR (occurred_at >= $e AND occurred_at < $f)) GROUP BY category_id"
    )
    result = {}
    for name, chosen in periods.items():
        timings = []
        for district, start, end in chosen:
            days = (end - start).days + 1
            params = {
                "district": district.pk,
                "orgs": orgs,
                "a": _utc(start),
                "b": _utc(end + dt.timedelta(days=1)),
                "c": _utc(start - dt.timedelta(days=days)),
                "d": _utc(start),
                "e": _utc(_shift_year(start, -1)),
                "f": _utc(_shift_year(end, -1) + dt.timedelta(days=1)),
            }
            began = time.perf_counter()
            con.execute(sql, params).fetchall()
            timings.append((time.perf_counter() - began) * 1000)
        result[name] = statistics.median(timings)
    con.close()
    return result


def _chunk_days(size: int, order: str) -> list[list[dt.date]]:
    """The days each chunk's incidents fall on: consecutive slices of the three years ("time", the way
    incidents accumulate and archives are exported), or all three years in every chunk ("random")."""
    days = [FIRST_DAY + dt.timedelta(days=d) for d in range((LAST_DAY - FIRST_DAY).days + 1)]
    chunks = math.ceil(size / CHUNK)
    if order == "random":
        return [days] * chunks
    return [days[len(days) * k // chunks : len(days) * (k + 1) // chunks] for k in range(chunks)]


def run_polygon(size: int, before_runs: int, keep: Path | None = None, until: dt.date | None = None) -> dict[str, Any]:
    """`keep`: build the database in this file once and time on it again in later runs (as they are, or
    from another checkout's code: `--tree`-style before/after on the same rows)."""
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        built = keep is not None and keep.exists()
        _setup(str(keep if keep is not None else Path(folder) / "situation.sqlite3"))
        from tryggsam.incidents.bulk import import_incident_rows

        rng = random.Random(size)
        world = _world(built)
        build: dict[str, Any] = {}
        if not built:
            pools = _point_pools(world, random.Random(5))
            done = 0
            importing_cpu = 0.0
            for days in _chunk_days(size, "time"):
                n = min(CHUNK, size - done)
                by_source = _rows(world, n, rng, days)
                _locate_mixed(by_source, pools, rng)
                began_cpu = time.process_time()
                for source, chunk in by_source.items():
                    import_incident_rows(chunk, source=source, note="bench/situation.py --polygon")
                importing_cpu += time.process_time() - began_cpu
                done += n
                print(f"built {done} rows, import CPU {importing_cpu:.0f} s", file=sys.stderr, flush=True)
            build = {
                "import_rows_per_cpu_s": round(size / importing_cpu),
                "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        return {"size": size, **build, **_time_polygons(world, before_runs, after_runs=10, until=until)}


def run_one(size: int, order: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        _setup(str(Path(folder) / "situation.sqlite3"))
        from tryggsam.incidents.bulk import import_incident_rows

        rng = random.Random(size)
        world = _world()
        importing = importing_cpu = 0.0
        done = 0
        for days in _chunk_days(size, order):
            n = min(CHUNK, size - done)
            by_source = _rows(world, n, rng, days)
            began, began_cpu = time.perf_counter(), time.process_time()
            for source, chunk in by_source.items():
                import_incident_rows(chunk, source=source, note="bench/situation.py")
            importing += time.perf_counter() - began
            importing_cpu += time.process_time() - began_cpu
            done += n
        month = _periods(world, rng, year=False)
        year = _periods(world, rng, year=True)
        month_ms = _time_situation(world, month)
        year_ms = _time_situation(world, year)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        csv_path = Path(folder) / "incidents.csv"
        _export_csv(csv_path)
        duck = _time_duckdb(world, csv_path, {"month": month, "year": year})
    return {
        "size": size,
        "import_rows_per_s": round(size / importing),
        "import_rows_per_cpu_s": round(size / importing_cpu),
        "query_month_p50_ms": round(statistics.median(month_ms), 2),
        "query_month_p95_ms": round(_percentile(month_ms, 0.95), 2),
        "query_year_p50_ms": round(statistics.median(year_ms), 2),
        "query_year_p95_ms": round(_percentile(year_ms, 0.95), 2),
        "duckdb_month_ms": round(duck["month"], 2),
        "duckdb_year_ms": round(duck["year"], 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument(
        "--order",
        choices=["time", "random"],
        default="time",
        help="time: each chunk covers the next slice of the three years; random: every chunk spans all three",
    )
    parser.add_argument("--polygon", action="store_true", help="time drawn polygons, before and after (issue 17)")
    parser.add_argument("--before-runs", type=int, default=3, help="--polygon: runs of the old raw count (0: none)")
    parser.add_argument("--keep", type=Path, help="--polygon: build the database in this file once, reuse it after")
    parser.add_argument(
        "--until",
        type=dt.date.fromisoformat,
        help="--polygon: the periods end on this day, the last of a month (default 2026-09-30); for a kept"
        " database whose build stopped early (its chunks follow time, so the days it covers hold the full"
        " size's density)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = parser.parse_args()
    if args.one:
        result = (
            run_polygon(args.one, args.before_runs, args.keep, args.until)
            if args.polygon
            else run_one(args.one, args.order)
        )
        print(json.dumps(result))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        # One process per size: a fresh database, Django set up once, and its own peak memory.
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                "--order",
                args.order,
                "--before-runs",
                str(args.before_runs),
                *(["--polygon"] if args.polygon else []),
                *(["--keep", str(args.keep)] if args.keep else []),
                *(["--until", str(args.until)] if args.until else []),
            ],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    head = {"mode": "polygon"} if args.polygon else {"order": args.order}
    print(json.dumps({**head, "results": results}))


if __name__ == "__main__":
    main()
