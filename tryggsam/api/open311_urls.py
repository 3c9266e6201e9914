"""Open311 GeoReport v2 (see `open311`), under /open311/v2/. The format is part of each path (the
spec's `.json`/`.xml`); only JSON is answered."""

from django.urls import path

from tryggsam.api import open311

app_name = "open311"
urlpatterns = [
    path("services.<slug:fmt>", open311.services, name="services"),
    path("requests.<slug:fmt>", open311.requests_, name="requests"),
    path("requests/<str:service_request_id>.<slug:fmt>", open311.request_detail, name="request"),
]
