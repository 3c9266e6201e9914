from django.urls import path

from tryggsam.places import views

app_name = "places"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("sok/", views.place_search, name="search"),
    path("granser.geojson", views.boundaries, name="boundaries"),
]
