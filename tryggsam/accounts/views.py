"""Login with the second factor, enrolment of an authenticator app (after a code sent by e-mail), and
the password change and reset pages (Django's views with our forms and Swedish templates)."""

from __future__ import annotations

import time

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts import two_factor
from tryggsam.accounts.forms import (
    AuditedPasswordChangeForm,
    AuditedSetPasswordForm,
    EmailLoginForm,
    PasswordResetAfterCommitForm,
)
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.accounts.models import User
from tryggsam.core.errors import ServiceError

PENDING = "tryggsam_pending_2fa"
ENROLMENT = "tryggsam_enrolment_ok"
PENDING_SECONDS = 300
MAX_TRIES = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod från appen"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class EmailCodeForm(forms.Form):
    email_code = forms.CharField(
        label=gettext_lazy("Kod från e-postmeddelandet"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return str(settings.LOGIN_REDIRECT_URL if "/" in settings.LOGIN_REDIRECT_URL else "/")


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = EmailLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if two_factor.has_device(user):
            request.session[PENDING] = {
                "id": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "next": next_url,
                "tries": 0,
                "at": time.time(),
            }
            return redirect("accounts:two_factor")
        auth_login(request, user)
        return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def two_factor_view(request: HttpRequest) -> HttpResponse:
    """The second step of the login. Wrong codes are throttled on the device (across logins); this
    page also sends the person back to the password after a few tries or a few minutes."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(pk=pending["id"], is_active=True).first()
        check, device = two_factor.totp_verify(user=user, code=form.cleaned_data["code"]) if user else (None, None)
        if user is not None and device is not None:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(_safe_next(request, pending.get("next")))
        pending["tries"] += 1
        if pending["tries"] >= MAX_TRIES:
            del request.session[PENDING]
            messages.error(request, _("För många felaktiga koder. Logga in igen."))
            return redirect("accounts:login")
        request.session[PENDING] = pending
        form.add_error("code", check.message() if check else _("Koden stämmer inte eller har redan använts."))
    return render(request, "accounts/two_factor.html", {"form": form})


def _enrolment_granted(request: HttpRequest) -> bool:
    grant = request.session.get(ENROLMENT) or {}
    minutes = int(settings.TRYGGSAM_ENROLMENT_CODE_MINUTES)
    return grant.get("user") == request.user.pk and time.time() - float(grant.get("at", 0)) < minutes * 60


def _qr_svg(uri: str) -> str:
    # Inline SVG (no style attributes), so the CSP needs no exception.
    return mark_safe(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", border=2))


@login_required
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    device = two_factor.confirmed_device(user)
    if device is not None:
        return _disable(request, device)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if not _enrolment_granted(request):
        return _email_step(request, action)
    form = CodeForm(request.POST if action == "confirm" else None)
    if action == "confirm" and form.is_valid():
        try:
            check = two_factor.totp_confirm(user=user, code=form.cleaned_data["code"])
        except ServiceError as exc:
            form.add_error("code", str(exc))
        else:
            if check.ok:
                request.session.pop(ENROLMENT, None)
                confirmed = two_factor.confirmed_device(user)
                django_otp.login(request, confirmed)
                messages.success(
                    request, _("Tvåstegsverifieringen är aktiverad. Nästa inloggning frågar efter en kod.")
                )
                return redirect("home:start")
            form.add_error("code", check.message())
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is None or request.method == "GET":
        pending = two_factor.totp_begin(user=user)
    secret = pending.config_url.split("secret=", 1)[1].split("&", 1)[0]
    context = {
        "step": "app",
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "uri": pending.config_url,
        "qr": _qr_svg(pending.config_url),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _email_step(request: AuthenticatedHttpRequest, action: str) -> HttpResponse:
    """Before an app can be bound to the account: a one-time code to the account's own e-mail address."""
    user = request.user
    form = EmailCodeForm(request.POST if action == "email_code" else None)
    if action == "send":
        try:
            two_factor.enrolment_code_send(user=user)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Vi har skickat en kod till %(email)s.") % {"email": user.email})
        return redirect("accounts:two_factor_setup")
    if action == "email_code" and form.is_valid():
        check = two_factor.enrolment_code_redeem(user=user, code=form.cleaned_data["email_code"])
        if check.ok:
            request.session[ENROLMENT] = {"user": user.pk, "at": time.time()}
            return redirect("accounts:two_factor_setup")
        form.add_error("email_code", check.message())
    return render(request, "accounts/two_factor_setup.html", {"step": "email", "form": form, "email": user.email})


def _disable(request: AuthenticatedHttpRequest, device: TOTPDevice) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check, _device = two_factor.totp_verify(user=request.user, code=form.cleaned_data["code"])
        if check.ok:
            two_factor.totp_disable(user=request.user, actor=request.user)
            messages.success(request, _("Tvåstegsverifieringen är avstängd."))
            return redirect("accounts:two_factor_setup")
        form.add_error("code", check.message())
    return render(request, "accounts/two_factor_setup.html", {"step": "enabled", "device": device, "form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = AuditedPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetAfterCommitForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AuditedSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
