from django.urls import URLPattern

app_name = "effects"

urlpatterns: list[URLPattern] = []
