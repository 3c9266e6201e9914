from django.urls import path

from tryggsam.incidents import exports, views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("export.csv", exports.incident_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", exports.incident_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("rapportera/", views.report, name="report"),
    path("rapportera/<int:pk>/klar/", views.report_done, name="report_done"),
    path("tips/", views.resident_tip, name="tip"),
]
