from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tryggsam.demo"
    default_auto_field = "django.db.models.BigAutoField"
