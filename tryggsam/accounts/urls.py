from django.contrib.auth import views as auth_views
from django.urls import path

from tryggsam.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-in/kod/", views.two_factor_view, name="two_factor"),
    path("tvastegsverifiering/", views.two_factor_setup, name="two_factor_setup"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/klart/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("losenord/aterstall/", views.PasswordResetView.as_view(), name="password_reset"),
    path("losenord/aterstall/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("losenord/aterstall/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
