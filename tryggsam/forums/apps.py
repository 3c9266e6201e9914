from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "tryggsam.forums"
    default_auto_field = "django.db.models.BigAutoField"
