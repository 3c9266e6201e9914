"""What a system holds, as numbers that can be compared: the row count and a checksum of the rows of
every table, and a checksum of every file under MEDIA_ROOT. A restore is exact when the fingerprint
of the restored system equals that of the system the backup was taken from (on the same database
type; the checksums depend on how the driver returns values).

A table's checksum does not depend on the order of its rows: it is the sum, modulo 2**256, of the
SHA-256 of each row's values, read in chunks so that memory stays bounded (a server-side cursor on
PostgreSQL)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

CHUNK = 10_000
MODULUS = 2**256


def table_fingerprints(using: str = DEFAULT_DB_ALIAS) -> dict[str, tuple[int, str]]:
    """{table: (rows, checksum)} for every table of the database."""
    connection = connections[using]
    out: dict[str, tuple[int, str]] = {}
    for table in sorted(connection.introspection.table_names(include_views=False)):
        count = total = 0
        with connection.chunked_cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (introspected)
            while rows := cursor.fetchmany(CHUNK):
                for row in rows:
                    digest = hashlib.sha256(repr(tuple(row)).encode()).digest()
                    total = (total + int.from_bytes(digest, "big")) % MODULUS
                count += len(rows)
        out[table] = (count, f"{total:064x}")
    return out


def media_fingerprints(root: Path | None = None) -> dict[str, str]:
    """{path relative to MEDIA_ROOT: SHA-256 of the file} for every regular file under it."""
    root = Path(root if root is not None else settings.MEDIA_ROOT)
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            digest = hashlib.sha256()
            with path.open("rb") as fh:
                while block := fh.read(1024 * 1024):
                    digest.update(block)
            out[path.relative_to(root).as_posix()] = digest.hexdigest()
    return out
