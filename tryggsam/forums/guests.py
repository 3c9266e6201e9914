"""The names of guests invited to a safety walk, of whom only a name is kept: cleaned the same way
by the form and by the invitation service."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError

MAX_GUESTS = 60
GUEST_NAME_MAX = 120


def clean_guest_names(text_or_names: str | Iterable[str]) -> list[str]:
    """Guests' names, one per line, without blanks and repeats; refused when too many or too long."""
    names = text_or_names.splitlines() if isinstance(text_or_names, str) else list(text_or_names)
    cleaned: list[str] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name or name in cleaned:
            continue
        if len(name) > GUEST_NAME_MAX:
            raise ServiceError(_("Ett gästnamn får vara högst %(n)d tecken.") % {"n": GUEST_NAME_MAX})
        cleaned.append(name)
    if len(cleaned) > MAX_GUESTS:
        raise ServiceError(_("Högst %(n)d gäster kan bjudas in till en vandring.") % {"n": MAX_GUESTS})
    return cleaned
