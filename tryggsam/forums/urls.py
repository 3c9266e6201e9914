from django.urls import path

from tryggsam.forums import manage_views, programme_views, views, walk_views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("nytt/", manage_views.forum_create, name="create"),
    path("<int:pk>/andra/", manage_views.forum_edit, name="edit"),
    path("<int:pk>/arkivera/", manage_views.forum_archive, name="archive"),
    path("<int:pk>/ateraktivera/", manage_views.forum_restore, name="restore"),
    path("<int:pk>/medlemmar/ny/", manage_views.member_add, name="member_add"),
    path("medlem/<int:pk>/roll/", manage_views.member_update, name="member_update"),
    path("medlem/<int:pk>/ta-bort/", manage_views.member_remove, name="member_remove"),
    path("program/", programme_views.programme_list, name="programmes"),
    path("program/nytt/", programme_views.programme_create, name="programme_create"),
    path("program/<int:pk>/leverans/", programme_views.delivery_add, name="delivery_add"),
    path("leverans/<int:pk>/", programme_views.delivery_edit, name="delivery_edit"),
    path("trygghetsvandringar/", views.safety_walk_list, name="safety_walks"),
    path("trygghetsvandringar/<int:pk>/", walk_views.walk_detail, name="safety_walk"),
    path("trygghetsvandringar/ny/", walk_views.walk_create, name="safety_walk_create"),
    path("trygghetsvandringar/<int:pk>/andra/", walk_views.walk_edit, name="safety_walk_edit"),
    path("trygghetsvandringar/<int:pk>/rapport.pdf", walk_views.walk_pdf, name="safety_walk_pdf"),
    path("trygghetsvandringar/<int:pk>/iakttagelse/", walk_views.finding_add, name="finding_add"),
    path("iakttagelse/<int:pk>/foto/", walk_views.finding_photo, name="finding_photo"),
]
