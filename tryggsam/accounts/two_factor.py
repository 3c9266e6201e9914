"""Writes on two-factor login: the e-mailed enrolment code and the authenticator device (django-otp's
TOTP device). Every change is audited in its own transaction; e-mails go after commit.

Wrong codes are throttled on the device in the database (django-otp's ThrottlingMixin: after n
failures the next try must wait 2^(n-1) seconds), so the limit holds for the user across logins,
sessions and application servers, and resets only on a correct code."""

from __future__ import annotations

import datetime as dt
import enum
import hmac
import secrets
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import EnrolmentCode
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.core.errors import ServiceError

DEVICE_NAME = "Autentiseringsapp"
RESEND_AFTER = dt.timedelta(seconds=60)


class Outcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    THROTTLED = "throttled"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Check:
    outcome: Outcome
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    def message(self) -> str:
        """The Swedish message for a refused code."""
        if self.outcome is Outcome.THROTTLED:
            return _("För många felaktiga koder. Vänta %(seconds)s sekunder och försök igen.") % {
                "seconds": max(self.wait_seconds, 1)
            }
        if self.outcome is Outcome.EXPIRED:
            return _("Koden har gått ut eller har redan använts. Be om en ny kod.")
        return _("Koden stämmer inte eller har redan använts.")


def _digits(code: str) -> str:
    return "".join(ch for ch in str(code) if ch in "0123456789")[:12]


def confirmed_device(user: Person) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False) and not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def has_device(user: Person) -> bool:
    return bool(getattr(user, "pk", None)) and TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def _code_hash(user_id: int, code: str) -> str:
    return salted_hmac("tryggsam.accounts.enrolment-code", f"{user_id}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def enrolment_code_send(*, user: Person) -> EnrolmentCode:
    """A new one-time code to the account's own e-mail address (earlier codes stop working). At most
    one a minute, so the address is not flooded."""
    now = timezone.now()
    open_codes = EnrolmentCode.objects.select_for_update().filter(user=user, used_at__isnull=True, expires_at__gt=now)
    if open_codes.filter(created_at__gt=now - RESEND_AFTER).exists():
        raise ServiceError(_("En kod skickades nyss. Vänta en minut innan du ber om en ny."))
    open_codes.update(expires_at=now)
    # Nothing is kept of earlier codes but their audit rows.
    EnrolmentCode.objects.filter(user=user).filter(Q(used_at__isnull=False) | Q(expires_at__lte=now)).delete()
    code = f"{secrets.randbelow(10**8):08d}"
    minutes = int(settings.TRYGGSAM_ENROLMENT_CODE_MINUTES)
    row = EnrolmentCode.objects.create(
        user=user, code_hash=_code_hash(user.pk, code), expires_at=now + dt.timedelta(minutes=minutes)
    )
    audit_record(actor=user, action="create", obj=row, note=_("Engångskod för tvåstegsverifiering skickad med e-post"))
    subject = _("Din kod för att aktivera tvåstegsverifiering i TryggSam")
    body = _(
        "Hej!\n\nDin engångskod är: %(code)s\n\nSkriv koden på sidan för tvåstegsverifiering. Den gäller i "
        "%(minutes)s minuter och kan användas en gång.\n\nHar du inte bett om koden? Då kan någon känna till "
        "ditt lösenord: byt lösenord och kontakta en administratör.\n"
    ) % {"code": code, "minutes": minutes}
    transaction.on_commit(partial(send_mail, subject, body, None, [user.email]))
    return row


@transaction.atomic
def enrolment_code_redeem(*, user: Person, code: str) -> Check:
    """Use the latest e-mailed code; after too many wrong tries it stops working."""
    now = timezone.now()
    row = (
        EnrolmentCode.objects.select_for_update()
        .filter(user=user, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is None:
        return Check(Outcome.EXPIRED)
    if not hmac.compare_digest(_code_hash(user.pk, _digits(code)), row.code_hash):
        row.failed_attempts += 1
        if row.failed_attempts >= int(settings.TRYGGSAM_ENROLMENT_CODE_TRIES):
            row.expires_at = now
        row.save(update_fields=["failed_attempts", "expires_at", "updated_at"])
        audit_record(
            actor=user,
            action=AuditAction.LOGIN,
            obj=row,
            changes={"failed_attempts": [row.failed_attempts - 1, row.failed_attempts]},
            note=_("Fel engångskod för tvåstegsverifiering"),
        )
        return Check(Outcome.WRONG if row.expires_at > now else Outcome.EXPIRED)
    row.used_at = now
    row.save(update_fields=["used_at", "updated_at"])
    audit_record(
        actor=user,
        action="update",
        obj=row,
        changes={"used_at": [None, now.isoformat()]},
        note=_("Engångskod för tvåstegsverifiering använd"),
    )
    return Check(Outcome.OK)


@transaction.atomic
def totp_begin(*, user: Person) -> TOTPDevice:
    """A new, unconfirmed secret for the user's authenticator app (replacing an unconfirmed one). The
    caller has checked the e-mailed enrolment code."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    # The secret is not copied into the log: the row says only that an app was begun.
    audit_record(actor=user, action="create", obj=device, note=_("Ny app för tvåstegsverifiering påbörjad"))
    return device


def _verify(device: TOTPDevice, code: str) -> Check:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        until = (info or {}).get("locked_until")
        wait = int((until - timezone.now()).total_seconds()) + 1 if until else 1
        return Check(Outcome.THROTTLED, wait)
    return Check(Outcome.OK) if device.verify_token(_digits(code) or "x") else Check(Outcome.WRONG)


@transaction.atomic
def totp_confirm(*, user: Person, code: str) -> Check:
    """Confirm the unconfirmed device with a code from the app; it replaces any earlier device."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        raise ServiceError(_("Börja om: ingen ny app väntar på att aktiveras."))
    check = _verify(device, code)
    if not check.ok:
        return check
    replaced = list(TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True))
    TOTPDevice.objects.filter(pk__in=replaced).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=user,
        action="update",
        obj=device,
        changes={"confirmed": [False, True], **({"replaced_devices": [replaced, []]} if replaced else {})},
        note=_("Tvåstegsverifiering aktiverad"),
    )
    return check


@transaction.atomic
def totp_verify(*, user: Person, code: str) -> tuple[Check, TOTPDevice | None]:
    """Check a code from the user's confirmed device. A used code is refused (replay), and wrong codes
    are throttled on the device (see the module)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return Check(Outcome.WRONG), None
    check = _verify(device, code)
    if not check.ok:
        # A wrong or throttled code is a sign of someone holding the password: the log shows it.
        audit_record(
            actor=user,
            action=AuditAction.LOGIN,
            obj=device,
            changes={"outcome": [None, check.outcome.value]},
            note=_("Fel kod för tvåstegsverifiering")
            if check.outcome == Outcome.WRONG
            else _("Kod avvisad: för många felaktiga försök"),
        )
    return check, (device if check.ok else None)


@transaction.atomic
def totp_disable(*, user: Person, actor: Person) -> None:
    for device in TOTPDevice.objects.filter(user=user):
        audit_record(actor=actor, action="delete", obj=device, note=_("Tvåstegsverifiering avstängd"))
        device.delete()
