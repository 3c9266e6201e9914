"""Guards of the meeting services: they raise the Swedish errors, and ask the one policy module
(accounts.permissions: can_run_meeting, can_approve_minutes) who may do what."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification

CLASSIFICATION_RANK: dict[str, int] = {
    Classification.OPEN: 0,
    Classification.INTERNAL: 1,
    Classification.RESTRICTED: 2,
}


def strictest(*classifications: str) -> str:
    """The strictest of the classifications (restricted > internal > open)."""
    return max(classifications, key=CLASSIFICATION_RANK.__getitem__)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


def require_run(actor: Person | None, meeting: Any) -> None:
    """System actor None (commands, demo) is not policy-checked."""
    if actor is not None:
        require(permissions.can_run_meeting(actor, meeting), _("Du får inte ändra det här mötet."))


def ensure_editable(meeting: Any) -> None:
    if meeting.is_approved:
        raise ServiceError(
            _("Protokollet är justerat och kan inte ändras. Skapa en ny version om något behöver rättas.")
        )
