"""How the API reads a JSON body: refusing the NUL character in any text of it.

A text with NUL (``\\x00``) cannot be stored by PostgreSQL and means nothing in any field of ours,
so it is refused before a schema, a selector or the database sees it — the same rule Django's forms
apply to every form field (``ProhibitNullCharactersValidator``)."""

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class NulCharacter(ValueError):
    """A text in the request contains the NUL character."""


def _refuse_nul(value: Any) -> None:
    """Walk a parsed JSON value (iteratively: a deep document must not exhaust the stack) and raise
    `NulCharacter` at the first text, key included, that contains NUL."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise NulCharacter
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


class RefusingNulParser(Parser):
    """django-ninja's JSON parser that refuses NUL in any text of the body (query strings and forms are
    refused earlier, by `core.middleware.RefuseNulBytesMiddleware`, which cannot read JSON)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        _refuse_nul(data)
        return data  # type: ignore[no-any-return]
