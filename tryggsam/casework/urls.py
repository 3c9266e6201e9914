from django.urls import path

from tryggsam.casework import exports, finding_views, views

app_name = "casework"
urlpatterns = [
    path("uppfoljningar/", views.due_list, name="due"),
    path("forum/<int:forum_id>/problem/ny/", views.problem_add, name="problem_add"),
    path("forum/<int:forum_id>/export.csv", exports.work_table_export, {"fmt": "csv"}, name="work_table_csv"),
    path("forum/<int:forum_id>/export.xlsx", exports.work_table_export, {"fmt": "xlsx"}, name="work_table_xlsx"),
    path("problem/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("problem/<int:pk>/andra/", views.problem_edit, name="problem_edit"),
    path("problem/<int:pk>/avsluta/", views.problem_close, name="problem_close"),
    path("problem/<int:pk>/oppna/", views.problem_reopen, name="problem_reopen"),
    path("problem/<int:problem_id>/atgard/ny/", views.measure_add, name="measure_add"),
    path("atgard/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("atgard/<int:pk>/rad/", views.measure_row, name="measure_row"),
    path("atgard/<int:pk>/andra/", views.measure_edit, name="measure_edit"),
    path("atgard/<int:pk>/status/", views.measure_status, name="measure_status"),
    path("iakttagelse/<int:pk>/till-problem/", finding_views.finding_to_problem, name="finding_to_problem"),
]
