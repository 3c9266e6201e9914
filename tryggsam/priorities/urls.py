from django.urls import path

from tryggsam.priorities import views

app_name = "priorities"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.table, name="table"),
    path("<int:pk>/rytm/", views.rhythm_set, name="rhythm_set"),
    path("<int:pk>/lista/ny/", views.list_create, name="list_create"),
    path("lista/<int:pk>/", views.list_detail, name="list_detail"),
    path("lista/<int:pk>/ta-bort/", views.list_delete, name="list_delete"),
]
