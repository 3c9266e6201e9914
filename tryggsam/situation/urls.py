from django.urls import path

from tryggsam.situation import views

app_name = "situation"
urlpatterns = [
    path("", views.situation_page, name="picture"),
    path("karta.json", views.situation_map, name="map_data"),
]
