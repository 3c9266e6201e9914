from django.urls import path

from tryggsam.places import population_views, views

app_name = "places"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("sok/", views.place_search, name="search"),
    path("granser.geojson", views.boundaries, name="boundaries"),
    path("befolkning/", population_views.population_list, name="populations"),
    path("befolkning/<int:pk>/", population_views.population_edit, name="population_edit"),
    path("befolkning/<int:pk>/ta-bort/", population_views.population_delete, name="population_delete"),
]
