"""Database helpers for the few writes that bypass the ORM for speed (the bulk import and the roll-ups)."""

from __future__ import annotations

from typing import Any

from django.db import connection


def executemany(sql: str, rows: list[tuple[Any, ...]]) -> None:
    """`cursor.executemany` (with %s placeholders); on SQLite straight on the sqlite3 connection, which
    skips Django's cursor wrapper and its per-call rewriting of the parameters (errors are still
    Django's). Inside the caller's transaction."""
    if not rows:
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.wrap_database_errors:
            connection.connection.executemany(sql.replace("%s", "?"), rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
