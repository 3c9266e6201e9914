"""The audit log as administrators read it. Reading it asks the policy (accounts), which sits above
audit, so the reader lives here with the other tools of data protection; audit itself only writes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from tryggsam.accounts import permissions
from tryggsam.audit.models import AuditEvent


def audit_events_for(
    user: AbstractBaseUser | AnonymousUser,
    *,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log, filtered; only admins may read it."""
    # audit sits below accounts: this policy check leaves the layer with the layering work of issue 14.
    if not permissions.can_view_audit(user):  # type: ignore[arg-type]
        raise PermissionDenied
    qs = AuditEvent.objects.select_related("actor")
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs
