from django.urls import URLPattern

app_name = "causes"

urlpatterns: list[URLPattern] = []
