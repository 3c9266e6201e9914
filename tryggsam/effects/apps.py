from django.apps import AppConfig


class EffectsConfig(AppConfig):
    name = "tryggsam.effects"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the section reads models, which exist once every app is loaded.
        from tryggsam.core.sections import register_section
        from tryggsam.effects.sections import MEASURE_EFFECT

        register_section(MEASURE_EFFECT)
