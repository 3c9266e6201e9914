"""Writes on accounts: two-factor devices. Audited like every other write."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import totp
from tryggsam.accounts.models import TOTPDevice
from tryggsam.audit.services import audit_record
from tryggsam.core.errors import ServiceError


@transaction.atomic
def totp_begin(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed secret for the user's authenticator app (replacing an unconfirmed one)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    if not device.confirmed:
        device.secret = totp.new_secret()
        device.save(update_fields=["secret", "updated_at"])
    return device


@transaction.atomic
def totp_confirm(*, user: Any, code: str) -> TOTPDevice:
    device = TOTPDevice.objects.select_for_update().get(user=user)
    step = totp.matching_step(device.secret, code)
    if step is None:
        raise ServiceError(_("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen."))
    device.confirmed, device.last_used_step = True, step
    device.save(update_fields=["confirmed", "last_used_step", "updated_at"])
    audit_record(
        actor=user,
        action="update",
        obj=device,
        changes={"confirmed": [False, True]},
        note=_("Tvåstegsverifiering aktiverad"),
    )
    return device


@transaction.atomic
def totp_verify(*, user: Any, code: str) -> bool:
    """True for a correct code that has not been used before (a replayed code is refused)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return False
    step = totp.matching_step(device.secret, code)
    if step is None or step <= device.last_used_step:
        return False
    device.last_used_step = step
    device.save(update_fields=["last_used_step", "updated_at"])
    return True


@transaction.atomic
def totp_disable(*, user: Any, actor: Any) -> None:
    device = TOTPDevice.objects.filter(user=user).first()
    if device is not None:
        audit_record(actor=actor, action="delete", obj=device, note=_("Tvåstegsverifiering avstängd"))
        device.delete()
