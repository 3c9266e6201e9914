from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "tryggsam.incidents"
    default_auto_field = "django.db.models.BigAutoField"
