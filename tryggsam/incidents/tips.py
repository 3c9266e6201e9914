"""A resident's tip seen from the resident's side: its reference number, the limits per address, what
became of it (the public status, the same for the web page and Open311) and the short e-mail sent
when a coordinator routes it, links it to a problem, accepts or dismisses it.

Nothing here shows the resident more than they may know: the organisation a tip was sent to is named
(partners are public bodies and companies the resident deals with), a problem's title only when the
problem is open to everyone (`permissions.can_view` for an anonymous reader), and the answer is the
one written for the resident (`TipReceipt.answer`) or a default per outcome, never the internal
reason for dismissing it nor anyone's notes."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts import permissions
from tryggsam.audit.services import AuditActor, audit_update, snapshot
from tryggsam.core.errors import ServiceError
from tryggsam.core.mail import send_after_commit
from tryggsam.incidents.models import Incident, ReviewStatus, TipReceipt, TipSubmission

REFERENCE_PREFIX = "TS-"
# No 0/O, 1/I/L: a reference read aloud or typed from a phone is not mistaken. 31^8 ≈ 8.5·10^11
# references, against `LOOKUPS_PER_HOUR` guesses per address: others' tips cannot be enumerated.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8
REFERENCE_RE = re.compile(rf"{REFERENCE_PREFIX}[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}")

TIPS_PER_HOUR = 5
LOOKUPS_PER_HOUR = 30
LIMIT_WINDOW = dt.timedelta(hours=1)


class TipLimitError(ServiceError):
    """Too many tips (or status look-ups) from one address within the window."""


def _address_key(address: str) -> str:
    """The address as a keyed hash: enough to count requests per address, not to tell who sent them."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def count_request(address: str, *, purpose: str) -> None:
    """Record a tip (`TipSubmission.SEND`) or a status look-up (`TipSubmission.LOOKUP`) from
    `address`, or raise TipLimitError when the address has reached its limit within the window. The
    store is the database, shared by every application server; no session or cookie is asked for, so
    a client cannot reset the count by dropping them. Old rows go as new ones come."""
    now = timezone.now()
    TipSubmission.objects.filter(sent_at__lt=now - LIMIT_WINDOW).delete()
    key = _address_key(address)
    limit = TIPS_PER_HOUR if purpose == TipSubmission.SEND else LOOKUPS_PER_HOUR
    recent = TipSubmission.objects.filter(address=key, purpose=purpose, sent_at__gte=now - LIMIT_WINDOW)
    if recent.count() >= limit:
        if purpose == TipSubmission.SEND:
            raise TipLimitError(_("Många tips har skickats från din adress den senaste timmen. Försök igen senare."))
        raise TipLimitError(_("Många sökningar har gjorts från din adress den senaste timmen. Försök igen senare."))
    TipSubmission.objects.create(address=key, sent_at=now, purpose=purpose)


def new_reference() -> str:
    """A fresh reference number, not used by any tip (drawn again on the rare collision)."""
    while True:
        reference = REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if not TipReceipt.objects.filter(reference=reference).exists():
            return reference


def normalise_reference(text: str) -> str | None:
    """The reference a resident typed (any case, spaces, with or without "TS-"), or None when it
    cannot be one. Bounded: nothing longer than a reference and some slack is looked at."""
    compact = re.sub(r"[\s-]", "", str(text)[:40]).upper()
    compact = compact.removeprefix(REFERENCE_PREFIX.rstrip("-"))
    reference = REFERENCE_PREFIX + compact
    return reference if REFERENCE_RE.fullmatch(reference) else None


class TipOutcome(models.TextChoices):
    """What a coordinator (or the organisation) did with a tip, as the resident is told."""

    ROUTED = "routed", gettext_lazy("Skickat vidare")
    LINKED = "linked", gettext_lazy("Kopplat till ett problem")
    ACCEPTED = "accepted", gettext_lazy("Granskat")
    DISMISSED = "dismissed", gettext_lazy("Avslutat")


DEFAULT_ANSWERS = {
    TipOutcome.ROUTED: gettext_lazy(
        "Tipset har skickats vidare till den organisation som ansvarar för platsen. De tittar på det."
    ),
    TipOutcome.LINKED: gettext_lazy(
        "Tipset hör ihop med ett problem som samverkan redan arbetar med och används i det arbetet."
    ),
    TipOutcome.ACCEPTED: gettext_lazy("Tipset är granskat och räknas nu i lägesbilden för området."),
    TipOutcome.DISMISSED: gettext_lazy(
        "Tipset är avslutat. Det kommer inte att hanteras vidare av oss, men tack för att du hörde av dig."
    ),
}
CLOSING = (TipOutcome.ACCEPTED, TipOutcome.DISMISSED)


def tip_email_days() -> int:
    """Days an e-mail address is kept after its tip is closed (the retention purge removes it)."""
    return int(getattr(settings, "TRYGGSAM_TIP_EMAIL_DAYS", 30))


