"""What the start page shows: the user's due follow-ups, their forums and the latest changes they
may see. Changes are read from the audit log and filtered by the policy module object by object."""

from __future__ import annotations

from django.apps import apps

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.models import AuditAction, AuditEvent

# Object types whose changes are shown on the start page, and how to reach a classified record.
_FEED_TYPES = ("casework.measure", "casework.problem", "casework.followup", "forums.forum", "plans.actionplan")
# What the start page shows of an event (home/start.html): not the actor's user row, not the changes.
_FEED_FIELDS = ("occurred_at", "actor_label", "action", "object_type", "object_id", "object_repr")
# `get_action_display()` without rebuilding the choices' dict per event (lazy: the active language's).
_ACTION_LABELS = dict(AuditAction.choices)


def latest_changes_for(user: Reader, *, limit: int = 10) -> list[AuditEvent]:
    """The newest audit events on records the user may read (never restricted ones they may not)."""
    if not permissions.is_collaboration_member(user):
        return []
    events = list(AuditEvent.objects.filter(object_type__in=_FEED_TYPES).only(*_FEED_FIELDS)[: limit * 5])
    by_type: dict[str, set[str]] = {}
    for e in events:
        by_type.setdefault(e.object_type, set()).add(e.object_id)
    visible: set[tuple[str, str]] = set()
    for label, ids in by_type.items():
        model = apps.get_model(label)
        qs = model.objects.filter(permissions.visible_q(user, model), pk__in=ids)
        visible |= {(label, str(pk)) for pk in qs.values_list("pk", flat=True)}
    shown = [e for e in events if (e.object_type, e.object_id) in visible][:limit]
    for e in shown:
        e.action_label = _ACTION_LABELS.get(e.action, e.action)  # type: ignore[attr-defined]
    return shown
