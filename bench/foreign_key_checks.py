"""What PostgreSQL's foreign-key checks cost a bulk write of incidents and category links (issue 17,
item 3): the newest N incidents (and their links) of a database are copied with `INSERT … SELECT` into
copies of the tables (`LIKE … INCLUDING ALL`), with no foreign keys, with the three keys a bulk row sets
(district, district area, owner), and with all ten of the incident table (links: none, or both), each
in its own transaction; the backend's CPU seconds of the insert and of the commit, where the deferred
checks run, are printed. Run it on a database that `bench/import_floor.py` left behind:

    .venv/bin/python bench/import_floor.py --rows 100000 --database postgres://u:p@127.0.0.1:5432/name
    .venv/bin/python bench/foreign_key_checks.py --rows 100000 --database postgres://u:p@127.0.0.1:5432/name

The copies are dropped at the end. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

# The incident table's foreign keys; the first three are the ones a bulk row sets.
INCIDENT_KEYS = {
    "district_id": "places_area",
    "district_area_id": "places_area",
    "owner_organisation_id": "accounts_organisation",
    "place_id": "places_area",
    "created_by_id": "accounts_user",
    "reporter_id": "accounts_user",
    "reporting_organisation_id": "accounts_organisation",
    "routed_to_id": "accounts_organisation",
    "problem_id": "casework_problem",
    "duplicate_of_id": "incidents_incident",
}
LINK_KEYS = {"incident_id": "incidents_incident", "incidentcategory_id": "incidents_incidentcategory"}


def _backend_cpu(cursor: Any) -> float:
    cursor.execute("SELECT pg_backend_pid()")
    fields = Path(f"/proc/{cursor.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _copy_cost(conn: Any, source: str, keys: dict[str, str], where: str, top: int, rows: int) -> dict[str, float]:
    cursor = conn.cursor()
    cursor.execute("DROP TABLE IF EXISTS bench_fk")
    cursor.execute(f"CREATE TABLE bench_fk (LIKE {source} INCLUDING ALL)")
    for column, referenced in keys.items():
        cursor.execute(
            f"ALTER TABLE bench_fk ADD FOREIGN KEY ({column}) REFERENCES {referenced}(id) DEFERRABLE INITIALLY DEFERRED"
        )
    conn.commit()
    began = _backend_cpu(cursor)
    cursor.execute(f"INSERT INTO bench_fk SELECT * FROM {source} WHERE {where} > %s", [top - rows])
    inserted = _backend_cpu(cursor)
    conn.commit()
    figures = {"insert": round(inserted - began, 2), "commit": round(_backend_cpu(cursor) - inserted, 2)}
    cursor.execute("DROP TABLE bench_fk")
    conn.commit()
    return figures


def main() -> None:
    import psycopg

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", required=True, help="postgres://… with incidents in it")
    args = parser.parse_args()
    with psycopg.connect(args.database) as conn:
        top = conn.execute("SELECT max(id) FROM incidents_incident").fetchone()[0]
        three = dict(list(INCIDENT_KEYS.items())[:3])
        result = {
            "rows": args.rows,
            "incidents_no_keys": _copy_cost(conn, "incidents_incident", {}, "id", top, args.rows),
            "incidents_three_set_keys": _copy_cost(conn, "incidents_incident", three, "id", top, args.rows),
            "incidents_all_ten_keys": _copy_cost(conn, "incidents_incident", INCIDENT_KEYS, "id", top, args.rows),
            "links_no_keys": _copy_cost(conn, "incidents_incident_categories", {}, "incident_id", top, args.rows),
            "links_both_keys": _copy_cost(
                conn, "incidents_incident_categories", LINK_KEYS, "incident_id", top, args.rows
            ),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
