"""The real police path at several table sizes: events/s of `import_police_source` (the command's path:
streamed file, parse, locate, duplicate check, bulk write, roll-ups, audit) and the duplicate check's
query alone, the old form (`external_id IN (…)`) against today's (with the partial index's predicate),
built by the ORM each time and compiled once (`police_import._ExistingIds`, what the import runs).

For each size, in its own process: a fresh SQLite file (WAL) set up as `bench/situation.py` does
(migrations, the 117 districts, district areas, the metro stations for the gazetteer), the table filled
with `size` police incidents that carry police ids (so the partial unique index holds them all), then
`--files` files of `--events` events built from the recorded sample in ../shared/data/polisen (its
events over and over with fresh ids; read at run time, never copied), each imported once as new and once
again as all duplicates.

    .venv/bin/python bench/police_import.py --sizes 0,100000,1000000
    .venv/bin/python bench/police_import.py --sizes 0 --events 10000 --files 1 --profile 25

`--profile N` runs the first import of new events under cProfile and prints its N costliest functions
(by own time) to stderr: where the time per event goes.

Prints one JSON line: {"events_per_file": n, "results": [{"size": n, "new_events_per_s": x,
"new_events_per_cpu_s": x, "duplicate_events_per_s": x, "dup_check_ms_old": x, "dup_check_ms_new": x,
"dup_check_ms_run": x, "fill_rows_per_cpu_s": x}, …]}; `run` is the import's own form, the statement
compiled once per run; `fill_rows_per_cpu_s` the filling's bulk import. `--no-old-form` leaves out the old
duplicate check (`dup_check_ms_old` null): a scan of the table, five times, which takes minutes at 10 M.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import situation as bench

FILL_CHUNK = 200_000


def _fill(world: dict[str, Any], size: int) -> None:
    from tryggsam.incidents.bulk import import_incident_rows

    rng = random.Random(size)
    done = 0
    for days in bench._chunk_days(size, "time") if size else []:
        n = min(FILL_CHUNK, size - done)
        rows = [row for chunk in bench._rows(world, n, rng, days).values() for row in chunk]
        rows = [
            row._replace(external_id=f"fyllnad-{done + k}", classification="open", owner_organisation_id=None)
            for k, row in enumerate(rows)
        ]
        import_incident_rows(rows, source="police_event", note="bench/police_import.py")
        done += n
        print(f"filled {done} rows", file=sys.stderr, flush=True)


def _write_file(path: Path, sample: list[dict[str, Any]], first_id: int, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for k in range(count):
            event = dict(sample[k % len(sample)], id=first_id + k)
            handle.write(("," if k else "") + json.dumps(event, ensure_ascii=False))
        handle.write("]")


def _dup_check_ms(ids: list[str], old_form: bool = True) -> dict[str, float | None]:
    from tryggsam.incidents.models import Incident
    from tryggsam.incidents.police_import import _ExistingIds, existing_ids_query

    def old() -> list[str]:
        return list(
            Incident.objects.filter(source="police_event", external_id__in=ids).values_list("external_id", flat=True)
        )

    result: dict[str, float | None] = {"old": None}
    compiled = _ExistingIds()
    calls = (("old", old), ("new", lambda: list(existing_ids_query(ids))), ("run", lambda: compiled(ids)))
    for name, call in calls if old_form else calls[1:]:
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            call()
            timings.append((time.perf_counter() - began) * 1000)
        result[name] = round(statistics.median(timings), 2)
    return result


def _profiled(call: Any, top: int) -> Any:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(call)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return result


def run_one(size: int, events: int, files: int, profile: int = 0, old_form: bool = True) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        bench._setup(str(Path(folder) / "police.sqlite3"))
        from django.conf import settings

        from tryggsam.incidents.police_import import import_police_source
        from tryggsam.places.importers import load_places_csv

        world = bench._world()
        load_places_csv(Path(settings.SHARED_DIR) / "data" / "geo" / "stockholm_metro_stations_gtfs.csv")
        sample_path = sorted((Path(settings.SHARED_DIR) / "data" / "polisen").glob("*.json"))[0]
        sample = json.loads(sample_path.read_text(encoding="utf-8"))
        began_cpu = time.process_time()
        _fill(world, size)
        fill_cpu = time.process_time() - began_cpu
        new_wall = new_cpu = dup_wall = 0.0
        for f in range(files):
            path = Path(folder) / f"events-{f}.json"
            _write_file(path, sample, 10**9 + f * events, events)
            began, began_cpu = time.perf_counter(), time.process_time()
            if profile and f == 0:
                result = _profiled(lambda: import_police_source(str(path)), profile)  # noqa: B023 (called at once)
            else:
                result = import_police_source(str(path))
            new_wall += time.perf_counter() - began
            new_cpu += time.process_time() - began_cpu
            assert result.created + result.rejected == events, result.as_dict()
            began = time.perf_counter()
            again = import_police_source(str(path))
            dup_wall += time.perf_counter() - began
            assert again.duplicates + again.rejected == events, again.as_dict()
        checked = _dup_check_ms([str(10**9 + k) for k in range(0, 2 * events, 2 * events // 500)][:500], old_form)
    return {
        "size": size,
        "new_events_per_s": round(files * events / new_wall),
        "new_events_per_cpu_s": round(files * events / new_cpu),
        "duplicate_events_per_s": round(files * events / dup_wall),
        "dup_check_ms_old": checked["old"],
        "dup_check_ms_new": checked["new"],
        "dup_check_ms_run": checked["run"],
        "fill_rows_per_cpu_s": round(size / fill_cpu) if size else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0,100000,1000000")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=2)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions of one import")
    parser.add_argument(
        "--no-old-form", action="store_true", help="skip timing the old duplicate check (a scan: minutes at 10 M)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.events, args.files, args.profile, not args.no_old_form)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        command = [sys.executable, __file__, "--one", str(size), "--events", str(args.events)]
        command += ["--files", str(args.files), "--profile", str(args.profile)]
        command += ["--no-old-form"] if args.no_old_form else []
        out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    print(json.dumps({"events_per_file": args.events, "results": results}))


if __name__ == "__main__":
    main()
