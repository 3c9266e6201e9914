from django.urls import URLPattern

app_name = "priorities"

urlpatterns: list[URLPattern] = []
