from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tryggsam.accounts import permissions


class TryggSamAdminSite(admin.AdminSite):
    """The Django admin, open only to those the policy module allows (staff administrators)."""

    site_header = "TryggSam – administration"
    site_title = "TryggSam"

    def has_permission(self, request: HttpRequest) -> bool:
        return permissions.can_use_admin(request.user)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """There is one login, the application's, with its second factor: the admin's own password-only
        form would otherwise create a session that is valid everywhere."""
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
