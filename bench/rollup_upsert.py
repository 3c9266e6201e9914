"""Micro-benchmark of the roll-up upsert on SQLite: the table layout before `situation.0006` (a rowid
table with a unique key, a partial unique key for rows without owner and a covering index) against the
key as primary key, with and without `WITHOUT ROWID`. Plain sqlite3 on a file in /tmp (WAL, 128 MB
cache, as the import); three chunks of about 240 000 keys over three weeks each, in key order, the
first to fill the table; CPU time per key of the other two.

    .venv/bin/python bench/rollup_upsert.py

Prints one JSON line: {"keys_per_chunk": n, "us_per_key": {"before": x, "primary key": x, "without rowid": x}}.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

COLUMNS = "area_id, day, category_id, source, classification, {owner}, audience"
BEFORE = [
    "CREATE TABLE r (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, area_id bigint NOT NULL, day date NOT NULL, "
    "category_id bigint NOT NULL, source varchar(20) NOT NULL, classification varchar(16) NOT NULL, "
    "owner_organisation_id bigint NULL, audience varchar(1000) NOT NULL, count integer NOT NULL)",
    "CREATE UNIQUE INDEX u1 ON r (area_id, day, category_id, source, classification, owner_organisation_id, audience)",
    "CREATE UNIQUE INDEX u2 ON r (area_id, day, category_id, source, classification, audience) "
    "WHERE owner_organisation_id IS NULL",
    "CREATE INDEX cover ON r (area_id, day, category_id, source, classification, owner_organisation_id, audience, "
    "count)",
]
PRIMARY_KEY = (
    "CREATE TABLE r (area_id bigint NOT NULL, day date NOT NULL, category_id bigint NOT NULL, "
    "source varchar(20) NOT NULL, classification varchar(16) NOT NULL, owner bigint NOT NULL, "
    "audience varchar(1000) NOT NULL, count integer NOT NULL, "
    "PRIMARY KEY (area_id, day, category_id, source, classification, owner, audience))"
)
SOURCES = ["police_event", "partner_report", "resident_tip", "safety_walk"]


def _chunk(rng: random.Random, first: dt.date) -> list[tuple[Any, ...]]:
    counts: dict[tuple[Any, ...], int] = {}
    for _ in range(250_000):
        day = (first + dt.timedelta(days=rng.randrange(21))).isoformat()
        owner = rng.choice([None, 1, 2])
        key = (rng.randrange(1, 135), day, rng.randrange(1, 16), rng.choice(SOURCES), rng.choice(["open", "internal", "restricted"]), owner, "")  # fmt: skip
        counts[key] = counts.get(key, 0) + 1
    return sorted(((*k, n) for k, n in counts.items()), key=lambda r: (*r[:5], r[5] or 0, r[6]))


def _upsert(connection: sqlite3.Connection, layout: str, rows: list[tuple[Any, ...]]) -> None:
    update = "DO UPDATE SET count = r.count + excluded.count"
    if layout != "before":
        sql = f"INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT {update}"
        connection.executemany(sql, [(*r[:5], r[5] or 0, r[6], r[7]) for r in rows])
        return
    insert = f"INSERT INTO r ({COLUMNS.format(owner='owner_organisation_id')}, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    key = "area_id, day, category_id, source, classification"
    connection.executemany(
        f"{insert} ON CONFLICT ({key}, owner_organisation_id, audience) {update}", [r for r in rows if r[5] is not None]
    )
    connection.executemany(
        f"{insert} ON CONFLICT ({key}, audience) WHERE owner_organisation_id IS NULL {update}",
        [r for r in rows if r[5] is None],
    )


def main() -> None:
    rng = random.Random(1)
    chunks = [_chunk(rng, dt.date(2025, 3, 1) + dt.timedelta(days=21 * k)) for k in range(3)]
    layouts = {"before": BEFORE, "primary key": [PRIMARY_KEY], "without rowid": [f"{PRIMARY_KEY} WITHOUT ROWID"]}
    result = {}
    with tempfile.TemporaryDirectory(prefix="tryggsam-bench-") as folder:
        for name, ddl in layouts.items():
            connection = sqlite3.connect(Path(folder) / f"{name}.sqlite3", isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA cache_size=-131072")
            for statement in ddl:
                connection.execute(statement)
            spent = 0.0
            for k, rows in enumerate(chunks):
                connection.execute("BEGIN")
                began = time.process_time()
                _upsert(connection, name, rows)
                connection.execute("COMMIT")
                if k:
                    spent += time.process_time() - began
            connection.close()
            result[name] = round(spent / sum(len(c) for c in chunks[1:]) * 1e6, 2)
    print(json.dumps({"keys_per_chunk": len(chunks[1]), "us_per_key": result}))


if __name__ == "__main__":
    main()
