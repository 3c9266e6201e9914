from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
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


def has_nul(values: Iterable[str]) -> bool:
    return any("\x00" in value for value in values)


class RefuseNulBytesMiddleware:
    """A NUL byte in the query string or in a posted form (name or value) is refused with a Swedish
    400 before any view reads it: PostgreSQL cannot store or compare text with NUL, and no browser
    sends one from a form. One place for every page and API operation, rather than each view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        form = request.POST if request.method == "POST" else None
        if (
            "\x00" in request.path
            or has_nul(query.keys())
            or has_nul(v for values in query.lists() for v in values[1])
            or (form is not None and (has_nul(form.keys()) or has_nul(v for vs in form.lists() for v in vs[1])))
        ):
            return bad_request(
                request, gettext("Förfrågan innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.")
            )
        return self.get_response(request)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 with a Swedish message: JSON for the API, the error page for everything else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)
