from django.contrib import admin
from django.urls import include, path

from tryggsam.api.urls import api

urlpatterns = [
    path("", include("tryggsam.home.urls")),
    path("konto/", include("tryggsam.accounts.urls")),
    path("platser/", include("tryggsam.places.urls")),
    path("platser/", include("tryggsam.public.urls")),
    path("forum/", include("tryggsam.forums.urls")),
    path("arbete/", include("tryggsam.casework.urls")),
    path("planer/", include("tryggsam.plans.urls")),
    path("moten/", include("tryggsam.meetings.urls")),
    path("lagesbild/bild/", include("tryggsam.situation.urls")),
    path("lagesbild/", include("tryggsam.incidents.urls")),
    path("statistik/", include("tryggsam.crimestats.urls")),
    path("orsaker/", include("tryggsam.causes.urls")),
    path("mal/", include("tryggsam.goals.urls")),
    path("effekt/", include("tryggsam.effects.urls")),
    path("prioritering/", include("tryggsam.priorities.urls")),
    path("styrdokument/", include("tryggsam.statutory.urls")),
    path("arkiv/", include("tryggsam.documents.urls")),
    path("granskning/", include("tryggsam.privacy.urls")),
    path("api/v1/", api.urls),
    path("api-nycklar/", include("tryggsam.api.web_urls")),
    path("open311/v2/", include("tryggsam.api.open311_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
