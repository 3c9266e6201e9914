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


def set_based_writes() -> bool:
    """Whether bulk writes use PostgreSQL's set-based forms (COPY, one upsert over arrays) rather than
    `executemany` (SQLite, where a statement per row is as fast as it gets)."""
    return connection.vendor == "postgresql"


def insert_rows(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Append rows to a table inside the caller's transaction: PostgreSQL's COPY (psycopg 3's
    `copy.write_row`, several times the speed of an INSERT per row), `executemany` elsewhere. The values
    are what the backend stores (as from `connection.ops.adapt_*_value`); names are quoted here."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    if set_based_writes():
        with (
            connection.cursor() as cursor,
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
        ):
            write = copy.write_row
            for row in rows:
                write(row)
        return
    executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows)  # noqa: S608
