from django.urls import URLPattern

app_name = "statutory"

urlpatterns: list[URLPattern] = []
