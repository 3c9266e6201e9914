from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
