from django.urls import path

from tryggsam.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("rapportera/", views.report, name="report"),
    path("rapportera/<int:pk>/klar/", views.report_done, name="report_done"),
    path("tips/", views.resident_tip, name="tip"),
]
