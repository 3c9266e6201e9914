"""Creating, revoking and using API tokens; every change audited in the same transaction."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import Organisation, User
from tryggsam.api.models import ApiScope, ApiToken, hash_secret
from tryggsam.audit.services import audit_create, audit_record, audit_update, snapshot
from tryggsam.core.errors import PermissionDeniedError, ServiceError

TOKEN_START = "tsk_"  # noqa: S105  (a prefix that says what the string is, not a secret)


@transaction.atomic
def create_token(*, actor: Person, organisation: Organisation, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token; returns it with the full secret, which is shown once and never stored."""
    if not permissions.can_manage_api_tokens(actor, organisation):
        raise PermissionDeniedError(_("Du får inte hantera API-nycklar för den här organisationen."))
    name = name.strip()
    if not name:
        raise ServiceError(_("Ge nyckeln ett namn, t.ex. systemets namn."))
    scopes = sorted(set(scopes))
    if not scopes or any(s not in ApiScope.values for s in scopes):
        raise ServiceError(_("Välj minst en behörighet för nyckeln."))
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    principal = User.objects.create_user(
        email=f"api-{prefix}@{permissions.API_PRINCIPAL_EMAIL_DOMAIN}",
        full_name=f"API: {organisation.name} / {name}"[:200],
        password=None,
    )
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        scopes=scopes,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        principal=principal,
        created_by=actor,
    )
    audit_create(actor=actor, obj=token)
    return token, f"{TOKEN_START}{prefix}.{secret}"


@transaction.atomic
def revoke_token(*, actor: Person, token: ApiToken) -> None:
    if not permissions.can_manage_api_tokens(actor, token.organisation):
        raise PermissionDeniedError(_("Du får inte hantera API-nycklar för den här organisationen."))
    if token.revoked_at is not None:
        raise ServiceError(_("Nyckeln är redan återkallad."))
    before = snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    token.principal.is_active = False
    token.principal.save(update_fields=["is_active"])
    audit_update(actor=actor, obj=token, before=before)


@transaction.atomic
def record_call(*, token: ApiToken, method: str, path: str) -> None:
    """Every call made with a token leaves an audit row (the object is the token, the note the
    operation), and the token's last use is kept for its administrators."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    audit_record(actor=token.principal, action="read", obj=token, note=f"API {method} {path}"[:500])
