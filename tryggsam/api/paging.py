"""Cursor paging for the API's lists: an opaque cursor (the ordering key of the last row sent, in
URL-safe base64) and a limit with a maximum, instead of a silent cut. A cursor that does not decode
is refused with a Swedish 400."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    try:
        if len(cursor) > 200:
            raise ValueError
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != 2 or not isinstance(values[1], int):
            raise ValueError
        return values
    except ValueError as error:  # binascii.Error and JSONDecodeError are ValueErrors
        raise HttpError(400, _("Ogiltig cursor. Använd värdet next_cursor från föregående svar.")) from error


def page_by_id(qs: QuerySet, *, cursor: str | None, limit: int) -> dict[str, Any]:
    """Ascending by id."""
    if cursor:
        _key, last_id = _decode(cursor)
        qs = qs.filter(pk__gt=last_id)
    rows = list(qs.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": _encode([0, rows[-1].pk]) if more and rows else None}


def page_newest_first(qs: QuerySet, *, field: str, cursor: str | None, limit: int) -> dict[str, Any]:
    """Descending by a datetime `field`, then by id (both in the cursor, so that equal times page well)."""
    if cursor:
        when, last_id = _decode(cursor)
        try:
            at = dt.datetime.fromisoformat(str(when))
        except ValueError as error:
            raise HttpError(400, _("Ogiltig cursor. Använd värdet next_cursor från föregående svar.")) from error
        qs = qs.filter(Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": last_id}))
    rows = list(qs.order_by(f"-{field}", "-pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _encode([getattr(rows[-1], field).isoformat(), rows[-1].pk]) if more and rows else None
    return {"items": rows, "next_cursor": next_cursor}
