"""Keeping organisations over time: deactivating one that has left the collaboration (its history stays)
and merging a duplicate into the organisation that is kept.

What a merge moves is found by walking Django's model relations (`Organisation._meta`), not by a list
that each app keeps: every ForeignKey, OneToOneField and ManyToManyField (through its join table) to
Organisation is found, in every app and in any app added later, so a merge cannot miss a reference and
accounts imports no domain app. What the walk cannot see are organisation ids kept as plain numbers
(the situation picture's roll-ups store the owner and audience as integers); the app that keeps such
data registers a listener with `on_organisation_merged`, called inside the merge's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.core.errors import PermissionDeniedError, ServiceError

MergeListener = Callable[[int, int], None]
_merge_listeners: list[MergeListener] = []


def on_organisation_merged(listener: MergeListener) -> MergeListener:
    """Register `listener(removed_id, kept_id)`, called inside a merge's transaction after every
    foreign key has moved and before the duplicate is deleted. For data that holds organisation ids
    without a foreign key. Usable as a decorator; registering twice has no effect."""
    if listener not in _merge_listeners:
        _merge_listeners.append(listener)
    return listener


@dataclass(frozen=True)
class Reference:
    """One foreign key to Organisation (a join table's for a many-to-many)."""

    model: type[models.Model]
    field: models.ForeignKey[Any, Any]

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def is_join_table(self) -> bool:
        return bool(self.model._meta.auto_created)

    def rows(self, organisation_id: int) -> models.QuerySet[Any]:
        return self.model._base_manager.filter(**{self.field.attname: organisation_id})


def organisation_references() -> Iterator[Reference]:
    """Every foreign key to Organisation in the project, join tables of many-to-many fields included."""
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if isinstance(relation, models.ManyToOneRel) and not isinstance(relation, models.ManyToManyRel):
            yield Reference(model=relation.related_model, field=relation.field)  # type: ignore[arg-type]


def _unique_sets(reference: Reference) -> Iterator[tuple[list[str], Any]]:
    """The unique column sets of the model that include the reference's column, each with its
    condition (None for an unconditional one)."""
    meta = reference.model._meta
    name = reference.field.name
    if reference.field.unique:
        yield [name], None
    for together in meta.unique_together:
        if name in together:
            yield list(together), None
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and name in constraint.fields:
            yield list(constraint.fields), constraint.condition


def _clashes(reference: Reference, removed_id: int, kept_id: int) -> models.QuerySet[Any] | None:
    """The removed organisation's rows that would break a unique constraint if moved to `kept_id`."""
    clashing = None
    for fields, condition in _unique_sets(reference):
        others = [f for f in fields if f != reference.field.name]
        twins = reference.rows(kept_id).filter(**{f: OuterRef(f) for f in others})
        rows = reference.rows(removed_id)
        if condition is not None:
            twins, rows = twins.filter(condition), rows.filter(condition)
        found = rows.filter(Exists(twins))
        clashing = found if clashing is None else clashing | found
    return clashing


def _require_edit(acting_user: Actor, organisation: Organisation) -> None:
    if not permissions.can_edit_organisation(acting_user, organisation):
        raise PermissionDeniedError(_("Bara samordnare och administratörer får ändra organisationer."))


@transaction.atomic
def organisation_set_active(*, organisation: Organisation, active: bool, acting_user: Person) -> Organisation:
    """Deactivate an organisation that has left the collaboration, or reactivate it. Nothing is
    deleted or moved: its memberships, records and assignments stay as history, it is shown as
    inactive and takes no new members (`services.membership_create`)."""
    _require_edit(acting_user, organisation)
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if current.is_active != active:
        old = current.is_active
        current.is_active = active
        current.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=acting_user,
            action=AuditAction.STATUS,
            obj=current,
            changes={"is_active": [old, active]},
            note=_("Organisationen återaktiverad") if active else _("Organisationen inaktiverad"),
        )
    organisation.is_active = current.is_active
    return current


@transaction.atomic
def organisation_merge(*, removed: Organisation, kept: Organisation, acting_user: Actor) -> dict[str, int]:
    """Merge the duplicate `removed` into `kept`, all or nothing: every row that points at `removed`
    (memberships, forum members, records' owner and sharing, incidents' reporting organisation,
    measures' responsible and participating organisations, programme deliveries, …) points at `kept`
    afterwards, then `removed` is deleted. A row that would then break a unique constraint (a person
    who is a member of both; a school with a delivery of the same programme and year in both) makes
    the merge refuse with the reason, changing nothing; only a duplicated entry in a join table (a
    record shared with both) is dropped, since it says the same thing twice. The audit log gets one
    row on `kept` with the number of rows moved per reference, and the deletion of `removed`.
    Returns {"app.Model.field": rows moved}."""
    if removed.pk == kept.pk:
        raise ServiceError(_("Välj två olika organisationer att slå ihop."))
    locked = {o.pk: o for o in Organisation.objects.select_for_update().filter(pk__in=[removed.pk, kept.pk])}
    if len(locked) != 2:
        raise ServiceError(_("Organisationen finns inte längre."))
    removed, kept = locked[removed.pk], locked[kept.pk]
    if not permissions.can_merge_organisations(acting_user, removed, kept):
        raise PermissionDeniedError(
            _("Bara en administratör kan slå ihop organisationer där en administratör är medlem.")
        )
    if not kept.is_active:
        raise ServiceError(_("%(org)s är inaktiv: slå ihop med en aktiv organisation.") % {"org": kept})
    references = list(organisation_references())
    for reference in references:
        clashes = _clashes(reference, removed.pk, kept.pk)
        if clashes is None or reference.is_join_table or not clashes.exists():
            continue
        raise ServiceError(
            _(
                "Organisationerna kan inte slås ihop: %(n)d %(what)s finns redan hos %(kept)s och skulle "
                "bli dubbletter. Ändra eller ta bort dem först."
            )
            % {"n": clashes.count(), "what": reference.model._meta.verbose_name_plural, "kept": kept}
        )
    moved: dict[str, int] = {}
    for reference in references:
        clashes = _clashes(reference, removed.pk, kept.pk) if reference.is_join_table else None
        dropped = clashes.delete()[0] if clashes is not None else 0
        count = reference.rows(removed.pk).update(**{reference.field.attname: kept.pk})
        if count or dropped:
            moved[reference.label] = count + dropped
    for listener in _merge_listeners:
        listener(removed.pk, kept.pk)
    audit_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=kept,
        changes={"merged_from": [None, {"id": removed.pk, "name": removed.name}], "moved": [None, moved]},
        note=_("%(removed)s sammanslagen hit") % {"removed": removed.name},
    )
    audit_record(
        actor=acting_user,
        action=AuditAction.DELETE,
        obj=removed,
        changes={"name": [removed.name, None], "merged_into": [None, kept.pk]},
        note=_("Sammanslagen med %(kept)s") % {"kept": kept.name},
    )
    removed.delete()
    return moved
