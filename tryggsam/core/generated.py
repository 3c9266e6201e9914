"""Documents generated off the request path (issue 17, item 4): a rendered file is kept in storage,
identified by what it is and for whom, and a download serves it from there.

A file is identified by a `FileKey`: its kind ("minutes", "situation-report"), the object it is about,
the audience it was rendered for (derived from what the policy lets the reader see, so that a file is
never served to a reader who may see less than the one it was rendered for), the content version (a
hash of what the document shows) and its format. One "slot" (kind, object, audience, format) holds
one version: storing a new version removes the older ones.

The rendering runs as a django-q2 task (`async_task`; inline when `Q_CLUSTER["sync"]`, as in the
tests). While it runs, a marker file says so (and since when), so that a second download finds the job
instead of starting another; a marker older than the cluster's time-out is taken over. Files are
written atomically (a temporary file in the same folder, then `os.replace`), so a reader never sees
half a file. The apps that own a kind register its renderer here (`add_renderer`, in their
`AppConfig.ready`): this module imports nothing of the project.

Storage: `settings.TRYGGSAM_GENERATED_ROOT`, by default `MEDIA_ROOT/generated` (shared storage when
several application servers run)."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger(__name__)

_PART = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


@dataclass(frozen=True)
class FileKey:
    kind: str
    object_id: str
    audience: str
    version: str
    fmt: str

    def __post_init__(self) -> None:
        for value in (self.kind, self.object_id, self.audience, self.version, self.fmt):
            if not _PART.match(value):  # the parts become file names: nothing else gets through
                raise ValueError(f"not a file-key part: {value!r}")

    @property
    def folder(self) -> Path:
        return generated_root() / self.kind / self.object_id

    @property
    def path(self) -> Path:
        return self.folder / f"{self.audience}--{self.version}.{self.fmt}"

    @property
    def marker(self) -> Path:
        """The running job's marker: one per slot (not per version), so a slot has at most one job at a
        time whatever version each download asked for (the job renders what is current when it runs)."""
        return self.folder / f"{self.audience}.{self.fmt}.pending"

    @property
    def facts(self) -> Path:
        """What the version's file was rendered from (JSON, written by the renderer when it can state
        them): lets a later download decide whether this file may still be served while a newer
        version is made (`previous`)."""
        return self.folder / f"{self.audience}--{self.version}.{self.fmt}.facts"

    @property
    def failure(self) -> Path:
        return self.folder / f"{self.audience}--{self.version}.{self.fmt}.failed"

    def same_slot(self, name: str) -> bool:
        """Is `name` (a file in the folder, with or without a marker's suffix) a version of this key's
        slot, i.e. the same audience and format?"""
        head, sep, rest = name.partition("--")
        parts = rest.split(".")
        return bool(sep) and head == self.audience and len(parts) >= 2 and parts[1] == self.fmt


class State(enum.Enum):
    READY = "ready"
    PENDING = "pending"
    FAILED = "failed"
    MISSING = "missing"


def generated_root() -> Path:
    configured = getattr(settings, "TRYGGSAM_GENERATED_ROOT", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "generated"


def stale_after() -> float:
    """A job that has not finished within the cluster's time-out is dead: its marker is taken over."""
    return float(getattr(settings, "Q_CLUSTER", {}).get("timeout", 600))


def digest(value: Any) -> str:
    """A short stable hash of a JSON-able value (the content version)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def stored(key: FileKey) -> Path | None:
    return key.path if key.path.is_file() else None


def state(key: FileKey) -> tuple[State, float]:
    """Where the key's file is, and for a running job the seconds since it was started."""
    if key.path.is_file():
        return State.READY, 0.0
    with contextlib.suppress(FileNotFoundError):
        age = time.time() - key.marker.stat().st_mtime
        if age < stale_after():
            return State.PENDING, age
    if key.failure.is_file():
        return State.FAILED, 0.0
    return State.MISSING, 0.0


def claim(key: FileKey) -> bool:
    """Mark the key's job as started; False when a live job already has it (then nobody starts another)."""
    key.folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        key.failure.unlink()
    try:
        fd = os.open(key.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        try:
            if time.time() - key.marker.stat().st_mtime < stale_after():
                return False
        except FileNotFoundError:
            pass  # it finished meanwhile: a new job only costs a render
        key.marker.touch()
        return True
    os.close(fd)
    return True


def store(key: FileKey, data: bytes, facts: dict[str, Any] | None = None) -> Path:
    """Write the file atomically (and, before it, the facts it was rendered from, if given), then
    remove the slot's other versions."""
    key.folder.mkdir(parents=True, exist_ok=True)
    if facts is not None:
        _write_atomically(key.folder, key.facts, json.dumps(facts, sort_keys=True, default=str).encode())
    else:
        with contextlib.suppress(FileNotFoundError):
            key.facts.unlink()
    _write_atomically(key.folder, key.path, data)
    remove_old_versions(key)
    return key.path


def _write_atomically(folder: Path, target: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@dataclass(frozen=True)
class Previous:
    """A stored file of the same slot as a key but of another version, with the facts it was rendered
    from and when it was written."""

    key: FileKey
    facts: dict[str, Any]
    written: float


def previous(key: FileKey) -> Previous | None:
    """The slot's stored file of another version than `key`'s, if its facts were kept (a file without
    them is never served in place of another version)."""
    suffix = f".{key.fmt}"
    for path in _files(key.folder):
        name = path.name
        if name == key.path.name or not name.endswith(suffix) or not key.same_slot(name):
            continue
        version = name[len(key.audience) + 2 : -len(suffix)]
        try:
            other = FileKey(key.kind, key.object_id, key.audience, version, key.fmt)
            facts = json.loads(other.facts.read_bytes())
            written = path.stat().st_mtime
        except (ValueError, OSError):
            continue
        if isinstance(facts, dict):
            return Previous(other, facts, written)
    return None


def remove_old_versions(key: FileKey) -> int:
    """Delete the files (and finished markers) of the key's slot that are not this version."""
    removed = 0
    keep = {key.path.name, key.marker.name, key.facts.name}
    for path in _files(key.folder):
        if path.name not in keep and key.same_slot(path.name):
            if path.name.endswith(".pending") and _young(path):
                continue  # another version's job is running: it cleans up after itself
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


def _young(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime < stale_after()
    except FileNotFoundError:
        return False


def _files(folder: Path) -> Iterator[Path]:
    try:
        yield from (p for p in folder.iterdir() if p.is_file())
    except FileNotFoundError:
        return


# --- the job ------------------------------------------------------------------------------------------

Renderer = Callable[[dict[str, Any]], tuple[FileKey, bytes] | tuple[FileKey, bytes, dict[str, Any] | None]]
"""Renders the document a job's parameters describe, as the reader they name, and returns the key of
what it rendered (its own content version and audience, computed from what it read, which may be newer
than what the download saw) with the bytes, and optionally the facts it was rendered from (kept beside
the file, see `previous`)."""

_renderers: dict[str, Renderer] = {}


def add_renderer(kind: str, renderer: Renderer, *, existing: Callable[[list[str]], set[str]] | None = None) -> None:
    """Register the renderer of `kind`; `existing` tells which of the given object ids (folder names)
    still name an object (the clean-up removes the files of the others)."""
    _renderers[kind] = renderer
    if existing is not None:
        _existing[kind] = existing


_existing: dict[str, Callable[[list[str]], set[str]]] = {}


def start(key: FileKey, params: dict[str, Any]) -> bool:
    """Start the job that renders `key` unless one is already running; True if this call started it.
    The job goes to the django-q2 queue (run inline in `sync` mode)."""
    from django_q.tasks import async_task

    if not claim(key):
        return False
    try:
        async_task(
            run_job, key.kind, key.object_id, key.audience, key.version, key.fmt, params, task_name=_task_name(key)
        )
    except Exception:  # not queued, or (sync mode) the job ran here and failed: the page says so
        logger.exception("Generating %s %s failed", key.kind, key.object_id)
        with contextlib.suppress(FileNotFoundError):
            key.marker.unlink()
        key.failure.touch()
    return True


def _task_name(key: FileKey) -> str:
    return f"dokument-{key.kind}-{key.object_id}-{key.version[:12]}"[:100]


def run_job(kind: str, object_id: str, audience: str, version: str, fmt: str, params: dict[str, Any]) -> str:
    """The task: render, store under the key of what was rendered, clear the requested key's marker.
    A failure is kept as a marker (the progress page says so) and raised for the cluster's log."""
    requested = FileKey(kind, object_id, audience, version, fmt)
    try:
        rendered = _renderers[kind](params)
        key, data = rendered[0], rendered[1]
        facts = rendered[2] if len(rendered) > 2 else None  # type: ignore[misc]
        if (key.kind, key.object_id, key.audience, key.fmt) != (kind, object_id, audience, fmt):
            # The reader's access changed since the download: the file is kept for what they see now.
            logger.info("Generated %s for another audience than asked (%s → %s)", kind, audience, key.audience)
        path = store(key, data, facts)
    except Exception:
        requested.folder.mkdir(parents=True, exist_ok=True)
        requested.failure.touch()
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            requested.marker.unlink()
    return str(path)


def content_of(value: Any) -> Any:
    """A JSON-able picture of a document's context, for its content version: plain values as they
    are, dates as ISO text, dataclasses and dicts by their fields, a model instance by its label, key
    and every concrete field's value (a template may print any of them). The deferred fields of the
    instances in it (loaded with `only()`, as the situation picture's top places are) are loaded at
    the end, one query per model, rather than one query per instance and field as reading each would
    (a district area's report version read some 60-130 statements)."""

    deferred: list[tuple[Model, dict[str, Any]]] = []
    picture = _content(value, deferred)
    if deferred:
        _load_deferred([instance for instance, _ in deferred])
        for instance, fields in deferred:
            fields.update(_fields_of(instance, deferred))
    return picture


def _content(value: Any, deferred: list[Any]) -> Any:
    from django.db.models import Model

    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Model):
        loaded = value.__dict__
        if value.pk is not None and any(f.attname not in loaded for f in value._meta.concrete_fields):
            fields: dict[str, Any] = {}  # filled in by `content_of` once every deferred field is loaded
            deferred.append((value, fields))
        else:
            fields = _fields_of(value, deferred)
        return [value._meta.label, value.pk, fields]
    if isinstance(value, dict):
        return {str(k): _content(v, deferred) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_content(v, deferred) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _content(getattr(value, f.name), deferred) for f in dataclasses.fields(value)}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def _fields_of(instance: Any, deferred: list[Any]) -> dict[str, Any]:
    return {f.attname: _content(getattr(instance, f.attname), deferred) for f in instance._meta.concrete_fields}


def _load_deferred(instances: list[Model]) -> None:
    """Load the deferred fields of `instances`, one query per model and database, and set them on the
    instances as reading each would (`refresh_from_db`). A row deleted meanwhile stays deferred: reading
    it then fails as it did before."""
    waiting: dict[tuple[type[Model], str | None], dict[Any, list[Model]]] = {}
    for instance in instances:
        waiting.setdefault((type(instance), instance._state.db), {}).setdefault(instance.pk, []).append(instance)
    for (model, database), by_pk in waiting.items():
        names = sorted({name for group in by_pk.values() for i in group for name in i.get_deferred_fields()})
        rows = model._base_manager.using(database).filter(pk__in=list(by_pk)).values_list("pk", *names)
        for pk, *values in rows:
            for instance in by_pk.get(pk, []):
                missing = instance.get_deferred_fields()
                for name, loaded in zip(names, values, strict=True):
                    if name in missing:
                        setattr(instance, name, loaded)


def sources_digest(*paths: Path) -> str:
    """A hash of the files that shape a document (templates, style sheets, the renderer's code), so a
    new release does not serve files rendered by the old one."""
    hasher = hashlib.sha256()
    for path in sorted(p for root in paths for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file()):
        hasher.update(path.name.encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]


# --- the clean-up ---------------------------------------------------------------------------------


def keep_days() -> int:
    return int(getattr(settings, "TRYGGSAM_GENERATED_KEEP_DAYS", 30))


def clean_up(*, days: int | None = None, now: float | None = None) -> int:
    """Remove the generated files (and markers, half-written files) whose object is gone or that are
    older than `days` (default `TRYGGSAM_GENERATED_KEEP_DAYS`): a file asked for again is generated
    again. Returns how many files were removed; empty folders go too."""
    cutoff = (now if now is not None else time.time()) - (keep_days() if days is None else days) * 86400
    removed = 0
    for kind_folder in _folders(generated_root()):
        folders = list(_folders(kind_folder))
        check = _existing.get(kind_folder.name)
        existing = check([f.name for f in folders]) if check is not None else {f.name for f in folders}
        for folder in folders:
            gone = folder.name not in existing
            for path in _files(folder):
                if gone or _modified(path) < cutoff:
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed += 1
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
    return removed


def clean_up_job() -> int:
    """The scheduled task (django-q2 `Schedule` "clean_generated_documents", daily)."""
    removed = clean_up()
    logger.info("Removed %d generated files", removed)
    return removed


def _folders(folder: Path) -> Iterator[Path]:
    try:
        yield from (p for p in folder.iterdir() if p.is_dir())
    except FileNotFoundError:
        return


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()
