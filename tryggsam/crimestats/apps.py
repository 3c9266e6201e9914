from django.apps import AppConfig


class CrimestatsConfig(AppConfig):
    name = "tryggsam.crimestats"
    default_auto_field = "django.db.models.BigAutoField"
