"""Where the bulk import's time goes, and the floor under it, on SQLite.

Sets up a fresh SQLite file as `bench/situation.py` does (migrations, the 117 districts, the same
synthetic incidents), imports one chunk of 200 000 incidents, then times the next chunk through
`import_incident_rows` with the CPU time of every SQL statement kind recorded, and finally the same
incident rows written with a bare `executemany` into an in-memory table with the same 23 columns, once
with no index, constraint or link (what SQLite and the sqlite3 module cost for the row alone) and once
with the incident table's own indexes copied from the schema (the floor the target "≥ 0.7 × a bare
executemany into the same table with the same indexes" compares with), in the same run.

    .venv/bin/python bench/import_floor.py [--rows 200000]

Prints one JSON line: {"rows": n, "import_rows_per_cpu_s": x, "us_per_row": {"incident insert": x, ...},
"bare_insert_rows_per_cpu_s": x, "bare_same_indexes_rows_per_cpu_s": x, "import_vs_bare_same_indexes": x,
"indexes": [...]}.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import situation as bench

CHUNK = 200_000


class _TimedConnection:
    """The sqlite3 connection with the CPU time of each statement kind recorded."""

    def __init__(self, raw: sqlite3.Connection, spent: Counter[str]) -> None:
        self._raw, self._spent = raw, spent

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def _timed(self, kind: str, call: Any, *args: Any) -> Any:
        began = time.process_time()
        try:
            return call(*args)
        finally:
            self._spent[kind] += time.process_time() - began

    def execute(self, sql: str, *args: Any) -> Any:
        return self._timed(_kind(sql), self._raw.execute, sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        return self._timed(_kind(sql), self._raw.executemany, sql, *args)

    def commit(self) -> None:
        self._timed("commit", self._raw.commit)


def _kind(sql: str) -> str:
    for table, kind in (
        ("incidents_incident_categories", "category links"),
        ("incidents_incident", "incident insert"),
        ("situation_dailyrollup", "daily roll-ups"),
        ("situation_monthlyrollup", "monthly roll-ups"),
    ):
        if table in sql:
            return kind
    return "other SQL"


def _bare_rate(rows: list[Any], columns: list[str], indexes: list[str]) -> float:
    """Rows per CPU second of a bare executemany into an in-memory table `t` with these index DDLs."""
    bare = sqlite3.connect(":memory:")
    bare.execute(f"CREATE TABLE t ({', '.join(columns)})")
    for ddl in indexes:
        bare.execute(ddl)
    began = time.process_time()
    for k in range(0, len(rows), 5000):
        bare.executemany(f"INSERT INTO t VALUES ({', '.join(['?'] * len(columns))})", rows[k : k + 5000])
    bare.commit()
    return len(rows) / (time.process_time() - began)


def main() -> None:
    global CHUNK
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=CHUNK)
    CHUNK = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        bench._setup(str(Path(folder) / "floor.sqlite3"))
        from django.db import connection

        from tryggsam.incidents.bulk import COLUMNS, import_incident_rows

        rng = random.Random(1)
        world = bench._world()
        days = bench._chunk_days(5 * CHUNK, "time")
        for source, chunk in bench._rows(world, CHUNK, rng, days[0]).items():
            import_incident_rows(chunk, source=source)
        by_source = bench._rows(world, CHUNK, rng, days[1])
        spent: Counter[str] = Counter()
        connection.ensure_connection()
        raw = connection.connection
        connection.connection = _TimedConnection(raw, spent)
        began = time.process_time()
        try:
            for source, chunk in by_source.items():
                import_incident_rows(chunk, source=source)
        finally:
            connection.connection = raw
        total = time.process_time() - began
        spent["Python and Django"] = total - sum(spent.values())
        cursor = raw.execute(f"SELECT {', '.join(COLUMNS)} FROM incidents_incident ORDER BY id DESC LIMIT {CHUNK}")
        rows = cursor.fetchall()[::-1]
        names = {c.strip('"') for c in COLUMNS}
        indexes = []
        for name, ddl in raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents_incident' "
            "AND sql IS NOT NULL"
        ):
            # Columns the bulk writer leaves to their defaults (problem, routed_to, duplicate_of) are
            # all NULL: the bare table gets them too, as NULL columns, so their indexes cost the same.
            indexes.append((name, ddl.replace('"incidents_incident"', "t")))
        listed = {
            c.strip().split()[0]
            for _, ddl in indexes
            for c in ddl.split("(", 1)[1].split(")", 1)[0].replace('"', "").split(",")
            if c.strip()
        }
        extra = sorted(listed - names)
    bare_rate = _bare_rate(rows, COLUMNS, [])
    same_rate = _bare_rate([(*r, *([None] * len(extra))) for r in rows], [*COLUMNS, *extra], [d for _, d in indexes])
    print(
        json.dumps(
            {
                "rows": CHUNK,
                "import_rows_per_cpu_s": round(CHUNK / total),
                "us_per_row": {kind: round(s / CHUNK * 1e6, 1) for kind, s in spent.most_common()},
                "bare_insert_rows_per_cpu_s": round(bare_rate),
                "bare_same_indexes_rows_per_cpu_s": round(same_rate),
                "import_vs_bare_same_indexes": round(CHUNK / total / same_rate, 2),
                "indexes": [name for name, _ in indexes],
            }
        )
    )


if __name__ == "__main__":
    main()
