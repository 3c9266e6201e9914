"""How django-axes names the account of a login attempt (AXES_USERNAME_CALLABLE).

Lockouts count failures per account *and* address (settings.AXES_LOCKOUT_PARAMETERS); the account is
the e-mail address as the login form reads it (trimmed, lower case), so "Anna@x.se" and "anna@x.se"
count as one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def username_from_request(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None:
        value = getattr(request, "POST", {}).get(field, "")
    return str(value or "").strip().lower()[:254]
