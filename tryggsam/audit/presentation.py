"""The audit log as people read it: Swedish names of record types and fields, labels of statuses
and classifications, and names of organisations, users, areas and categories instead of ids.

Only the names of records that are not classified (organisations, users, areas, categories) are
looked up; a reference to a classified record stays a number. The log itself is for administrators
(permissions.can_view_audit) and shows every record's name and changed values, restricted ones
included: that is what an audit is for."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.audit.models import AuditEvent

# A value in the log is shown in at most about this many characters, objects and lists to this depth
# and this many entries; the rest is counted ("… och 12 till", "(4 000 tecken)").
MAX_SHOWN = 200
MAX_DEPTH = 2
MAX_ITEMS = 10
NAMED_MODELS = ("accounts.organisation", "accounts.user", "places.area", "incidents.incidentcategory")


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class ReadableEvent:
    event: AuditEvent
    type_label: str
    changes: list[Change]


def object_type_choices() -> list[tuple[str, str]]:
    """The record types of the project, by their Swedish names, for the log's filter."""
    choices = [
        (m._meta.label_lower, str(m._meta.verbose_name).capitalize())
        for m in apps.get_models()
        if m.__module__.startswith("tryggsam.")
    ]
    return sorted(choices, key=lambda c: c[1])


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except Exception:  # noqa: S112 - FieldDoesNotExist or a reverse relation: try the next spelling
            continue
    return None


def _related_label(field: Any) -> str | None:
    target = getattr(field, "related_model", None)
    label = target._meta.label_lower if target is not None else None
    return label if label in NAMED_MODELS else None


def _changes(event: AuditEvent) -> dict[str, Any]:
    """The event's changes as {field: value}; a value recorded in another shape is shown as one change."""
    changes = event.changes
    if isinstance(changes, dict):
        return changes
    return {} if changes in (None, "", []) else {_("ändringar"): changes}


def _pair(values: Any) -> list[Any]:
    """[before, after] of a recorded change; a value recorded otherwise is the value after."""
    return values if isinstance(values, list) and len(values) == 2 else [None, values]


def _names(events: list[AuditEvent]) -> dict[str, dict[str, str]]:
    """Names of the organisations, users, areas and categories the events refer to, in one query each."""
    wanted: dict[str, set[Any]] = defaultdict(set)
    for event in events:
        model = _model(event.object_type)
        for name, values in _changes(event).items():
            label = _related_label(_field(model, name))
            if label is None:
                continue
            for value in _pair(values):
                for pk in value[:MAX_ITEMS] if isinstance(value, list) else [value]:
                    if isinstance(pk, int) and not isinstance(pk, bool) and 0 < pk < 2**63:
                        wanted[label].add(pk)
                    elif isinstance(pk, str) and pk.isascii() and pk.isdigit() and len(pk) < 19:
                        wanted[label].add(int(pk))
    return {
        label: {str(obj.pk): str(obj) for obj in apps.get_model(label).objects.filter(pk__in=pks)}
        for label, pks in wanted.items()
    }


def _show(value: Any, field: Any, names: dict[str, str] | None) -> str:
    """One recorded value as text of at most about MAX_SHOWN characters, whatever its JSON shape:
    objects and lists are shown to a bounded depth and number of entries, long texts are cut, and
    what is left out is counted."""
    text = _render(value, field, names, depth=0)
    if isinstance(value, (dict, list)) and len(text) > MAX_SHOWN:
        return text[:MAX_SHOWN] + "…"
    return text


def _render(value: Any, field: Any, names: dict[str, str] | None, *, depth: int) -> str:
    limit = MAX_SHOWN if depth == 0 else MAX_SHOWN // 4
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return _("{%(n)d fält}") % {"n": len(value)}
        parts = [
            f"{_shortened(str(k), 40)}: {_render(v, None, None, depth=depth + 1)}" for k, v in _first(value.items())
        ]
        return "{" + "; ".join(parts + _rest(len(value))) + "}"
    if isinstance(value, list):
        if depth >= MAX_DEPTH:
            return _("[%(n)d värden]") % {"n": len(value)}
        parts = [_render(v, field, names, depth=depth + 1) for v in _first(value)]
        text = ", ".join(parts + _rest(len(value)))
        return f"[{text}]" if depth else text
    if names is not None:
        return names.get(str(value), f"#{_shortened(str(value), limit)}")
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return f"{timezone.localtime(dt.datetime.fromisoformat(value)):%Y-%m-%d %H:%M}"
        except (ValueError, OverflowError):
            return _shortened(value, limit)
    choices = dict(getattr(field, "flatchoices", None) or [])
    return _shortened(str(choices.get(value, value)), limit)


def _first(values: Iterable[Any]) -> list[Any]:
    return list(itertools.islice(values, MAX_ITEMS))


def _rest(total: int) -> list[str]:
    return [_("… och %(n)d till") % {"n": total - MAX_ITEMS}] if total > MAX_ITEMS else []


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return _("%(start)s… (%(n)d tecken)") % {"start": text[:limit], "n": len(text)}


def readable(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    events = list(events)
    names = _names(events)
    out = []
    for event in events:
        model = _model(event.object_type)
        type_label = str(model._meta.verbose_name).capitalize() if model is not None else event.object_type
        changes = []
        for name, values in _changes(event).items():
            field = _field(model, name)
            label = str(getattr(field, "verbose_name", "") or name).capitalize() if field is not None else name
            label = _shortened(label, 80)
            related = _related_label(field)
            pair = _pair(values)
            if all(v in (None, "", []) for v in pair):
                continue  # an empty field of a new record says nothing
            changes.append(
                Change(
                    field=label,
                    before=_show(pair[0], field, names.get(related, {}) if related else None),
                    after=_show(pair[1], field, names.get(related, {}) if related else None),
                )
            )
        out.append(ReadableEvent(event=event, type_label=type_label, changes=changes))
    return out
