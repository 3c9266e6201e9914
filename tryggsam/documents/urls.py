from django.urls import path

from tryggsam.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("bakgrund/", views.batch_start, name="batch_start"),
    path("bakgrund/<int:pk>/", views.batch_progress, name="batch"),
    path("<str:token>/spara/", views.confirm, name="confirm"),
    path("<str:token>/ta-bort/", views.discard, name="discard"),
]
