from django.urls import path

from tryggsam.causes import views

app_name = "causes"

urlpatterns = [
    path("problem/<int:pk>/", views.problem_tree, name="problem_tree"),
    path("problem/<int:pk>/ny/", views.problem_cause_add, name="problem_cause_add"),
    path("fokusomrade/<int:pk>/", views.focus_area_tree, name="focus_area_tree"),
    path("fokusomrade/<int:pk>/ny/", views.focus_area_cause_add, name="focus_area_cause_add"),
    path("orsak/<int:pk>/andra/", views.cause_edit, name="cause_edit"),
    path("orsak/<int:pk>/ta-bort/", views.cause_delete, name="cause_delete"),
    path("orsak/<int:pk>/flytta/", views.cause_move, name="cause_move"),
    path("orsak/<int:pk>/underlag/", views.evidence_add, name="evidence_add"),
    path("underlag/<int:pk>/ta-bort/", views.evidence_remove, name="evidence_remove"),
    path("orsak/<int:pk>/rikta/", views.measure_aim, name="measure_aim"),
    path("orsak/<int:pk>/ta-bort-atgard/", views.measure_unaim, name="measure_unaim"),
    path("forum/<int:pk>/luckor/", views.forum_gaps, name="forum_gaps"),
    path("plan/<int:pk>/luckor/", views.plan_gaps, name="plan_gaps"),
]
