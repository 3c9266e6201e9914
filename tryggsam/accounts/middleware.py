from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions, two_factor
from tryggsam.accounts.actors import Person
from tryggsam.accounts.backends import HAS_DEVICE_ATTR
from tryggsam.core.templatetags.pk_urls import reverse_fixed


class RequireTwoFactorMiddleware:
    """A session counts only if it was made with the second factor by everyone who has one: a session
    from any password-only path (an old admin login, a future view) is ended and the person is sent to
    the login. When TRYGGSAM_REQUIRE_2FA is on, coordinators and administrators without a device must
    set one up before they can use anything else. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._exempt(request):
            verified = getattr(user, "is_verified", None)
            if not (callable(verified) and verified()):
                if _has_device(user):
                    logout(request)
                    messages.info(request, _("Logga in med lösenord och kod från appen."))
                    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
                if permissions.must_use_two_factor(user) and not request.path.startswith(
                    reverse_fixed("accounts:two_factor_setup")
                ):
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        allowed = (reverse_fixed("accounts:logout"), settings.STATIC_URL, "/i18n/")
        return request.path.startswith(allowed)


def _has_device(user: Person) -> bool:
    """Whether the user has a confirmed device, as read with the user's row at the start of this
    request (accounts.backends) when it was, else from the database. Nothing has run between the two
    but the middleware: a view that adds or removes a device asks `two_factor.has_device` itself."""
    loaded = getattr(user, HAS_DEVICE_ATTR, None)
    if loaded is None:
        return two_factor.has_device(user)
    return bool(loaded)


class ResolvedUserMiddleware:
    """Replaces the lazy `request.user` (AuthenticationMiddleware's proxy, wrapped again by django-otp's)
    by the user it stands for. Every attribute read through the two proxies is two Python calls, and a
    page asks the policy module a few thousand times (a work table of 150 rows: ~35 000 reads). The
    user is the same object the proxies hand out, `is_verified` included. Runs last."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 - evaluates the lazy objects
            while isinstance(user, LazyObject) and user._wrapped is not empty:  # type: ignore[attr-defined]
                user = user._wrapped  # type: ignore[attr-defined]
            request.user = user
        return self.get_response(request)
