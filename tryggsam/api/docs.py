"""The API's documentation page, served from our own static files (Swagger UI vendored under
static/vendor/swagger-ui): it renders offline and under the CSP, which allows scripts from 'self'
only. django-ninja would otherwise load Swagger UI from a CDN, because its own app is not installed."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase, _csrf_needed


class OfflineSwagger(DocsBase):
    template = "api/docs.html"
    # No deep links: Swagger UI puts them as links inside the operation's button (axe: nested-interactive).
    settings = {"layout": "BaseLayout", "deepLinking": False}

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        openapi_url = reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs)
        context = {
            # json.dumps escapes nothing HTML-special here: the values are our own URL and constants,
            # and "</" cannot occur in them.
            "swagger_settings": json.dumps({**self.settings, "url": openapi_url}).replace("</", "<\\/"),
            "openapi_url": openapi_url,
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
