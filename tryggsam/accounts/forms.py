from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions, services
from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import Organisation
from tryggsam.core.models import Classification


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord."),
        "inactive": _("Kontot är inaktiverat."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).lower()


class AuditedSetPasswordForm(SetPasswordForm):
    """Django's set-password form (reset link), saving through the audited service."""

    audit_note = _("Lösenord återställt via e-postlänk")

    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["new_password1"]
        if not commit:
            self.user.set_password(password)
            return self.user
        return services.user_set_password(
            user=self.user, acting_user=self.user, password=password, note=str(self.audit_note)
        )


class AuditedPasswordChangeForm(PasswordChangeForm):
    """Django's password change form (old password first), saving through the audited service."""

    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["new_password1"]
        if not commit:
            self.user.set_password(password)
            return self.user
        return services.user_set_password(user=self.user, acting_user=self.user, password=password)


class PasswordResetAfterCommitForm(PasswordResetForm):
    """Django's reset form; the e-mail leaves only after the request's transaction commits."""

    email = forms.EmailField(
        label=_("E-postadress"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        transaction.on_commit(partial(super().send_mail, *args, **kwargs))


class OwnedRecordFormMixin:
    """Forms of classified records (forums, plans, safety walks): the owner is chosen among the user's own
    organisations, and a restricted record must have one (only its owner may then read it)."""

    restricted_owner_message: Any = _("Välj vilken organisation som äger den begränsade posten.")

    def limit_owner_choices(self, user: Person) -> None:
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=permissions.organisation_ids(user)
        )

    def clean(self) -> dict:
        data = super().clean() or {}  # type: ignore[misc]
        if data.get("classification") == Classification.RESTRICTED and not data.get("owner_organisation"):
            self.add_error("owner_organisation", self.restricted_owner_message)  # type: ignore[attr-defined]
        return data
