from django.urls import path

from tryggsam.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:pk>/aterkalla/", views.revoke, name="revoke"),
]
