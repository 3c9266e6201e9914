"""Generic write helpers used by the apps' services: validate, save and audit in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Q, UniqueConstraint
from django.utils.translation import gettext as _

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
    """Create, full_clean, save and audit one row (and set its many-to-many fields). The new row has
    no related rows yet, so they are added (`set` would read the current ones first, a query per
    field), and with many-to-many fields its two audit rows go in one INSERT."""
    m2m = {name: list(values) for name, values in (m2m or {}).items()}  # read twice: saved and audited
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).add(*values)
    if not m2m:
        audit_create(actor=actor, obj=obj)
        return obj
    with audit_rows_together():
        audit_create(actor=actor, obj=obj)
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
    refuse_clashes_within(model, objects)
    if not objects:
        return []
    created = model._default_manager.bulk_create(objects)
    if any(obj.pk is None for obj in created):  # a database that cannot return the new keys
        raise RuntimeError("bulk_create returned no primary keys.")
    with audit_rows_together():
        for obj in created:
            audit_create(actor=actor, obj=obj)
    return created


def _unique_sets(model: type[models.Model]) -> list[tuple[tuple[str, ...], Q | None, bool]]:
    """Every set of fields the database keeps unique for `model`: (field names, the condition under
    which it holds or None, whether NULLs clash)."""
    meta = model._meta
    sets: list[tuple[tuple[str, ...], Q | None, bool]] = [
        ((field.name,), None, False) for field in meta.concrete_fields if field.unique
    ]
    sets += [(tuple(names), None, False) for names in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition, constraint.nulls_distinct is False))
    return sets


def refuse_clashes_within(model: type[M], objects: list[M]) -> None:
    """Refuse (ValidationError, in Swedish) a batch in which two rows break a unique constraint together:
    `full_clean` checks each row against the saved ones only, and the database would refuse the INSERT
    with an IntegrityError. Rows are grouped by their key in one pass; a conditional constraint's
    condition is asked (one small query per row) only for rows whose keys clash."""
    using = router.db_for_write(model)
    for names, condition, nulls_clash in _unique_sets(model):
        attnames = [model._meta.get_field(name).attname for name in names]  # type: ignore[union-attr]
        by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for index, obj in enumerate(objects):
            key = tuple(getattr(obj, attname) for attname in attnames)
            if nulls_clash or all(value is not None for value in key):
                by_key[key].append(index)
        for indexes in by_key.values():
            if condition is not None and len(indexes) > 1:
                indexes = [
                    i
                    for i in indexes
                    # Django's own UniqueConstraint.validate asks the condition the same way.
                    if condition.check(objects[i]._get_field_expression_map(meta=model._meta), using=using)  # type: ignore[attr-defined]
                ]
            if len(indexes) > 1:
                labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)  # type: ignore[union-attr]
                raise ValidationError(
                    _(
                        "Rad %(first)d och %(second)d i samma omgång har samma %(fields)s, men två rader får inte ha det. Inget sparades."
                    )
                    % {"first": indexes[0] + 1, "second": indexes[1] + 1, "fields": labels}
                )


@transaction.atomic
def update_audited(*, obj: M, actor: AuditActor, fields: dict[str, Any], action: str = "update", note: str = "") -> M:
    """Set `fields` ({name: value}), full_clean, save and audit the changed fields (old and new
    values); `action` and `note` are the audit row's own. The fields come as one dict so that a model
    field may have any name, `note` and `action` included, without meeting a keyword of this function."""
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
