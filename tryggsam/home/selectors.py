"""What the start page shows: the user's due follow-ups, their forums and the latest changes they
may see. Changes are read from the audit log and filtered by the policy module object by object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import IntegerField, Value

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.models import AuditAction, AuditEvent

# Object types whose changes are shown on the start page, and how to reach a classified record.
_FEED_TYPES = ("casework.measure", "casework.problem", "casework.followup", "forums.forum", "plans.actionplan")
# `get_action_display()` without rebuilding the choices' dict per event (lazy: the active language's).
_ACTION_LABELS = dict(AuditAction.choices)


@dataclass(frozen=True)
class Change:
    """What the start page shows of an audit event (home/start.html): read as plain values, not as a
    model instance with the actor's user row and the changes."""

    occurred_at: dt.datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str

    @property
    def action_label(self) -> Any:
        return _ACTION_LABELS.get(self.action, self.action)


def latest_changes_for(user: Reader, *, limit: int = 10) -> list[Change]:
    """The newest audit events on records the user may read (never restricted ones they may not)."""
    if not permissions.is_collaboration_member(user):
        return []
    rows = AuditEvent.objects.filter(object_type__in=_FEED_TYPES).values_list(
        "occurred_at", "actor_label", "action", "object_type", "object_id", "object_repr"
    )
    events = [Change(*row) for row in rows[: limit * 5]]
    by_type: dict[str, set[str]] = {}
    for e in events:
        by_type.setdefault(e.object_type, set()).add(e.object_id)
    labels = list(by_type)
    # One statement for every type (a UNION of the policy's querysets), not one per type: each row is
    # (the type's place in `labels`, a visible id).
    checks = [
        apps.get_model(label)
        .objects.filter(permissions.visible_q(user, apps.get_model(label)), pk__in=by_type[label])
        .order_by()
        .annotate(feed_type=Value(i, output_field=IntegerField()))
        .values_list("feed_type", "pk")
        for i, label in enumerate(labels)
    ]
    visible: set[tuple[str, str]] = set()
    if checks:
        rows = checks[0].union(*checks[1:], all=True) if len(checks) > 1 else checks[0]
        visible = {(labels[i], str(pk)) for i, pk in rows}
    return [e for e in events if (e.object_type, e.object_id) in visible][:limit]
