"""Generic write helpers used by the apps' services: validate, save and audit in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models, transaction

from tryggsam.audit.services import (
    AuditActor,
    audit_create,
    audit_record,
    audit_rows_together,
    audit_update,
    snapshot,
)

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def create_audited(
    *, model: type[M], actor: AuditActor, m2m: dict[str, Iterable[Any]] | None = None, **fields: Any
) -> M:
    """Create, full_clean, save and audit one row (and set its many-to-many fields)."""
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    audit_create(actor=actor, obj=obj)
    if m2m:
        audit_record(
            actor=actor,
            action="update",
            obj=obj,
            changes={
                name: [[], sorted(v.pk if hasattr(v, "pk") else v for v in values)] for name, values in m2m.items()
            },
        )
    return obj


@transaction.atomic
def create_audited_many(*, model: type[M], actor: AuditActor, rows: Iterable[dict[str, Any]]) -> list[M]:
    """`create_audited` for many rows of one model (no many-to-many fields): each row is built and
    full_clean'ed, then all are saved in one INSERT and their audit rows in another. The same rows
    and audit rows as one `create_audited` per row, in the same order."""
    objects = [model(**fields) for fields in rows]
    for obj in objects:
        obj.full_clean()
    if not objects:
        return []
    created = model._default_manager.bulk_create(objects)
    if any(obj.pk is None for obj in created):  # a database that cannot return the new keys
        raise RuntimeError("bulk_create returned no primary keys.")
    with audit_rows_together():
        for obj in created:
            audit_create(actor=actor, obj=obj)
    return created


@transaction.atomic
def update_audited(*, obj: M, actor: AuditActor, action: str = "update", note: str = "", **fields: Any) -> M:
    """Set fields, full_clean, save and audit the changed fields (old and new values)."""
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    audit_update(actor=actor, obj=obj, before=before, action=action, note=note)
    return obj


@transaction.atomic
def set_m2m_audited(*, obj: models.Model, actor: AuditActor, name: str, values: Iterable[Any]) -> None:
    manager = getattr(obj, name)
    old = sorted(manager.values_list("pk", flat=True))
    values = list(values)
    manager.set(values)
    new = sorted(v.pk if hasattr(v, "pk") else v for v in values)
    if old != new:
        audit_record(actor=actor, action="update", obj=obj, changes={name: [old, new]})
