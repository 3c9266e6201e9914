"""Who calls the API: a partner's system with an organisation token (`Authorization: Bearer tsk_…`)
or a person logged in to the web (session). A token's call is made as the token's principal user,
with the roles and scopes the policy module gives the token (`permissions.act_as_token`); every
call made with a token is audited."""

from __future__ import annotations

import hmac
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from tryggsam.accounts import permissions
from tryggsam.api import services
from tryggsam.api.models import ApiToken, hash_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token)
        if found is None:
            raise HttpError(401, _("API-nyckeln är ogiltig. Kontrollera nyckeln eller be er administratör om en ny."))
        if found.revoked_at is not None or not found.principal.is_active:
            raise HttpError(401, _("API-nyckeln är återkallad. Be er administratör om en ny nyckel."))
        principal = found.principal
        permissions.act_as_token(principal, found.organisation_id, list(found.scopes))
        principal.api_token = found
        request.user = principal
        services.record_call(token=found, method=request.method or "", path=request.get_full_path()[:400])
        return principal


def token_for(raw: str) -> ApiToken | None:
    """The unrevoked token this secret belongs to, or None (a constant-time comparison)."""
    if not raw.startswith(services.TOKEN_START) or "." not in raw or len(raw) > 200:
        return None
    prefix, _dot, secret = raw[len(services.TOKEN_START) :].partition(".")
    token = ApiToken.objects.select_related("principal", "organisation").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token


token_auth = TokenAuth()
# A person logged in to the web is let in by the session (with its CSRF check for writes).
token_or_session = [token_auth, django_auth]


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and a Swedish message when the policy says no."""
    if not allowed:
        raise HttpError(403, message)


class Anonymous:
    """The last of the optional authentications: a caller with neither token nor session reads as an
    anonymous visitor (the selectors then give the public's view). A wrong or revoked token is still a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        return AnonymousUser()


# Operations the public may read too (open records, the public situation picture).
token_session_or_anonymous = [token_auth, django_auth, Anonymous()]


def require_read_scope(request: HttpRequest) -> None:
    """Every reading operation: a token needs the scope "read" (a session or a visitor has no scopes)."""
    require(permissions.can_read_through_api(request.user), _("Nyckeln saknar behörigheten att läsa (read)."))
