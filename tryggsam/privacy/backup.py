"""Backing up and restoring the whole system: the database and the files in MEDIA_ROOT (the archived
originals of imported documents).

A backup is one tar file, readable by its owner only (0600): a manifest (`tryggsam-backup.json`),
the database (`database.sqlite3`, a SQLite online backup, or `database.pgdump`, `pg_dump`'s custom
format; see `backup_database`) and every file of MEDIA_ROOT under `media/`. The database is copied
before the files, because a file is written after its record commits. The backup is written to a
temporary file next to the target and renamed when complete.

A restore reads the backup into a private temporary folder and checks it completely (the paths in the
tar, the manifest, the database file) before anything is changed; then it replaces the database and
makes MEDIA_ROOT hold exactly the backup's files. A bare database file, the format of backups made
before the files were included, is still restored (the database only).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_system_event
from tryggsam.privacy.backup_database import (
    PG_CUSTOM_HEADER,
    SQLITE_HEADER,
    SUPPORTED_VENDORS,
    BackupError,
    check_database_file,
    dump_database,
    restore_database_file,
)

__all__ = ["BackupError", "backup_database", "check_backup_file", "opened_backup", "restore_backup"]

MANIFEST = "tryggsam-backup.json"
FORMAT = 1
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_DIR = "media"


@dataclass
class BackupResult:
    path: Path
    size: int
    media_files: int


@dataclass
class OpenedBackup:
    """A checked backup ready to restore: the database file, and the folder of its media files (None
    for a bare database file, which has none)."""

    source: Path
    database: Path
    media: Path | None


@dataclass
class RestoreResult:
    media_files: int | None
    media_removed: int


def database_label(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database as people know it, e.g. "tryggsam (postgresql)"."""
    connection = connections[using]
    return f"{connection.settings_dict['NAME']} ({connection.vendor})"


def backup_database(*, output: Path, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None) -> BackupResult:
    """Write a complete backup (database and MEDIA_ROOT) to `output`, overwritten if it exists."""
    connection = connections[using]
    output = Path(output)
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    if connection.vendor not in SUPPORTED_VENDORS:
        raise BackupError(_("Säkerhetskopiering stöds inte för databastypen %(v)s.") % {"v": connection.vendor})
    if not output.parent.is_dir():
        raise BackupError(_("Katalogen %(dir)s finns inte.") % {"dir": output.parent})
    partial = output.with_name(output.name + ".delvis")
    try:
        with tempfile.TemporaryDirectory(prefix=".tryggsam-backup-", dir=output.parent) as work:
            dump = Path(work) / DATABASE_MEMBERS[connection.vendor]
            dump_database(connection, dump)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)  # also when the partial file was left by an earlier run
            with (
                os.fdopen(descriptor, "wb") as fh,
                tarfile.open(fileobj=fh, mode="w", format=tarfile.PAX_FORMAT) as tar,
            ):
                manifest = {
                    "format": FORMAT,
                    "vendor": connection.vendor,
                    "database": dump.name,
                    "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest).encode())
                tar.add(dump, arcname=dump.name, recursive=False, filter=_anonymous)
                media_files = 0
                for path, relative in _media_files(media_root, skip={partial, output}):
                    try:
                        tar.add(path, arcname=f"{MEDIA_DIR}/{relative}", recursive=False, filter=_anonymous)
                    except FileNotFoundError:
                        continue  # deleted while the backup ran
                    media_files += 1
        os.replace(partial, output)
    except OSError as exc:
        raise BackupError(_("Säkerhetskopieringen misslyckades: %(e)s") % {"e": exc}) from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=output, size=output.stat().st_size, media_files=media_files)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _media_files(root: Path, *, skip: set[Path]) -> Iterator[tuple[Path, str]]:
    """The regular files under `root` (not following links), with their paths relative to it."""
    if not root.is_dir():
        return
    skipped = {p.resolve() for p in skip}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path.resolve() in skipped:
                continue
            yield path, path.relative_to(root).as_posix()


