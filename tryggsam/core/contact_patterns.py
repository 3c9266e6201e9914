"""The patterns of contact details and identity numbers, once: the personal-data guard masks what they
find, the document parser reads contacts with them. Both read text after `normalise`, so a number typed
with an en dash or a no-break space is the same number.

Only the patterns live here; what counts as personal data (a valid identity number, an address outside
the organisations' domains, a number that is not a switchboard) is the guard's decision."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
PERSONAL_IDENTITY_NUMBER = re.compile(
    r"(?<!\d)(?:(\d{8}) {0,2}-? {0,2}(\d{4})|(\d{6}) {0,2}([-+]?) {0,2}(\d{4}))(?!\d)",
    re.ASCII,
)

# Phone numbers: +46/0046 followed by the national number without its 0, or a national number with a
# leading 0 (optionally in parentheses). Subscriber numbers never begin with 0, which keeps dates such as
# "01-02-2019" out. Digit counts are checked afterwards (`phone_numbers`).
_GROUPS = r"[1-9]\d{1,2}(?:[ \u00a0\-]?\d{2,3}){1,3}"
PHONE = re.compile(
    r"(?<![\w+\-/.])"
    r"(?:"
    r"(?P<intl>(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]\d{0,2}[ \u00a0\-/]?" + _GROUPS + r")"
    r"|(?P<national>(?:\(0[1-9]\d{0,2}\)|0[1-9]\d{0,2})[ \u00a0\-/]?" + _GROUPS + r")"
    r")"
    r"(?![\w]|[\-/.:,]\d)",
    re.ASCII,
)

EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@(?P<domain>(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,})")

# Dates (dd-mm-yyyy, dd-mm-yy) and time ranges (0800-1200) that the phone pattern would otherwise take.
NOT_PHONE = re.compile(r"\d{2}-\d{2}-(?:\d{2}|\d{4})|[0-2]\d[0-5]\d ?- ?[0-2]\d[0-5]\d")


def phone_digits(text: str) -> str:
    """A phone number as its national digits with the leading 0, e.g. "0850800000"."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.startswith("+46"):
        return "0" + digits[2:]
    if text.startswith("0046"):
        return "0" + digits[4:]
    return digits


def phone_numbers(text: str) -> Iterator[re.Match[str]]:
    """The phone numbers in normalised `text`: what the pattern finds, less dates and time ranges, with
    8 to 10 national digits (a mobile number, 07…, exactly 10)."""
    for m in PHONE.finditer(text):
        if NOT_PHONE.fullmatch(m.group(0)):
            continue
        digits = phone_digits(m.group(0))
        if 8 <= len(digits) <= 10 and (not digits.startswith("07") or len(digits) == 10):
            yield m
