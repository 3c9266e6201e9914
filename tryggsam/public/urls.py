from django.urls import path

from tryggsam.public import views

app_name = "public"
urlpatterns = [
    path("<int:pk>/", views.area_page, name="area"),
    path("<int:pk>/flode.xml", views.area_feed, name="area_feed"),
]
