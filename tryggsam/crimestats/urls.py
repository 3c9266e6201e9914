from django.urls import path

from tryggsam.crimestats import views

app_name = "crimestats"
urlpatterns = [path("", views.statistics_page, name="table")]
