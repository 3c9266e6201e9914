from django.contrib.auth import views as auth_views
from django.urls import path

from tryggsam.accounts import register_views, views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("register/", register_views.register, name="register"),
    path("register/organisation/", register_views.organisation_add, name="organisation_add"),
    path("register/organisation/<int:pk>/", register_views.organisation_edit, name="organisation_edit"),
    path("register/organisation/<int:pk>/aktiv/", register_views.organisation_active, name="organisation_active"),
    path("register/organisation/<int:pk>/sla-ihop/", register_views.organisation_merge, name="organisation_merge"),
    path("register/inbjudan/", register_views.invite, name="invite"),
    path("register/medlemskap/<int:pk>/roll/", register_views.membership_role, name="membership_role"),
    path("register/medlemskap/<int:pk>/avsluta/", register_views.membership_end, name="membership_end"),
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
