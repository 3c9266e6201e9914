"""Login with optional two-factor verification, and the two-factor setup page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts import services, totp
from tryggsam.accounts.forms import EmailLoginForm
from tryggsam.accounts.models import TOTPDevice, User
from tryggsam.core.errors import ServiceError

PENDING = "tryggsam_pending_2fa"
MAX_TRIES = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod från appen"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return str(settings.LOGIN_REDIRECT_URL if "/" in settings.LOGIN_REDIRECT_URL else "/")


def _has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = EmailLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if _has_device(user):
            request.session[PENDING] = {"id": user.pk, "backend": user.backend, "next": next_url, "tries": 0}  # type: ignore[attr-defined]
            return redirect("accounts:two_factor")
        auth_login(request, user)
        return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def two_factor(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(pk=pending["id"], is_active=True).first()
        if user is not None and services.totp_verify(user=user, code=form.cleaned_data["code"]):
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            return redirect(_safe_next(request, pending.get("next")))
        pending["tries"] += 1
        if pending["tries"] >= MAX_TRIES:
            del request.session[PENDING]
            messages.error(request, _("För många felaktiga koder. Logga in igen."))
            return redirect("accounts:login")
        request.session[PENDING] = pending
        form.add_error("code", _("Koden stämmer inte eller har redan använts."))
    return render(request, "accounts/two_factor.html", {"form": form})


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user_id=request.user.pk or 0).first()
    form = CodeForm(request.POST or None)
    if device is not None and device.confirmed:
        if request.method == "POST" and form.is_valid():
            if services.totp_verify(user=request.user, code=form.cleaned_data["code"]):
                services.totp_disable(user=request.user, actor=request.user)
                messages.success(request, _("Tvåstegsverifieringen är avstängd."))
                return redirect("accounts:two_factor_setup")
            form.add_error("code", _("Koden stämmer inte eller har redan använts."))
        return render(request, "accounts/two_factor_setup.html", {"device": device, "form": form})
    if request.method == "POST" and form.is_valid() and device is not None:
        try:
            services.totp_confirm(user=request.user, code=form.cleaned_data["code"])
        except ServiceError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("Tvåstegsverifieringen är aktiverad. Nästa inloggning frågar efter en kod."))
            return redirect("home:start")
    if device is None or request.method == "GET":
        device = services.totp_begin(user=request.user)
    grouped = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    uri = totp.provisioning_uri(device.secret, request.user.email)  # type: ignore[union-attr]
    return render(
        request, "accounts/two_factor_setup.html", {"device": device, "form": form, "secret": grouped, "uri": uri}
    )
