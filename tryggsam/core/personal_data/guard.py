"""The personal-data guard: finds Swedish personal identity numbers, coordination numbers, phone numbers
and private e-mail addresses in free text, and masks them.

Nothing here stores or logs anything; forms and importers call it and decide what to show the user.
Official switchboard numbers (`PRIVACY_ALLOWED_PHONE_NUMBERS`) and organisation e-mail domains
(`PRIVACY_ALLOWED_EMAIL_DOMAINS`) are not personal data and are let through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tryggsam.core.contact_patterns import EMAIL, PERSONAL_IDENTITY_NUMBER, normalise, phone_digits, phone_numbers

DEFAULT_ALLOWED_EMAIL_DOMAINS = ["stockholm.se", "polisen.se"]
DEFAULT_ALLOWED_PHONE_NUMBERS = ["08-508 000 00"]  # Stockholms stads växel


class FindingKind(models.TextChoices):
    PERSONAL_IDENTITY_NUMBER = "personal_identity_number", _("personnummer")
    COORDINATION_NUMBER = "coordination_number", _("samordningsnummer")
    PHONE = "phone", _("telefonnummer")
    EMAIL = "email", _("e-postadress")


def _mask_label(kind: str) -> str:
    labels = {
        FindingKind.PERSONAL_IDENTITY_NUMBER: gettext("[personnummer borttaget]"),
        FindingKind.COORDINATION_NUMBER: gettext("[samordningsnummer borttaget]"),
        FindingKind.PHONE: gettext("[telefonnummer borttaget]"),
        FindingKind.EMAIL: gettext("[e-post borttagen]"),
    }
    return labels[FindingKind(kind)]


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """The Swedish name of the kind, e.g. "personnummer"."""
        return str(FindingKind(self.kind).label)


def _luhn_ok(ten_digits: str) -> bool:
    total = 0
    for i, ch in enumerate(ten_digits[:9]):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(ten_digits[9])


def _date_ok(years: Iterable[int], month: int, day: int) -> bool:
    for year in years:
        try:
            dt.date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def _pin_kind(date_part: str, serial: str) -> str | None:
    """The kind of a candidate number (8 or 6 date digits + 4), or None if it is not valid."""
    short_date = date_part[-6:]
    if not _luhn_ok(short_date + serial):
        return None
    month, day = int(short_date[2:4]), int(short_date[4:6])
    kind = FindingKind.PERSONAL_IDENTITY_NUMBER
    if day > 60:
        kind, day = FindingKind.COORDINATION_NUMBER, day - 60
    if len(date_part) == 8:
        years: Iterable[int] = [int(date_part[:4])]
        if not 1800 <= int(date_part[:4]) <= 2199:
            return None
    else:
        yy = int(short_date[:2])
        years = [1800 + yy, 1900 + yy, 2000 + yy]
    return kind if _date_ok(years, month, day) else None


def _find_pins(text: str) -> list[Finding]:
    found = []
    for m in PERSONAL_IDENTITY_NUMBER.finditer(text):
        date_part, serial = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(5))
        kind = _pin_kind(date_part, serial)
        if kind:
            found.append(Finding(kind, m.start(), m.end(), m.group(0)))
    return found


def _allowed_phone_numbers() -> set[str]:
    numbers = getattr(settings, "PRIVACY_ALLOWED_PHONE_NUMBERS", DEFAULT_ALLOWED_PHONE_NUMBERS)
    return {phone_digits(n) for n in numbers}


def _find_phones(text: str) -> list[Finding]:
    allowed = _allowed_phone_numbers()
    found = []
    for m in phone_numbers(text):
        if phone_digits(m.group(0)) not in allowed:
            found.append(Finding(FindingKind.PHONE, m.start(), m.end(), m.group(0)))
    return found


def _email_allowed(domain: str) -> bool:
    domain = domain.lower()
    for allowed in getattr(settings, "PRIVACY_ALLOWED_EMAIL_DOMAINS", DEFAULT_ALLOWED_EMAIL_DOMAINS):
        allowed = allowed.lower().lstrip("@")
        if domain == allowed or domain.endswith("." + allowed):
            return True
    return False


def _find_emails(text: str) -> list[Finding]:
    return [
        Finding(FindingKind.EMAIL, m.start(), m.end(), m.group(0))
        for m in EMAIL.finditer(text)
        if not _email_allowed(m.group("domain"))
    ]


def _blank(text: str, findings: Sequence[Finding]) -> str:
    """`text` with the findings overwritten by a neutral character, so later detectors do not see them."""
    chars = list(text)
    for f in findings:
        chars[f.start : f.end] = " " * (f.end - f.start)
    return "".join(chars)


def find_personal_data(text: str) -> list[Finding]:
    """All personal data in `text`, ordered by position and never overlapping. Identity numbers win over
    e-mail addresses, which win over phone numbers. Read after `normalise`, so that a number typed
    with an en dash or a no-break space is found; each finding's text is as typed.

    An import reads the same texts twice (when the document is read and again just before it is
    saved): the answers for recent texts are remembered, and forgotten when the allowed numbers or
    domains change."""
    if not text:
        return []
    return list(_find_remembered(text)) if len(text) <= _REMEMBERED_LENGTH else _find(text)


_REMEMBERED_LENGTH = 5000  # longer texts (a whole page) are read afresh: the memory stays small


@lru_cache(maxsize=4096)
def _find_remembered(text: str) -> tuple[Finding, ...]:
    return tuple(_find(text))


@receiver(setting_changed)
def _forget_findings(*, setting: str, **kwargs: Any) -> None:
    if setting in {"PRIVACY_ALLOWED_PHONE_NUMBERS", "PRIVACY_ALLOWED_EMAIL_DOMAINS"}:
        _find_remembered.cache_clear()


def _find(text: str) -> list[Finding]:
    typed, text = text, normalise(text)
    findings = _find_pins(text)
    findings += _find_emails(_blank(text, findings))
    findings += _find_phones(_blank(text, findings))
    return sorted((Finding(f.kind, f.start, f.end, typed[f.start : f.end]) for f in findings), key=lambda f: f.start)


def mask(text: str, findings: Sequence[Finding] | None = None) -> str:
    """`text` with each finding replaced by a label such as "[personnummer borttaget]".

    Masking can expose something a neighbouring finding hid (an address glued to a number), so the result
    is checked again until nothing is left; every round removes digits or "@", so it ends."""
    if findings is None:
        findings = find_personal_data(text)
    while findings:
        for f in sorted(findings, key=lambda f: f.start, reverse=True):
            text = text[: f.start] + _mask_label(f.kind) + text[f.end :]
        findings = find_personal_data(text)
    return text


def describe(findings: Sequence[Finding]) -> str:
    """A Swedish list of what was found, e.g. 'personnummer "811218-9876", telefonnummer "070-123 45 67"'."""
    return ", ".join(f"{f.label} ”{f.text}”" for f in findings)
