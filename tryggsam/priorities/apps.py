from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "tryggsam.priorities"
    default_auto_field = "django.db.models.BigAutoField"
