"""Erasure of a user's personal data (GDPR art. 17) when someone leaves the collaboration.

The account is kept as an anonymous, inactive placeholder, so that the records it touched (measures,
follow-ups, incidents, meetings) keep their history without the person: name, e-mail, title, phone
and password go; memberships, forum memberships, two-factor device, report subscriptions and sent
reminders are deleted. Kept on purpose, as the register of processing says: names in attendance
lists of minutes (an archived record) and `actor_label` in the audit log (accountability). The audit
row of the erasure names the account by id only.

Privacy is an orchestrator above every domain app (README, "Layers"), so it imports the models whose
rows it deletes directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.accounts.models import EnrolmentCode, Membership, User
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.casework.models import ReminderSent
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.forums.models import ForumMember
from tryggsam.situation.models import ReportSubscription

ERASED_NAME = "Borttagen användare"


@dataclass
class ErasureResult:
    user_id: int
    deleted: dict[str, int] = field(default_factory=dict)


def _related(user: User) -> dict[str, Any]:
    return {
        "medlemskap": Membership.objects.filter(user=user),
        "forummedlemskap": ForumMember.objects.filter(user=user),
        "tvåstegsverifiering": TOTPDevice.objects.filter(user=user),
        "engångskoder": EnrolmentCode.objects.filter(user=user),
        "prenumerationer": ReportSubscription.objects.filter(user=user),
        "skickade påminnelser": ReminderSent.objects.filter(recipient=user),
    }


def is_erased(user: User) -> bool:
    return user.email.endswith("@borttagen.invalid")


@transaction.atomic
def user_erase(*, actor: Actor, user: User, dry_run: bool = False) -> ErasureResult:
    """Anonymise `user` (see the module). Only administrators, and not themselves; the management
    command acts as the system, stating that it acts as an administrator (privacy.management.commands.
    erase_user). With `dry_run` nothing changes: the result says what would go."""
    if not permissions.can_erase_personal_data(actor):
        raise PermissionDeniedError(_("Bara administratörer får ta bort användares personuppgifter."))
    if actor.pk == user.pk:
        raise ServiceError(_("Du kan inte ta bort dina egna uppgifter; be en annan administratör."))
    if is_erased(user):
        raise ServiceError(_("Användarens uppgifter är redan borttagna."))
    related = _related(user)
    result = ErasureResult(user_id=user.pk, deleted={name: qs.count() for name, qs in related.items()})
    if dry_run:
        return result
    for qs in related.values():
        qs.delete()
    user.full_name = ERASED_NAME
    user.email = f"anvandare-{user.pk}@borttagen.invalid"
    user.title = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        changes={"borttaget": [None, sorted(result.deleted)]},
        note=_("Personuppgifterna borttagna (GDPR art. 17); kontot finns kvar anonymt."),
    )
    return result
