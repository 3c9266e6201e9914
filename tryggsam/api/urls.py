"""The REST API (OpenAPI at /api/v1/docs). One router per app; every operation asks the policy
module through the apps' selectors."""

from ninja import NinjaAPI
from ninja.security import django_auth

from tryggsam.api.casework import router as casework_router
from tryggsam.api.places import router as places_router
from tryggsam.api.situation import router as situation_router

api = NinjaAPI(title="TryggSam API", version="1", urls_namespace="api")
api.add_router("/areas", places_router)
api.add_router("/measures", casework_router, auth=django_auth)
api.add_router("/situation", situation_router)
