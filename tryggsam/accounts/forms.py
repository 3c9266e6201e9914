from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import services


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
