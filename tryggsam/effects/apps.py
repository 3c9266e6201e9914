from django.apps import AppConfig


class EffectsConfig(AppConfig):
    name = "tryggsam.effects"
    default_auto_field = "django.db.models.BigAutoField"
