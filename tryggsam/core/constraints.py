"""Validation of a row without needless queries: check constraints evaluated on the instance, and
foreign keys to rows the caller holds.

Django validates every `CheckConstraint` in `full_clean()` by sending `SELECT 1 WHERE <condition>` to
the database: one query per constraint per saved row (a minutes import or `load_demo` sends thousands).
Most of our conditions are plain comparisons of a row's own fields (`status__in=…`, `end >= start`,
`lat__isnull`), which Python can decide with the database's meaning: a comparison with NULL is unknown,
and a CHECK passes unless its condition is false (a field with a plain `db_default` not yet saved has
that value). A conditional unique constraint whose condition is not true for the row does not apply to
it, so it needs no query either. Whatever this module cannot decide with certainty (an
unknown lookup, an expression, string ordering, mixed types) is left to Django's own query.

Likewise `clean_fields()` checks each foreign key with a query that the row exists. When the instance
holds the related row itself (assigned as an object that was read from or saved to the database, with
no `limit_choices_to`), that query only repeats what the caller just did; the database's own foreign
key constraint still guards the commit.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, Q, Value
from django.db.models.expressions import DatabaseDefault


class Undecided(Exception):
    """The condition cannot be decided here; the database decides it."""


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}
_NUMBERS = (int, float, Decimal)
_TEMPORAL = (dt.datetime, dt.date, dt.time)


def _comparable(left: Any, right: Any, *, ordered: bool) -> None:
    """Raise Undecided unless Python compares `left` and `right` as the database would."""
    if isinstance(left, bool) or isinstance(right, bool):
        if type(left) is not type(right):
            raise Undecided
        return
    if isinstance(left, _NUMBERS) and isinstance(right, _NUMBERS):
        return
    if isinstance(left, str) and isinstance(right, str):
        if ordered:  # the database orders text by its collation, not by code point
            raise Undecided
        return
    for kind in _TEMPORAL:  # datetime is a date: test the narrowest type first
        if isinstance(left, kind) or isinstance(right, kind):
            if type(left) is not type(right):
                raise Undecided
            if isinstance(left, dt.datetime | dt.time) and (left.tzinfo is None) != (right.tzinfo is None):
                raise Undecided
            return
    raise Undecided


def _operand(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, F):
        if value.name not in values:
            raise Undecided
        return values[value.name]
    if hasattr(value, "resolve_expression"):
        raise Undecided
    return value


def _lookup(name: str, value: Any, values: dict[str, Any]) -> bool | None:
    field, _, lookup = name.partition("__")
    lookup = lookup or "exact"
    if field not in values or "__" in lookup:
        raise Undecided
    left = values[field]
    if lookup == "isnull":
        if not isinstance(value, bool):
            raise Undecided
        return (left is None) == value
    if lookup == "in":
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise Undecided
        # Django drops None from the list (NULL equals nothing); an empty list is its own case.
        options = [option for option in (_operand(option, values) for option in value) if option is not None]
        if not options:
            raise Undecided
        if left is None:
            return None
        for option in options:
            _comparable(left, option, ordered=False)
        return any(left == option for option in options)
    right = _operand(value, values)
    if lookup != "exact" and lookup not in _ORDER:
        raise Undecided
    if left is None or right is None:
        return None  # NULL compared with anything is unknown
    _comparable(left, right, ordered=lookup != "exact")
    return bool(left == right) if lookup == "exact" else _ORDER[lookup](left, right)


def evaluate(condition: Q, values: dict[str, Any]) -> bool | None:
    """True, False or None (SQL's unknown) for `condition` on a row's `values` (field name → value).
    Raises Undecided for anything it cannot decide exactly as the database would."""
    results: list[bool | None] = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(evaluate(child, values))
        elif isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
            results.append(_lookup(child[0], child[1], values))
        else:
            raise Undecided
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise Undecided
    if condition.negated and result is not None:
        result = not result
    return result


def row_values(instance: models.Model, meta: Any, exclude: set[str]) -> dict[str, Any]:
    """The values a check constraint of `meta`'s model sees, as `Model._get_field_expression_map` gives
    them to the database: each local concrete field by name (a foreign key as its id) and `pk`."""
    values: dict[str, Any] = {}
    for field in meta.local_concrete_fields:
        if field.name in exclude or field.generated:
            continue
        value = getattr(instance, field.attname)
        default = getattr(value, "expression", None) if isinstance(value, DatabaseDefault) else None
        if isinstance(default, Value):
            value = default.value  # a plain db_default: what the new row will hold
        values[field.name] = value
    if "pk" not in exclude:
        values["pk"] = instance.pk
    return values


class ChecksInPython(models.Model):
    """Abstract base: `full_clean()` decides check constraints on the instance where it can and trusts
    foreign keys to rows it holds (see the module docstring); unique constraints (but for a conditional
    one whose condition the row does not meet) and everything undecided are validated by Django."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        super().clean_fields(exclude=set(exclude or ()) | set(held_foreign_keys(self)))

    def validate_constraints(self, exclude: Any = None) -> None:
        exclude = set(exclude or ())
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict[str, Any] = {}
        for model_class, constraints in self.get_constraints():
            constraint: Any
            for constraint in constraints:
                try:
                    if isinstance(constraint, models.CheckConstraint):
                        _validate_check(constraint, model_class, self, exclude, using)
                    elif _not_applicable(constraint, model_class, self, exclude):
                        continue
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(getattr(constraint, "fields", ())) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)  # type: ignore[attr-defined]
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def held_foreign_keys(instance: models.Model) -> list[str]:
    """Names of the foreign keys whose related row `instance` holds as a saved object."""
    held = []
    field: Any
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.remote_field.limit_choices_to or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and not related._state.adding
            and related.pk is not None
            and getattr(instance, field.attname) == related.pk
        ):
            held.append(field.name)
    return held


def _not_applicable(
    constraint: Any, model_class: type[models.Model], instance: models.Model, exclude: set[str]
) -> bool:
    """A conditional unique constraint whose condition is false or unknown for this row: the row is
    not in the partial index, so there is nothing to look up (Django would query to find that out)."""
    condition = getattr(constraint, "condition", None)
    if not isinstance(constraint, models.UniqueConstraint) or condition is None:
        return False
    try:
        return evaluate(Q(condition), row_values(instance, model_class._meta, exclude)) is not True
    except Undecided:
        return False


def _validate_check(
    constraint: Any,
    model_class: type[models.Model],
    instance: models.Model,
    exclude: set[str],
    using: str,
) -> None:
    try:
        passed = evaluate(Q(constraint.condition), row_values(instance, model_class._meta, exclude)) is not False
    except Undecided:
        constraint.validate(model_class, instance, exclude=exclude, using=using)
        return
    if not passed:
        raise ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
