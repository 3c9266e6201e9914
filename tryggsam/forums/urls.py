from django.urls import path

from tryggsam.forums import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("program/", views.programme_list, name="programmes"),
    path("trygghetsvandringar/", views.safety_walk_list, name="safety_walks"),
    path("trygghetsvandringar/<int:pk>/", views.safety_walk_detail, name="safety_walk"),
    path("iakttagelse/<int:pk>/till-problem/", views.finding_to_problem, name="finding_to_problem"),
]
