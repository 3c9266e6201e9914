"""The database part of a backup: a copy of the database as one file, its check, and its restore.

SQLite uses the online backup API, so a copy can be taken while the application runs and a restore
replaces the pages of the live database in one step. PostgreSQL uses `pg_dump --format=custom` and
`pg_restore --clean --if-exists --no-owner --single-transaction`, so a failed restore leaves the database
as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"
SUPPORTED_VENDORS = ("sqlite", "postgresql")
# "NULL value in table.column": SQLite 3.40 reports these falsely for WITHOUT ROWID tables whose other
# columns are declared before the key columns (situation.0007 fixed TryggSam's own layout).
NULL_REPORT = re.compile(r"NULL value in (?P<table>[^.\s]+)\.(?P<column>\S+)")


class BackupError(ServiceError):
    pass


def dump_database(connection: Any, target: Path) -> None:
    """Write the whole database to the file `target`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        except sqlite3.Error as exc:
            raise BackupError(_("Säkerhetskopieringen misslyckades: %(e)s") % {"e": exc}) from exc
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        pg_run("pg_dump", ["--format=custom", "--no-password", f"--file={target}"], connection.settings_dict)
    else:
        raise BackupError(_("Säkerhetskopiering stöds inte för databastypen %(v)s.") % {"v": connection.vendor})


def check_database_file(connection: Any, path: Path, *, shown_as: Path) -> None:
    """Refuse a database file this database cannot be restored from; `shown_as` names it in messages."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if connection.vendor == "sqlite":
        if header != SQLITE_HEADER:
            raise BackupError(_("%(f)s är ingen säkerhetskopia av en SQLite-databas.") % {"f": shown_as})
        with closing(_open_readonly(path, shown_as)) as backup:
            try:
                damage = sqlite_damage(backup)
                tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as exc:
                raise BackupError(_("Säkerhetskopian %(f)s är skadad: %(e)s") % {"f": shown_as, "e": exc}) from exc
        if damage:
            raise BackupError(_("Säkerhetskopian %(f)s är skadad: %(e)s") % {"f": shown_as, "e": damage[0]})
        if "django_migrations" not in tables:
            raise BackupError(_("%(f)s är ingen säkerhetskopia av TryggSam.") % {"f": shown_as})
    elif connection.vendor == "postgresql":
        if not header.startswith(PG_CUSTOM_HEADER):
            raise BackupError(_("%(f)s är ingen säkerhetskopia från pg_dump (custom-format).") % {"f": shown_as})
        pg_run("pg_restore", ["--list", str(path)], connection.settings_dict, with_database=False)
    else:
        raise BackupError(_("Återställning stöds inte för databastypen %(v)s.") % {"v": connection.vendor})


def sqlite_damage(db: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong, without SQLite 3.40's false NULL reports.

    A reported NULL counts only if the column really holds one. Where a table's report was false its
    check may have been cut short (SQLite stops at 100 lines), so the table is read in full: a damaged
    page then raises an error."""
    if [row[0] for row in db.execute("PRAGMA quick_check")] == ["ok"]:
        return []
    damage: list[str] = []
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        lines = [row[0] for row in db.execute(f"PRAGMA quick_check({_literal(table)})")]
        false_reports = 0
        for line in lines:
            if line == "ok":
                continue
            match = NULL_REPORT.fullmatch(line)
            if match and match["table"] == table and _no_nulls(db, table, match["column"]):
                false_reports += 1
            else:
                damage.append(line)
        if false_reports:
            for _row in db.execute(f"SELECT * FROM {_identifier(table)}"):  # noqa: S608 (a table of the file)
                pass
    return damage


def _no_nulls(db: sqlite3.Connection, table: str, column: str) -> bool:
    columns = {row[1] for row in db.execute(f"PRAGMA table_info({_literal(table)})")}
    if column not in columns:
        return False
    query = f"SELECT 1 FROM {_identifier(table)} WHERE {_identifier(column)} IS NULL LIMIT 1"  # noqa: S608
    return db.execute(query).fetchone() is None


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def restore_database_file(connection: Any, path: Path) -> None:
    """Replace everything in the database with the database file `path` (checked before)."""
    if connection.in_atomic_block:
        raise BackupError(_("Återställningen kan inte göras inne i en pågående transaktion."))
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(_open_readonly(path, path)) as backup:
            try:
                backup.backup(connection.connection)
            except sqlite3.Error as exc:
                raise BackupError(_("Återställningen misslyckades: %(e)s") % {"e": exc}) from exc
    else:
        connection.close()  # pg_restore drops and recreates the tables; hold no session open meanwhile
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password"]
        pg_run("pg_restore", [*options, str(path)], connection.settings_dict)


def _open_readonly(path: Path, shown_as: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_("%(f)s kan inte öppnas: %(e)s") % {"f": shown_as, "e": exc}) from exc


def pg_run(program: str, args: list[str], settings_dict: dict[str, Any], *, with_database: bool = True) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(_("Programmet %(p)s hittades inte; installera PostgreSQL-klienten.") % {"p": program})
    env = os.environ.copy()
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    connect: list[str] = []
    if with_database:
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"), ("--dbname", "NAME")):
            if settings_dict.get(key):
                connect.append(f"{option}={settings_dict[key]}")
    result = subprocess.run([executable, *args, *connect], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(_("%(p)s misslyckades: %(e)s") % {"p": program, "e": result.stderr.strip()[-2000:]})
