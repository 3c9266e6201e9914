"""The REST API (OpenAPI at /api/v1/docs). One router per app; every operation asks the policy
module through the apps' selectors."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from tryggsam.api.auth import token_or_session, token_session_or_anonymous
from tryggsam.api.casework import router as casework_router
from tryggsam.api.docs import OfflineSwagger
from tryggsam.api.incident_files import router as incident_files_router
from tryggsam.api.incidents import router as incidents_router
from tryggsam.api.meetings import router as meetings_router
from tryggsam.api.parsing import NulCharacter, RefusingNulParser
from tryggsam.api.places import router as places_router
from tryggsam.api.situation import router as situation_router
from tryggsam.core.middleware import nul_refusal_message

api = NinjaAPI(
    title="TryggSam API", version="1", urls_namespace="api", docs=OfflineSwagger(), parser=RefusingNulParser()
)
# Reads the public may make too take a token, a session or nobody (the selectors give each its view);
# a wrong or revoked token is refused, never read as a visitor. Writes need a token or a session.
api.add_router("/areas", places_router, auth=token_session_or_anonymous)
api.add_router("/", casework_router, auth=token_session_or_anonymous)
api.add_router("/meetings", meetings_router, auth=token_session_or_anonymous)
api.add_router("/situation", situation_router, auth=token_session_or_anonymous)
api.add_router("/", incident_files_router, auth=token_session_or_anonymous)
api.add_router("/incidents", incidents_router, auth=token_or_session)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A value the schema refuses (a text where a number belongs, an id past 64 bits): 422 with the
    schema's details and a Swedish message naming the parameters."""
    names = sorted({str(e.get("loc", ["", "?"])[-1]) for e in exc.errors})
    message = gettext("Ogiltigt värde för %(names)s. Kontrollera parametrarna och försök igen.") % {
        "names": ", ".join(names)
    }
    return api.create_response(request, {"message": message, "detail": exc.errors}, status=422)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Our refusals carry Swedish messages already; the one django-ninja raises itself for a body that
    is not JSON is put in Swedish here."""
    message = str(exc)
    if isinstance(exc.__cause__, NulCharacter):
        message = nul_refusal_message()
    elif message.startswith("Cannot parse request body"):
        message = gettext("Innehållet kunde inte läsas. Skicka JSON med rubriken Content-Type: application/json.")
    return api.create_response(request, {"detail": message}, status=exc.status_code)
