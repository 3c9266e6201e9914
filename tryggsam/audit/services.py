"""Writing the audit trail. Every service that changes data calls `audit_record` (or one of the
helpers below) inside its own transaction, so the change and its audit row commit together."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Protocol, TypeAlias

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from tryggsam.audit.models import AuditAction, AuditEvent, WriteCounter

logger = logging.getLogger(__name__)


class NamedActor(Protocol):
    """An actor that is not a person: the system acting for a command or job
    (`accounts.actors.SystemActor`); its audit rows have no user and name its purpose."""

    @property
    def purpose(self) -> str: ...


AuditActor: TypeAlias = AbstractBaseUser | AnonymousUser | NamedActor | None
"""Who an audit row is about: a person, an anonymous visitor (reads), the system, or nobody known."""


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


# Free text that the retention purge removes (privacy.retention) is not copied into the audit log,
# which is kept for good: the log records that it changed, its length and a fingerprint.
REDACTED_FIELDS: dict[str, frozenset[str]] = {
    "incidents.incident": frozenset({"description"}),
    "incidents.tipreceipt": frozenset({"email"}),  # a resident's address, purged after the tip closes
}
# Free text only for some records (incidents: a safety-walk title is the finding's text), and points
# kept only as precisely as after the purge (about 100 m).
CONDITIONAL_REDACTIONS: dict[str, Any] = {
    "incidents.incident": lambda obj: {"title"} if obj.source == "safety_walk" else set(),
}
ROUNDED_FIELDS: dict[str, frozenset[str]] = {
    "incidents.incident": frozenset({"lat", "lon"}),
    "forums.finding": frozenset({"lat", "lon"}),
}
# Structured content read from a document (attendees, contacts, agenda texts) names people: the log
# records how many entries each part had, not the entries. The records made from it audit themselves.
SUMMARISED_FIELDS: dict[str, frozenset[str]] = {
    "documents.importeddocument": frozenset({"extracted"}),
    "statutory.statutorydocument": frozenset({"snapshot", "public_snapshot"}),
}


def _redacted(value: Any) -> Any:
    if not value:
        return value
    digest = hashlib.sha256(str(value).encode()).hexdigest()[:12]
    return f"[fritext, {len(str(value))} tecken, {digest}]"


def _summarised(value: Any) -> Any:
    """{part: number of entries} for a JSON object, the number of entries for a list."""
    if isinstance(value, dict):
        return {str(key): _entries(part) for key, part in value.items()}
    return _entries(value)


def _entries(value: Any) -> int:
    if isinstance(value, (dict, list, tuple, set)):
        return len(value)
    return 0 if value in (None, "") else 1


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of `instance` as JSON-able values (FKs as ids); free text that is
    purged after the retention period is replaced by its length and a fingerprint, and structured
    content that names people by the number of its entries."""
    label = instance._meta.label_lower
    redacted = set(REDACTED_FIELDS.get(label, frozenset()))
    if label in CONDITIONAL_REDACTIONS:
        redacted |= CONDITIONAL_REDACTIONS[label](instance)
    rounded = ROUNDED_FIELDS.get(label, frozenset())
    summarised = SUMMARISED_FIELDS.get(label, frozenset())
    values = {}
    for f in instance._meta.concrete_fields:
        if f.attname in {"created_at", "updated_at"}:
            continue
        value = getattr(instance, f.attname)
        if f.attname in redacted:
            values[f.attname] = _redacted(value)
        elif f.attname in summarised:
            values[f.attname] = _summarised(value)
        elif f.attname in rounded and isinstance(value, float):
            values[f.attname] = round(value, 3)
        else:
            values[f.attname] = _plain(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _repr(obj: models.Model) -> str:
    """The record's name in the log; a model may give one without free text (`audit_repr`)."""
    audit_repr = getattr(obj, "audit_repr", None)
    return (audit_repr() if callable(audit_repr) else str(obj))[:300]


def audit_record(
    *,
    actor: AuditActor,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """One audit row, written in the caller's transaction (one INSERT: no savepoint of its own)."""
    return audit_bulk(
        actor=actor,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=_repr(obj),
        changes=changes,
        note=note,
    )


def _actor_fields(actor: AuditActor) -> dict[str, Any]:
    """The signed-in user behind a change, and its name in the log (the system by its purpose)."""
    user = actor if isinstance(actor, get_user_model()) else None
    return {"actor": user, "actor_label": str(user) if user else (str(actor) if actor else "system")}


def audit_bulk(
    *,
    actor: AuditActor,
    action: str,
    model: type[models.Model] | str,
    object_id: str,
    object_repr: str,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """One row for a change to many records of one model at once (an import run, a retention purge):
    `object_id` names the set (a source, "*"), `changes` says what changed and how many. Call it in
    the transaction of the change, like `audit_record`."""
    event = AuditEvent(
        **_actor_fields(actor),
        action=action,
        object_type=model if isinstance(model, str) else model._meta.label_lower,
        object_id=object_id[:64],
        object_repr=str(object_repr)[:300],
        changes=changes or {},
        note=str(note)[:500],
    )
    if action not in _NOT_WRITES:
        note_write(event.object_type, event.object_id)
    pending = _pending_rows.get()
    if pending is not None:
        pending.append(event)
    else:
        event.save(force_insert=True)
    return event


# --- what was written, told after commit (issue 17, item 4) ------------------------------------------

_NOT_WRITES = frozenset({AuditAction.READ, AuditAction.LOGIN})

Written: TypeAlias = frozenset[tuple[str, str]]
"""The (object type, object id) of every audited write of a committed transaction (a bulk row's id
names its set, e.g. "*")."""

_commit_listeners: list[Callable[[Written], None]] = []


def on_writes_committed(listener: Callable[[Written], None]) -> None:
    """Call `listener` after each commit of a transaction that audited writes, with what it wrote
    (registered in an `AppConfig.ready` by an app that keeps something derived from the data, such as
    a generated document). A listener that raises is logged; the transaction is committed already."""
    if listener not in _commit_listeners:
        _commit_listeners.append(listener)


class _Part:
    """The writes of one atomic block (a service call) and of the blocks nested in it. It is registered
    with `on_commit` in its block, so Django drops it with the block's savepoint if that rolls back;
    when the transaction commits it runs (marking itself kept) before its transaction's `_Writes`."""

    def __init__(self, writes: _Writes) -> None:
        self.writes = writes
        self.objects: set[tuple[str, str]] = set()
        self.kept = False

    def __call__(self) -> None:
        self.kept = True


class _Writes:
    """The writes of one outermost transaction, told once when it commits: the union of its blocks'
    parts that were not rolled back, so the counters grow by one per model and commit (one statement)
    and the listeners hear once, however many services opened their own atomic blocks in it."""

    def __init__(self) -> None:
        self.parts: list[_Part] = []
        self.told = False

    def __call__(self) -> None:
        self.told = True
        written = frozenset(o for part in self.parts if part.kept for o in part.objects)
        self.parts.clear()
        if not written:
            return
        for listener in [count_writes, *_commit_listeners]:
            try:
                listener(written)
            except Exception:  # the data is committed: a listener's failure must not turn it into an error
                logger.exception("A listener of committed writes failed")


def note_write(object_type: str, object_id: str) -> None:
    """Remember an audited write of the current transaction; the listeners hear of it after commit."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: the write is committed already
        writes = _Writes()
        committed = _Part(writes)
        committed.objects.add((object_type, object_id))
        committed.kept = True
        writes.parts.append(committed)
        writes()
        return
    part: _Part | None = getattr(connection, "_tryggsam_part", None)
    if part is None or part.writes.told or not _pending_here(connection, part):
        part = _new_part(connection)
    part.objects.add((object_type, object_id))


def _new_part(connection: Any) -> _Part:
    """A part for the current block, in the transaction's `_Writes`: that is registered in the
    savepoints that enclose all its parts (so rolling back one of them drops it with its parts, and
    no other rollback does) and moved behind every part, so it runs after them."""
    writes: _Writes | None = getattr(connection, "_tryggsam_writes", None)
    entry = None
    if writes is not None and not writes.told:
        entry = next((e for e in reversed(connection.run_on_commit) if e[1] is writes), None)
    here = set(connection.savepoint_ids)
    if entry is None:  # a new transaction (a rolled-back one dropped its callbacks)
        writes = _Writes()
        connection._tryggsam_writes = writes
        entry = (here, writes, False)
    else:  # left in place as a no-op, so that the positions of the other callbacks do not move
        connection.run_on_commit[connection.run_on_commit.index(entry)] = (entry[0], _moved, False)
        entry = (entry[0] & here, writes, False)
    assert writes is not None
    part = _Part(writes)
    writes.parts.append(part)
    connection._tryggsam_part = part
    transaction.on_commit(part)
    connection.run_on_commit.append(entry)
    return part


def _moved() -> None:
    """Where a transaction's `_Writes` waited before it moved behind a newer part."""


def _pending_here(connection: Any, part: _Part) -> bool:
    """Is `part` waiting for this transaction's commit, registered in a block that encloses the
    current one (so that rolling back the current savepoint does not drop it)? Otherwise the caller
    registers another: a rolled-back savepoint dropped it, or it belongs to a block that has ended."""
    entry = next((e for e in reversed(connection.run_on_commit) if e[1] is part), None)
    return entry is not None and entry[0] <= set(connection.savepoint_ids)


def count_writes(written: Written) -> None:
    """Bump the counter of each model the committed transaction wrote (one statement)."""
    types = sorted({object_type for object_type, _ in written})
    if not types:
        return
    table = transaction.get_connection().ops.quote_name(WriteCounter._meta.db_table)
    rows = ", ".join(["(%s, 1)"] * len(types))
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (object_type, writes) VALUES {rows} "  # noqa: S608 (our own table name)
            f"ON CONFLICT (object_type) DO UPDATE SET writes = {table}.writes + 1",
            types,
        )


def writes_stamp(*, excluding: tuple[str, ...] = ()) -> int:
    """The sum of the write counters of every model except those whose label starts with one of
    `excluding` (e.g. "incidents."): it changes with every commit that wrote one of them."""
    query = WriteCounter.objects.all()
    for prefix in excluding:
        query = query.exclude(object_type__startswith=prefix)
    return int(query.aggregate(n=models.Sum("writes"))["n"] or 0)


# Audit rows collected by `audit_rows_together`, written when its block ends.
_pending_rows: ContextVar[list[AuditEvent] | None] = ContextVar("pending_audit_rows", default=None)


@contextmanager
def audit_rows_together() -> Iterator[None]:
    """Within the block, the audit rows written through this module are collected and written in one
    INSERT when the block ends normally, in the same transaction as the changes they record (the
    block must run inside `transaction.atomic`; if it raises, nothing is written and the transaction
    rolls back). For a service that writes many records at once (an imported document); the rows
    and their order are the same as without it. Do not catch a rolled-back savepoint inside the
    block: its audit rows would still be written. Nested blocks write with the outermost one."""
    if _pending_rows.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_rows_together() must run inside transaction.atomic.")
    rows: list[AuditEvent] = []
    token = _pending_rows.set(rows)
    try:
        yield
    finally:
        _pending_rows.reset(token)
    AuditEvent.objects.bulk_create(rows, batch_size=500)


def audit_system_event(
    *,
    action: str,
    object_type: str,
    object_repr: str,
    changes: dict[str, Any] | None = None,
    note: str = "",
    using: str | None = None,
) -> AuditEvent:
    """A change to the installation itself rather than to one record (a restore from backup): it is
    done by the operator at the console, so the actor is "system"."""
    return AuditEvent.objects.using(using).create(
        actor=None,
        actor_label="system",
        action=action,
        object_type=object_type,
        object_id="-",
        object_repr=object_repr[:300],
        changes=changes or {},
        note=note[:500],
    )


def audit_create(*, actor: AuditActor, obj: models.Model, note: str = "") -> AuditEvent:
    after = snapshot(obj)
    return audit_record(
        actor=actor, action=AuditAction.CREATE, obj=obj, changes={k: [None, v] for k, v in after.items()}, note=note
    )


def audit_delete(*, actor: AuditActor, obj: models.Model, note: str = "") -> AuditEvent:
    """Record a deletion with the values the row had (call before deleting it)."""
    before = snapshot(obj)
    return audit_record(
        actor=actor, action=AuditAction.DELETE, obj=obj, changes={k: [v, None] for k, v in before.items()}, note=note
    )


def audit_update(
    *,
    actor: AuditActor,
    obj: models.Model,
    before: dict[str, Any],
    action: str = AuditAction.UPDATE,
    note: str = "",
) -> AuditEvent | None:
    """Record the fields that changed since `before` (a snapshot); nothing if nothing changed."""
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return audit_record(actor=actor, action=action, obj=obj, changes=changes, note=note)


def audit_read(*, user: AuditActor, obj: models.Model) -> AuditEvent | None:
    """Record that `user` read a restricted record (reads of open and internal records are not logged)."""
    if getattr(obj, "classification", None) != "restricted":
        return None
    return audit_record(actor=user, action=AuditAction.READ, obj=obj)


def audit_reads(*, user: AuditActor, objects: Sequence[models.Model], note: str) -> None:
    """One row per restricted record shown in a list, table or export, written in one statement."""
    who = _actor_fields(user)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                **who,
                action=AuditAction.READ,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=_repr(obj),
                changes={},
                note=note[:500],
            )
            for obj in objects
            if getattr(obj, "classification", None) == "restricted"
        ],
        batch_size=500,
    )
