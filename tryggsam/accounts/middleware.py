from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tryggsam.accounts import permissions
from tryggsam.accounts.models import TOTPDevice


class RequireTwoFactorMiddleware:
    """When TRYGGSAM_REQUIRE_2FA is on, coordinators and administrators must set up two-factor login
    before they can use anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "TRYGGSAM_REQUIRE_2FA", False) and self._must_set_up(request):
            return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or not permissions.is_coordinator(user):
            return False
        allowed = (reverse("accounts:two_factor_setup"), reverse("accounts:logout"), settings.STATIC_URL, "/i18n/")
        if request.path.startswith(allowed):
            return False
        return not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
