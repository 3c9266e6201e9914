"""Writing the audit trail. Every service that changes data calls `audit_record` (or one of the
helpers below) inside its own transaction, so the change and its audit row commit together."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from tryggsam.audit.models import AuditAction, AuditEvent


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
REDACTED_FIELDS: dict[str, frozenset[str]] = {"incidents.incident": frozenset({"description"})}


def _redacted(value: Any) -> Any:
    if not value:
        return value
    digest = hashlib.sha256(str(value).encode()).hexdigest()[:12]
    return f"[fritext, {len(str(value))} tecken, {digest}]"


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of `instance` as JSON-able values (FKs as ids); free text that is
    purged after the retention period is replaced by its length and a fingerprint."""
    redacted = REDACTED_FIELDS.get(instance._meta.label_lower, frozenset())
    return {
        f.attname: _redacted(value) if f.attname in redacted else _plain(value)
        for f in instance._meta.concrete_fields
        if f.attname not in {"created_at", "updated_at"}
        for value in [getattr(instance, f.attname)]
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=str(user) if user else (str(actor) if actor else "system"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        note=note[:500],
    )


def audit_create(*, actor: Any, obj: models.Model, note: str = "") -> AuditEvent:
    after = snapshot(obj)
    return audit_record(
        actor=actor, action=AuditAction.CREATE, obj=obj, changes={k: [None, v] for k, v in after.items()}, note=note
    )


def audit_update(
    *, actor: Any, obj: models.Model, before: dict[str, Any], action: str = AuditAction.UPDATE, note: str = ""
) -> AuditEvent | None:
    """Record the fields that changed since `before` (a snapshot); nothing if nothing changed."""
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return audit_record(actor=actor, action=action, obj=obj, changes=changes, note=note)


def audit_read(*, user: Any, obj: models.Model) -> AuditEvent | None:
    """Record that `user` read a restricted record (reads of open and internal records are not logged)."""
    if getattr(obj, "classification", None) != "restricted":
        return None
    return audit_record(actor=user, action=AuditAction.READ, obj=obj)


def audit_reads(*, user: Any, objects: Sequence[models.Model], note: str) -> None:
    """One row per restricted record shown in a list, table or export, written in one statement."""
    actor = user if getattr(user, "is_authenticated", False) else None
    label = str(actor) if actor else (str(user) if user else "system")
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                actor_label=label,
                action=AuditAction.READ,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                changes={},
                note=note[:500],
            )
            for obj in objects
            if getattr(obj, "classification", None) == "restricted"
        ],
        batch_size=500,
    )
