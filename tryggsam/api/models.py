"""API tokens: a partner's system calls the API as its organisation, with the scopes the
organisation's administrator or coordinator gave the token. Only a hash of the secret is stored; the
secret is shown once, when the token is created."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.models import Organisation


class ApiScope(models.TextChoices):
    READ = "read", _("Läsa")
    REPORT_INCIDENTS = "report_incidents", _("Rapportera händelser")
    EDIT_CASEWORK = "edit_casework", _("Ändra problem och åtgärder")


def hash_secret(secret: str) -> str:
    """The secret is 32 random bytes, so a plain SHA-256 is enough (no password stretching needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("namn"), max_length=100)
    scopes = models.JSONField(_("behörigheter"), default=list)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("hash av hemligheten"), max_length=64)
    # The user the token's calls are made as (no password, no memberships: its roles come from the
    # token's organisation and scopes, see accounts.permissions.api_token_roles). Records it creates
    # and audit rows name it, so that the log shows which system did what.
    principal = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("API-användare"), on_delete=models.PROTECT, related_name="api_token"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="created_api_tokens",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    def audit_repr(self) -> str:
        return f"API-nyckel {self.prefix} ({self.organisation})"
