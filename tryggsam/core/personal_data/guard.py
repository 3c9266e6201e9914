"""The personal-data guard: finds Swedish personal identity numbers, coordination numbers, phone numbers
and private e-mail addresses in free text, and masks them.

Nothing here stores or logs anything; forms and importers call it and decide what to show the user.
Official switchboard numbers (`PRIVACY_ALLOWED_PHONE_NUMBERS`) and organisation e-mail domains
(`PRIVACY_ALLOWED_EMAIL_DOMAINS`) are not personal data and are let through.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


# How people type a separator: every Unicode dash and minus is read as "-", every Unicode space
# (no-break, thin, figure, ideographic ...) as " ", full-width digits and plus as ASCII. Each is one
# character for one, so positions in the normalised text are positions in the text as typed.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_NORMALISE = str.maketrans(
    {
        **dict.fromkeys(map(ord, DASHES), "-"),
        **dict.fromkeys(map(ord, SPACES), " "),
        **{0xFF10 + i: str(i) for i in range(10)},
        0xFF0B: "+",
    }
)


def normalise(text: str) -> str:
    """`text` with Unicode dashes, spaces and full-width digits as their ASCII forms (same length)."""
    return text.translate(_NORMALISE)


# Personal identity / coordination numbers: YYMMDD[-+]NNNN or YYYYMMDD[-]NNNN as a whole digit run; the
# separator may have a space on either side, or be a space alone ("811218 - 9876", "811218 9876").
_PIN_RE = re.compile(
    r"(?<!\d)(?:(\d{8}) {0,2}-? {0,2}(\d{4})|(\d{6}) {0,2}([-+]?) {0,2}(\d{4}))(?!\d)",
    re.ASCII,
)

# Phone numbers: +46/0046 followed by the national number without its 0, or a national number with a
# leading 0 (optionally in parentheses). Subscriber numbers never begin with 0, which keeps dates such as
# "01-02-2019" out. Digit counts are checked afterwards.
_GROUPS = r"[1-9]\d{1,2}(?:[ \u00a0\-]?\d{2,3}){1,3}"
_PHONE_RE = re.compile(
    r"(?<![\w+\-/.])"
    r"(?:"
    r"(?P<intl>(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]\d{0,2}[ \u00a0\-/]?" + _GROUPS + r")"
    r"|(?P<national>(?:\(0[1-9]\d{0,2}\)|0[1-9]\d{0,2})[ \u00a0\-/]?" + _GROUPS + r")"
    r")"
    r"(?![\w]|[\-/.:,]\d)",
    re.ASCII,
)

_EMAIL_RE = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@(?P<domain>(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,})")

# Dates (dd-mm-yyyy, dd-mm-yy) and time ranges (0800-1200) that the phone pattern would otherwise take.
_NOT_PHONE_RE = re.compile(r"\d{2}-\d{2}-(?:\d{2}|\d{4})|[0-2]\d[0-5]\d ?- ?[0-2]\d[0-5]\d")


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
    for m in _PIN_RE.finditer(text):
        date_part, serial = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(5))
        kind = _pin_kind(date_part, serial)
        if kind:
            found.append(Finding(kind, m.start(), m.end(), m.group(0)))
    return found


def _phone_digits(text: str) -> str:
    """A phone number as its national digits with the leading 0, e.g. "0850800000"."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.startswith("+46"):
        return "0" + digits[2:]
    if text.startswith("0046"):
        return "0" + digits[4:]
    return digits


def _allowed_phone_numbers() -> set[str]:
    numbers = getattr(settings, "PRIVACY_ALLOWED_PHONE_NUMBERS", DEFAULT_ALLOWED_PHONE_NUMBERS)
    return {_phone_digits(n) for n in numbers}


def _find_phones(text: str) -> list[Finding]:
    allowed = _allowed_phone_numbers()
    found = []
    for m in _PHONE_RE.finditer(text):
        if _NOT_PHONE_RE.fullmatch(m.group(0)):
            continue
        digits = _phone_digits(m.group(0))
        if not 8 <= len(digits) <= 10 or (digits.startswith("07") and len(digits) != 10):
            continue
        if digits not in allowed:
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
        for m in _EMAIL_RE.finditer(text)
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
    with an en dash or a no-break space is found; each finding's text is as typed."""
    if not text:
        return []
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
