import http.client
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext


class LanguageMiddleware:
    """Swedish unless the user has chosen another language (the language cookie set by the
    language switch). The browser's Accept-Language is deliberately ignored: a Swedish authority's
    system speaks Swedish to an English-configured browser too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


PRIVATE_NO_STORE = "private, no-store"
_SAME_FOR_EVERYONE = "_tryggsam_same_for_everyone"


def same_for_everyone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose answer is public reference data, identical for every user (area boundaries):
    its own Cache-Control stands even for a logged-in user. Nothing classified may be marked so."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, _SAME_FOR_EVERYONE, True)
        return response

    return wrapped


class PrivateResponsesMiddleware:
    """Every answer to a logged-in user may hold internal or restricted records (a page, the map
    data, the API, a minutes PDF/DOCX/ICS, a report, an export), so none may be kept by a browser's
    disk cache or a proxy: `Cache-Control: private, no-store`, decided here once rather than per view,
    so a new download cannot forget it. Anonymous visitors only ever get what is open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not getattr(response, _SAME_FOR_EVERYONE, False):
            response.headers["Cache-Control"] = PRIVATE_NO_STORE
        return response


def nul_refusal_message() -> str:
    """The one Swedish refusal of a NUL character, for pages, forms, query strings and API bodies."""
    return gettext("Förfrågan innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.")


def has_nul(values: Iterable[str]) -> bool:
    return any("\x00" in value for value in values)


# Paths whose views read the raw body themselves: the API (JSON) and Open311 (form-encoded, read
# strictly as UTF-8 by the view).
RAW_BODY_PATHS = ("/api/", "/open311/")


class RefuseNulBytesMiddleware:
    """A NUL byte in the query string or in a posted form (name or value) is refused with a Swedish
    400 before any view reads it: PostgreSQL cannot store or compare text with NUL, and no browser
    sends one from a form. One place for every page and API operation, rather than each view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        if request.path.startswith(RAW_BODY_PATHS) and request.method not in ("GET", "HEAD", "OPTIONS"):
            # The API reads the raw body itself (JSON); read it first so that parsing a posted form
            # below does not consume the stream the API then cannot read (a 500 on multipart posts).
            request.body  # noqa: B018
        form = request.POST if request.method == "POST" else None
        if (
            "\x00" in request.path
            or has_nul(query.keys())
            or has_nul(v for values in query.lists() for v in values[1])
            or (form is not None and (has_nul(form.keys()) or has_nul(v for vs in form.lists() for v in vs[1])))
        ):
            return bad_request(request, nul_refusal_message())
        return self.get_response(request)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 with a Swedish message: JSON for the API, the error page for everything else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    if request.path.startswith("/open311/"):  # GeoReport v2's error shape
        return JsonResponse([{"code": 400, "description": message}], status=400, safe=False)
    return render(request, "400.html", {"message": message}, status=400)


# What a view or a nonce may change of a response's policy (django-csp's decorators and csp_nonce).
_POLICY_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@lru_cache(maxsize=1)
def _settled_policies() -> tuple[str, str]:
    """The policy and the report-only policy of the settings: once per process (per settings)."""
    return build_policy(), build_policy(report_only=True)


def _forget_policies(**_kwargs: Any) -> None:
    _settled_policies.cache_clear()


setting_changed.connect(_forget_policies)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the headers of a response that neither a view's policy nor a
    nonce changes (every response of ours today) built once per process instead of twice per request
    (some 350 Python calls). Any other response takes django-csp's own path; the rules for which
    response gets which header are django-csp's, kept here line for line."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _POLICY_CHANGES
        ):
            return super().process_response(request, response)  # type: ignore[no-any-return]
        if response.status_code in (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND) and settings.DEBUG:
            return response
        csp, csp_ro = _settled_policies()
        for header, value, exempt, setting in (
            (HEADER, csp, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, csp_ro, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            if value and getattr(response, exempt, False) is False and header not in response:
                prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
                if not request.path_info.startswith(tuple(prefixes)):
                    response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
