"""The Swedish month names, once: what the parsers read (minutes, police event names, statistics
headers), what the minutes write, and what the password rules refuse all come from this table."""

from __future__ import annotations

from typing import Final

from django.utils.translation import pgettext_lazy

MONTH_NAMES: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
"""The twelve months in Swedish, lower case, January first."""

MONTH_ABBREVIATIONS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
"""The short forms Swedish text uses ("maj" has none: it is already short)."""

MONTH_BY_NAME: Final = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
"""Full name → month number (1–12)."""

MONTH_BY_WORD: Final = {**MONTH_BY_NAME, **MONTH_ABBREVIATIONS}
"""Full name or short form → month number (1–12)."""

# The same names marked for the English catalogue (makemessages reads literals only); a test holds
# them equal to MONTH_NAMES.
_TRANSLATED_NAMES = (
    pgettext_lazy("month", "januari"),
    pgettext_lazy("month", "februari"),
    pgettext_lazy("month", "mars"),
    pgettext_lazy("month", "april"),
    pgettext_lazy("month", "maj"),
    pgettext_lazy("month", "juni"),
    pgettext_lazy("month", "juli"),
    pgettext_lazy("month", "augusti"),
    pgettext_lazy("month", "september"),
    pgettext_lazy("month", "oktober"),
    pgettext_lazy("month", "november"),
    pgettext_lazy("month", "december"),
)


def month_number(word: str) -> int | None:
    """ "Okt." → 10, "januari" → 1; None for anything that is not a Swedish month."""
    return MONTH_BY_WORD.get(word.strip().lower().rstrip("."))


def month_name(month: int) -> str:
    """The month's name (1–12) in the active language: Swedish, or the English catalogue's."""
    return str(_TRANSLATED_NAMES[month - 1])
