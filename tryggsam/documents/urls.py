from django.urls import path

from tryggsam.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("<str:token>/spara/", views.confirm, name="confirm"),
    path("<str:token>/ta-bort/", views.discard, name="discard"),
]
