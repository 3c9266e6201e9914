from django.urls import path

from tryggsam.goals import views

app_name = "goals"

urlpatterns = [
    path("<int:pk>/", views.goal_detail, name="detail"),
    path("problem/<int:pk>/nytt/", views.goal_add_to_problem, name="add_to_problem"),
    path("fokusomrade/<int:pk>/nytt/", views.goal_add_to_focus_area, name="add_to_focus_area"),
    path("<int:pk>/andra/", views.goal_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.goal_delete, name="delete"),
    path("<int:pk>/varde/nytt/", views.reading_add, name="reading_add"),
    path("varde/<int:pk>/ratta/", views.reading_edit, name="reading_edit"),
    path("varde/<int:pk>/ta-bort/", views.reading_delete, name="reading_delete"),
]
