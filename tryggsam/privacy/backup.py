"""Backing up and restoring the whole database.

SQLite uses the online backup API, so a backup can be taken while the application runs and a restore
replaces the pages of the live database in one step. PostgreSQL uses `pg_dump --format=custom` and
`pg_restore --clean --if-exists --no-owner --single-transaction`, so a failed restore leaves the database
as it was. Backups are written to a temporary file next to the target and renamed when complete.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(ServiceError):
    pass


def database_label(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database as people know it, e.g. "tryggsam (postgresql)"."""
    connection = connections[using]
    return f"{connection.settings_dict['NAME']} ({connection.vendor})"


def backup_database(*, output: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a complete copy of the database to `output` (overwritten if it exists) and return it."""
    connection = connections[using]
    output = Path(output)
    if not output.parent.is_dir():
        raise BackupError(_("Katalogen %(dir)s finns inte.") % {"dir": output.parent})
    partial = output.with_name(output.name + ".delvis")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, partial)
        elif connection.vendor == "postgresql":
            _pg_run("pg_dump", ["--format=custom", "--no-password", f"--file={partial}"], connection.settings_dict)
        else:
            raise BackupError(_("Säkerhetskopiering stöds inte för databastypen %(v)s.") % {"v": connection.vendor})
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def check_backup_file(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse a file that is not a backup this database can be restored from."""
    connection = connections[using]
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("Filen %(f)s finns inte.") % {"f": source})
    with source.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if connection.vendor == "sqlite":
        if header != SQLITE_HEADER:
            raise BackupError(_("%(f)s är ingen säkerhetskopia av en SQLite-databas.") % {"f": source})
        with closing(_open_readonly(source)) as backup:
            if backup.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(_("Säkerhetskopian %(f)s är skadad.") % {"f": source})
            tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "django_migrations" not in tables:
            raise BackupError(_("%(f)s är ingen säkerhetskopia av TryggSam.") % {"f": source})
    elif connection.vendor == "postgresql":
        if not header.startswith(PG_CUSTOM_HEADER):
            raise BackupError(_("%(f)s är ingen säkerhetskopia från pg_dump (custom-format).") % {"f": source})
        _pg_run("pg_restore", ["--list", str(source)], connection.settings_dict, with_database=False)
    else:
        raise BackupError(_("Återställning stöds inte för databastypen %(v)s.") % {"v": connection.vendor})


def restore_database(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace everything in the database with the contents of the backup `source`."""
    connection = connections[using]
    check_backup_file(source=source, using=using)
    if connection.in_atomic_block:
        raise BackupError(_("Återställningen kan inte göras inne i en pågående transaktion."))
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(_open_readonly(Path(source))) as backup:
            try:
                backup.backup(connection.connection)
            except sqlite3.Error as exc:
                raise BackupError(_("Återställningen misslyckades: %(e)s") % {"e": exc}) from exc
    else:
        connection.close()  # pg_restore drops and recreates the tables; hold no session open meanwhile
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password"]
        _pg_run("pg_restore", [*options, str(source)], connection.settings_dict)


def _sqlite_backup(connection: Any, target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(_("Säkerhetskopieringen misslyckades: %(e)s") % {"e": exc}) from exc
    finally:
        destination.close()


def _open_readonly(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_("%(f)s kan inte öppnas: %(e)s") % {"f": path, "e": exc}) from exc


def _pg_run(program: str, args: list[str], settings_dict: dict[str, Any], *, with_database: bool = True) -> None:
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
