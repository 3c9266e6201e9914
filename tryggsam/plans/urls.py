from django.urls import path

from tryggsam.plans import follow_up_views, views, write_views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/plan.docx", views.plan_docx, name="docx"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="pdf"),
    path("ny/", write_views.plan_create, name="create"),
    path("<int:pk>/andra/", write_views.plan_edit, name="edit"),
    path("<int:pk>/fokusomrade/nytt/", write_views.focus_area_add, name="focus_area_add"),
    path("fokusomrade/<int:pk>/andra/", write_views.focus_area_edit, name="focus_area_edit"),
    path("fokusomrade/<int:pk>/ta-bort/", write_views.focus_area_delete, name="focus_area_delete"),
    path("<int:pk>/besluta/", write_views.plan_decide, name="decide"),
    path("<int:pk>/uppfoljning/ny/", follow_up_views.follow_up_add, name="follow_up_add"),
    path("uppfoljning/<int:pk>/ratta/", follow_up_views.follow_up_edit, name="follow_up_edit"),
    path("<int:pk>/ny-version/", write_views.plan_new_version, name="new_version"),
]
