from django.urls import path

from tryggsam.incidents import exports, views, work_views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("export.csv", exports.incident_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", exports.incident_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("rapportera/", views.report, name="report"),
    path("rapportera/<int:pk>/klar/", views.report_done, name="report_done"),
    path("tips/", views.resident_tip, name="tip"),
    path("tips/status/", views.tip_status, name="tip_status"),
    path("granska/", work_views.review_queue, name="queue"),
    path("<int:pk>/", work_views.incident_detail, name="detail"),
    path("<int:pk>/andra/", work_views.incident_edit, name="edit"),
    path("<int:pk>/klassificering/", work_views.incident_classify, name="classify"),
    path("<int:pk>/dubblett/", work_views.incident_duplicate, name="duplicate"),
    path("<int:pk>/problem/", work_views.incident_problem, name="link_problem"),
    path("<int:pk>/skicka/", work_views.incident_route, name="route"),
    path("<int:pk>/godkann/", work_views.incident_accept, name="accept"),
    path("<int:pk>/avfarda/", work_views.incident_dismiss, name="dismiss"),
]
