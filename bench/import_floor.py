"""The bulk import against the floor under it, in the same run (issue 17, item 3).

Sets up a fresh database as `bench/situation.py` does (migrations, the 117 districts, the same synthetic
incidents), imports one chunk of `--rows` incidents, then times the next chunk through
`import_incident_rows` (incidents, category links, roll-ups, audit row: the production path), and then
writes the same incident rows, read back from the table, with the bare minimum:

SQLite (a temporary file, WAL, as in production):
- `bare_*`: a bare `executemany` per 5000 rows into an in-memory table `t` with the same 23 columns,
  once with no index at all and once with the incident table's own index definitions copied from the
  schema (`bare_same_indexes`); no constraints, no links, no roll-ups;
- `same_table`: a bare `executemany` of the rows (new ids) into `incidents_incident` itself, in the same
  file with the same indexes, foreign keys and page cache, committed like the import.
The CPU time of every statement kind of the import is recorded (`us_per_row`).

PostgreSQL (`--database postgres://…`; that database is DROPPED and created anew): the import's wall
and CPU time (this process and the server's backend, from /proc), split by step (`import_cpu_s_by_phase`:
reserving ids, the COPY of each table, the roll-up upserts; the server's rest is the commit, where the
deferred foreign-key checks run), and the same rows written with a bare COPY into a table made `LIKE
incidents_incident INCLUDING ALL` (the floor on PostgreSQL): in text format, in binary format, and in
binary format with the incident table's foreign keys added to that table.

    .venv/bin/python bench/import_floor.py [--rows 200000]
    .venv/bin/python bench/import_floor.py --rows 200000 --database postgres://u:p@127.0.0.1:5432/name

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

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


def _same_table_rate(raw: sqlite3.Connection, rows: list[Any], columns: list[str]) -> float:
    """Rows per CPU second of a bare executemany of the rows, with new ids, into the incident table
    itself (same file, indexes, foreign keys and page cache as the import), committed like the import."""
    top = raw.execute("SELECT MAX(id) FROM incidents_incident").fetchone()[0]
    fresh = [(top + 1 + k, *row[1:]) for k, row in enumerate(rows)]
    sql = f"INSERT INTO incidents_incident ({', '.join(columns)}) VALUES ({', '.join(['?'] * len(columns))})"
    raw.execute("PRAGMA cache_size = -131072")
    began = time.process_time()
    raw.execute("BEGIN IMMEDIATE")
    for k in range(0, len(fresh), 5000):
        raw.executemany(sql, fresh[k : k + 5000])
    raw.execute("COMMIT")
    return len(fresh) / (time.process_time() - began)


def _setup(database: str, folder: str) -> None:
    if not database:
        bench._setup(str(Path(folder) / "floor.sqlite3"))
        return
    import psycopg

    url = urlparse(database)
    name = url.path.lstrip("/")
    with psycopg.connect(database.replace(f"/{name}", "/postgres", 1), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    sys.path.insert(0, str(bench.ROOT))
    os.environ["DATABASE_URL"] = database
    os.environ["TRYGGSAM_SETTINGS"] = "test"
    from tryggsam.config.settings.loader import settings_module

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
    import django

    django.setup()


def _backend_cpu(cursor: Any) -> float:
    """CPU seconds spent so far by the PostgreSQL backend serving this connection (/proc, same host)."""
    cursor.execute("SELECT pg_backend_pid()")
    fields = Path(f"/proc/{cursor.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sqlite_run(connection: Any, by_source: dict[str, list[Any]], import_incident_rows: Any) -> dict[str, Any]:
    from tryggsam.incidents.bulk import COLUMNS

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
    rows = raw.execute(f"SELECT {', '.join(COLUMNS)} FROM incidents_incident ORDER BY id DESC LIMIT {CHUNK}")
    rows = rows.fetchall()[::-1]
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
    same_table = _same_table_rate(raw, rows, COLUMNS)
    bare_rate = _bare_rate(rows, COLUMNS, [])
    same_rate = _bare_rate([(*r, *([None] * len(extra))) for r in rows], [*COLUMNS, *extra], [d for _, d in indexes])
    rate = CHUNK / total
    return {
        "import_rows_per_cpu_s": round(rate),
        "us_per_row": {kind: round(s / CHUNK * 1e6, 1) for kind, s in spent.most_common()},
        "bare_insert_rows_per_cpu_s": round(bare_rate),
        "bare_same_indexes_rows_per_cpu_s": round(same_rate),
        "same_table_rows_per_cpu_s": round(same_table),
        "import_vs_bare_same_indexes": round(rate / same_rate, 2),
        "import_vs_same_table": round(rate / same_table, 2),
        "indexes": [name for name, _ in indexes],
    }


def _postgresql_run(connection: Any, by_source: dict[str, list[Any]], import_incident_rows: Any) -> dict[str, Any]:
    from tryggsam.incidents.bulk import COLUMNS

    with connection.cursor() as cursor:
        phases: Counter[str] = Counter()
        with _timed_phases(cursor, phases):
            server_before = _backend_cpu(cursor)
            wall, cpu = time.perf_counter(), time.process_time()
            for source, chunk in by_source.items():
                import_incident_rows(chunk, source=source)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            server = _backend_cpu(cursor) - server_before
        phases["rest (commit: deferred foreign-key checks) server"] = server - sum(
            v for k, v in phases.items() if k.endswith("server")
        )
        phases["rest (rows, counts) client"] = cpu - sum(v for k, v in phases.items() if k.endswith("client"))
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM incidents_incident ORDER BY id DESC LIMIT {CHUNK}")
        rows = cursor.fetchall()[::-1]
        floors = {
            "bare_copy": _floor(connection, cursor, rows, COLUMNS, binary=False, foreign_keys=False),
            "bare_copy_binary": _floor(connection, cursor, rows, COLUMNS, binary=True, foreign_keys=False),
            "bare_copy_binary_with_foreign_keys": _floor(
                connection, cursor, rows, COLUMNS, binary=True, foreign_keys=True
            ),
        }
    return {
        "import_rows_per_s": round(CHUNK / wall),
        "import_cpu_s": {"client": round(cpu, 2), "server": round(server, 2)},
        "import_cpu_s_by_phase": {k: round(v, 2) for k, v in sorted(phases.items())},
        **{f"{name}_rows_per_s": round(CHUNK / floor["wall"]) for name, floor in floors.items()},
        **{f"{name}_cpu_s": {"client": floor["client"], "server": floor["server"]} for name, floor in floors.items()},
        "import_vs_bare_copy": round(floors["bare_copy"]["wall"] / wall, 2),
    }


@contextmanager
def _timed_phases(cursor: Any, phases: Counter[str]) -> Iterator[None]:
    """Client and server CPU of the import's steps: reserving ids, each COPY (by table), the roll-up
    upserts; what is left of the server's time is the commit (the deferred foreign-key checks)."""
    from tryggsam.incidents import bulk
    from tryggsam.situation import rollups

    def timed(kind: Any, function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            name = kind(*args) if callable(kind) else kind
            server, client = _backend_cpu(cursor), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                phases[f"{name} client"] += time.process_time() - client
                phases[f"{name} server"] += _backend_cpu(cursor) - server

        return call

    saved = bulk.insert_rows, bulk._reserve_ids, rollups.upsert_counts
    bulk.insert_rows = timed(lambda table, *_: f"copy {table}", bulk.insert_rows)
    bulk._reserve_ids = timed("reserve ids", bulk._reserve_ids)
    rollups.upsert_counts = timed("roll-up upserts", rollups.upsert_counts)
    try:
        yield
    finally:
        bulk.insert_rows, bulk._reserve_ids, rollups.upsert_counts = saved


def _floor(
    connection: Any, cursor: Any, rows: list[Any], columns: list[str], *, binary: bool, foreign_keys: bool
) -> dict[str, float]:
    """The rows written by a bare COPY (5000 rows a statement, one commit) into a table made `LIKE
    incidents_incident INCLUDING ALL` (its indexes, no constraints but NOT NULL and CHECK), in text or
    binary format, optionally with the incident table's foreign keys added (checked at commit)."""
    cursor.execute("CREATE TABLE bench_floor (LIKE incidents_incident INCLUDING ALL)")
    if foreign_keys:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'incidents_incident'::regclass AND contype = 'f'"
        )
        for (definition,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE bench_floor ADD {definition}")
    cursor.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = 'bench_floor'::regclass AND attnum > 0")
    types = dict(cursor.fetchall())
    server, wall, client = _backend_cpu(cursor), time.perf_counter(), time.process_time()
    with transaction_atomic():
        for k in range(0, len(rows), 5000):
            sql = f"COPY bench_floor ({', '.join(columns)}) FROM STDIN{' (FORMAT BINARY)' if binary else ''}"
            with cursor.cursor.copy(sql) as copy:
                if binary:
                    copy.set_types([types[c] for c in columns])
                for row in rows[k : k + 5000]:
                    copy.write_row(row)
    figures = {
        "wall": time.perf_counter() - wall,
        "client": round(time.process_time() - client, 2),
        "server": round(_backend_cpu(cursor) - server, 2),
    }
    cursor.execute("DROP TABLE bench_floor")
    return figures


def transaction_atomic() -> Any:
    from django.db import transaction

    return transaction.atomic()


def main() -> None:
    global CHUNK
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=CHUNK)
    parser.add_argument("--database", default="", help="postgres://… (dropped and created anew); default SQLite")
    args = parser.parse_args()
    CHUNK = args.rows
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        _setup(args.database, folder)
        from django.db import connection

        from tryggsam.incidents.bulk import import_incident_rows

        rng = random.Random(1)
        world = bench._world()
        days = bench._chunk_days(max(5 * CHUNK, 2 * bench.CHUNK), "time")  # two chunks of days at least
        for source, chunk in bench._rows(world, CHUNK, rng, days[0]).items():
            import_incident_rows(chunk, source=source)
        by_source = bench._rows(world, CHUNK, rng, days[1])
        run = _postgresql_run if connection.vendor == "postgresql" else _sqlite_run
        result = {"rows": CHUNK, "database": connection.vendor, **run(connection, by_source, import_incident_rows)}
        connection.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