@dataclass(frozen=True)
class TipStatus:
    """A tip's status as the resident may see it."""

    reference: str
    state: str  # "received", "routed", "linked", "accepted" or "dismissed"
    label: str
    detail: str
    answer: str
    closed: bool
    received_at: dt.datetime
    updated_at: dt.datetime
    organisation: str  # the organisation it was sent to, if any
    category_code: str
    category_name: str


def _problem_detail(incident: Incident) -> str:
    problem = incident.problem
    if problem is not None and permissions.can_view(AnonymousUser(), problem):
        return _("Problemet: %(title)s") % {"title": problem.title}
    return _("Ett problem som samverkan arbetar med.")


def status_of(receipt: TipReceipt) -> TipStatus:
    """The public status of the tip behind `receipt` (see the module's docstring for what it shows)."""
    incident = receipt.incident
    category = incident.categories.order_by("position", "pk").first()
    state: str
    answer = ""
    if incident.review_status == ReviewStatus.DISMISSED:
        state, label, detail = TipOutcome.DISMISSED, _("Avslutat"), ""
    elif incident.problem_id is not None:
        state, label, detail = TipOutcome.LINKED, _("Kopplat till ett problem"), _problem_detail(incident)
    elif incident.review_status == ReviewStatus.ROUTED and incident.routed_to is not None:
        state, label = TipOutcome.ROUTED, _("Skickat vidare")
        detail = _("Till %(organisation)s.") % {"organisation": incident.routed_to.name}
    elif incident.review_status == ReviewStatus.REVIEWED:
        state, label, detail = TipOutcome.ACCEPTED, _("Granskat"), ""
    else:
        state, label, detail = "received", _("Mottaget"), _("Tipset väntar på att granskas.")
    if state in DEFAULT_ANSWERS:
        answer = receipt.answer or str(DEFAULT_ANSWERS[TipOutcome(state)])
    return TipStatus(
        reference=receipt.reference,
        state=str(state),
        label=label,
        detail=detail,
        answer=answer,
        closed=incident.review_status in (ReviewStatus.REVIEWED, ReviewStatus.DISMISSED),
        received_at=incident.reported_at,
        updated_at=max(incident.updated_at, receipt.created_at),
        organisation=incident.routed_to.name if incident.routed_to is not None else "",
        category_code=category.code if category else "",
        category_name=category.name if category else "",
    )


def tip_status(*, reference: str, address: str) -> TipStatus | None:
    """The public status of the tip with `reference`, or None when there is none (a reference of the
    wrong shape is simply not found: the same answer). Every look-up counts against the address's
    limit (TipLimitError), found or not, so that references cannot be guessed at speed."""
    count_request(address, purpose=TipSubmission.LOOKUP)
    normal = normalise_reference(reference)
    if normal is None:
        return None
    receipt = (
        TipReceipt.objects.select_related("incident__routed_to", "incident__problem").filter(reference=normal).first()
    )
    return status_of(receipt) if receipt is not None else None


def status_url(reference: str) -> str:
    base = str(getattr(settings, "TRYGGSAM_BASE_URL", "")).rstrip("/")
    return f"{base}{reverse('incidents:tip_status')}?{urlencode({'referens': reference})}"


def _message(receipt: TipReceipt, status: TipStatus) -> EmailMessage:
    lines = [
        _("Hej!"),
        "",
        _("Här är ett besked om ditt tips %(reference)s.") % {"reference": receipt.reference},
        "",
        _("Status: %(label)s") % {"label": status.label},
    ]
    if status.detail:
        lines.append(status.detail)
    lines += [
        "",
        status.answer,
        "",
        _("Du kan se status för tipset här: %(url)s") % {"url": status_url(receipt.reference)},
    ]
    lines += [
        "",
        _(
            "Du får det här meddelandet eftersom du lämnade din e-postadress med tipset. Vi använder den bara för "
            "besked om tipset och raderar den %(days)d dagar efter att tipset har avslutats."
        )
        % {"days": tip_email_days()},
        _("Det går inte att svara på meddelandet. Är det bråttom – ring 112."),
    ]
    subject = _("Ditt tips %(reference)s: %(label)s") % {"reference": receipt.reference, "label": status.label}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[receipt.email])


def tip_outcome(*, actor: AuditActor, incident: Incident, outcome: TipOutcome, answer: str = "") -> None:
    """Record what became of a resident's tip, in the caller's transaction: the answer written for the
    resident (blank: the default for the outcome is shown), whether the tip is now closed (accepted
    or dismissed; the e-mail address is purged some days after), audited; and, when the resident left
    an e-mail address, a short message sent after the commit. Incidents that are not tips have no
    receipt and are left alone."""
    receipt = TipReceipt.objects.select_for_update().filter(incident=incident).first()
    if receipt is None:
        return
    before = snapshot(receipt)
    receipt.answer = answer.strip()[:2000]
    if outcome in CLOSING:
        receipt.closed_at = receipt.closed_at or timezone.now()
    receipt.full_clean()
    receipt.save()
    audit_update(actor=actor, obj=receipt, before=before)
    receipt.incident = incident
    if receipt.email:
        send_after_commit([_message(receipt, status_of(receipt))])