@contextmanager
def opened_backup(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> Iterator[OpenedBackup]:
    """The backup `source`, checked completely and unpacked in a private temporary folder that is
    removed afterwards. Refuses (BackupError) anything this database cannot be restored from."""
    connection = connections[using]
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("Filen %(f)s finns inte.") % {"f": source})
    if connection.vendor not in SUPPORTED_VENDORS:
        raise BackupError(_("Återställning stöds inte för databastypen %(v)s.") % {"v": connection.vendor})
    with source.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header == SQLITE_HEADER or header.startswith(PG_CUSTOM_HEADER):
        check_database_file(connection, source, shown_as=source)
        yield OpenedBackup(source=source, database=source, media=None)
        return
    if not _is_tar(source):
        raise BackupError(_("%(f)s är ingen säkerhetskopia av TryggSam.") % {"f": source})
    with tempfile.TemporaryDirectory(prefix="tryggsam-restore-") as work:
        database, media = _unpack(source, Path(work), vendor=connection.vendor)
        check_database_file(connection, database, shown_as=source)
        yield OpenedBackup(source=source, database=database, media=media)


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _unpack(source: Path, work: Path, *, vendor: str) -> tuple[Path, Path]:
    """Read the tar: only a manifest, the database file and regular files under media/ with plain
    relative paths are accepted; they are written under `work` without ever following a link."""
    damaged = _("Säkerhetskopian %(f)s är skadad eller ofullständig.") % {"f": source}
    media = work / MEDIA_DIR
    media.mkdir()
    database_member = DATABASE_MEMBERS[vendor]
    seen: set[str] = set()
    manifest: dict[str, object] | None = None
    try:
        with tarfile.open(source, mode="r:") as tar:
            for member in tar:
                name = member.name
                if name in seen or not member.isfile() or not _plain_path(name):
                    raise BackupError(
                        _("Säkerhetskopian %(f)s innehåller en otillåten post: %(n)s") % {"f": source, "n": name[:200]}
                    )
                seen.add(name)
                content = tar.extractfile(member)
                if content is None:
                    raise BackupError(damaged)
                if name == MANIFEST:
                    manifest = _manifest(content.read(64_000), source)
                    if manifest["vendor"] != vendor:
                        raise BackupError(
                            _("Säkerhetskopian %(f)s kommer från en %(b)s-databas; den här databasen är %(d)s.")
                            % {"f": source, "b": manifest["vendor"], "d": vendor}
                        )
                    continue
                if name == database_member:
                    target = work / database_member
                elif name.startswith(f"{MEDIA_DIR}/"):
                    target = media / name.removeprefix(f"{MEDIA_DIR}/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                else:
                    raise BackupError(
                        _("Säkerhetskopian %(f)s innehåller en okänd fil: %(n)s") % {"f": source, "n": name[:200]}
                    )
                with target.open("xb") as out:
                    shutil.copyfileobj(content, out, 1024 * 1024)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(damaged) from exc
    if manifest is None or database_member not in seen:
        raise BackupError(damaged)
    return work / database_member, media


def _plain_path(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and "\x00" not in name
        and all(part not in {"", ".", ".."} for part in name.split("/"))
    )


def _manifest(data: bytes, source: Path) -> dict[str, object]:
    try:
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or manifest.get("vendor") not in DATABASE_MEMBERS
    ):
        raise BackupError(_("%(f)s är ingen säkerhetskopia av TryggSam i ett känt format.") % {"f": source})
    return manifest


def restore_backup(
    *, backup: OpenedBackup, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None
) -> RestoreResult:
    """Replace the database, and the files of MEDIA_ROOT, with the contents of an opened backup."""
    restore_database_file(connections[using], backup.database)
    _audit_restore(backup, using=using)
    if backup.media is None:
        return RestoreResult(media_files=None, media_removed=0)
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    try:
        return _replace_media(backup.media, media_root, keep=backup.source)
    except OSError as exc:
        raise BackupError(
            _("Databasen är återställd, men filerna i %(d)s kunde inte återställas: %(e)s")
            % {"d": media_root, "e": exc}
        ) from exc


def _audit_restore(backup: OpenedBackup, *, using: str) -> None:
    """The restored database remembers that it was restored, from which file and when: the log of
    the backup ends where the copy was made, and this row says why nothing follows until now."""
    changes: dict[str, list[object]] = {"source": [None, backup.source.name]}
    audit_system_event(
        action=AuditAction.IMPORT,
        object_type="system.database",
        object_repr=str(_("Databasen")),
        changes=changes,
        note=_("Återställd från säkerhetskopian %(f)s") % {"f": backup.source.name},
        using=using,
    )


def _replace_media(staged: Path, media_root: Path, *, keep: Path) -> RestoreResult:
    """Make `media_root` hold exactly the files of `staged`: theirs moved in, others removed (except
    the backup itself, should it lie there)."""
    media_root.mkdir(parents=True, exist_ok=True)
    restored: set[str] = set()
    for path, relative in list(_media_files(staged, skip=set())):
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        restored.add(relative)
    removed = 0
    keep = keep.resolve()
    for folder, _dirs, files in os.walk(media_root):
        for name in files:
            path = Path(folder) / name
            if path.relative_to(media_root).as_posix() not in restored and path.resolve() != keep:
                path.unlink()
                removed += 1
    for folder, _dirs, _files in sorted(os.walk(media_root), key=lambda entry: -len(entry[0])):
        if Path(folder) != media_root and not any(Path(folder).iterdir()):
            Path(folder).rmdir()
    return RestoreResult(media_files=len(restored), media_removed=removed)


def check_backup_file(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse a file that is not a backup this database can be restored from."""
    with opened_backup(source=source, using=using):
        pass


def restore_database(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Replace the database and MEDIA_ROOT with the contents of the backup `source`."""
    with opened_backup(source=source, using=using) as backup:
        return restore_backup(backup=backup, using=using)
