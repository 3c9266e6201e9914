from django.apps import AppConfig


class CausesConfig(AppConfig):
    name = "tryggsam.causes"
    default_auto_field = "django.db.models.BigAutoField"
