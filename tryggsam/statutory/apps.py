from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "tryggsam.statutory"
    default_auto_field = "django.db.models.BigAutoField"
