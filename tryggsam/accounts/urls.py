from django.contrib.auth import views as auth_views
from django.urls import path

from tryggsam.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-in/kod/", views.two_factor, name="two_factor"),
    path("tvastegsverifiering/", views.two_factor_setup, name="two_factor_setup"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
