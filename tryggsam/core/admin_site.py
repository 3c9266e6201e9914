from django.contrib import admin
from django.http import HttpRequest

from tryggsam.accounts import permissions


class TryggSamAdminSite(admin.AdminSite):
    """The Django admin, open only to those the policy module allows (staff administrators)."""

    site_header = "TryggSam – administration"
    site_title = "TryggSam"

    def has_permission(self, request: HttpRequest) -> bool:
        return permissions.can_use_admin(request.user)
