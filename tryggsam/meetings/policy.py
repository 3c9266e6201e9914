"""Meeting-specific checks, built only on the predicates of the one policy module
(accounts.permissions): who may run a meeting and who may approve its minutes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.core.errors import PermissionDeniedError, ServiceError


def can_run_meeting(user: Any, meeting: Any) -> bool:
    """Call, mark attendance, write notes and decisions: coordinators, the chair and the secretary."""
    if not permissions.can_view(user, meeting) or not permissions.is_collaboration_member(user):
        return False
    if permissions.can_manage_collaboration(user):
        return True
    return user.pk is not None and user.pk in (meeting.chair_id, meeting.secretary_id)


def can_approve(user: Any, meeting: Any) -> bool:
    """Approve (justera) the minutes: the chair or a coordinator."""
    if not permissions.can_view(user, meeting) or not permissions.is_collaboration_member(user):
        return False
    return permissions.can_manage_collaboration(user) or (user.pk is not None and user.pk == meeting.chair_id)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


def require_run(actor: Any, meeting: Any) -> None:
    """System actor None (commands, demo) is not policy-checked."""
    if actor is not None:
        require(can_run_meeting(actor, meeting), _("Du får inte ändra det här mötet."))


def ensure_editable(meeting: Any) -> None:
    if meeting.is_approved:
        raise ServiceError(
            _("Protokollet är justerat och kan inte ändras. Skapa en ny version om något behöver rättas.")
        )
