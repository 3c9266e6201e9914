from django.urls import path

from tryggsam.priorities import exports, views

app_name = "priorities"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.table, name="table"),
    path("<int:pk>/export.csv", exports.table_export, {"fmt": "csv"}, name="table_csv"),
    path("<int:pk>/export.xlsx", exports.table_export, {"fmt": "xlsx"}, name="table_xlsx"),
    path("<int:pk>/rytm/", views.rhythm_set, name="rhythm_set"),
    path("<int:pk>/lista/ny/", views.list_create, name="list_create"),
    path("lista/<int:pk>/", views.list_detail, name="list_detail"),
    path("lista/<int:pk>/ta-bort/", views.list_delete, name="list_delete"),
]
