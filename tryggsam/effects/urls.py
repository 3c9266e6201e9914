from django.urls import URLPattern, path

from tryggsam.effects import views

app_name = "effects"

urlpatterns: list[URLPattern] = [
    path("atgard/<int:measure_id>/", views.study_detail, name="study"),
    path("atgard/<int:measure_id>/andra/", views.study_edit, name="study_edit"),
]
