from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "tryggsam.home"
    default_auto_field = "django.db.models.BigAutoField"
