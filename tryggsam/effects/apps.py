from django.apps import AppConfig


class EffectsConfig(AppConfig):
    name = "tryggsam.effects"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the section reads models, which exist once every app is loaded.
        from tryggsam.core.sections import register_section
        from tryggsam.effects.freshness import CountsChangeCounter
        from tryggsam.effects.sections import MEASURE_EFFECT
        from tryggsam.incidents.counting import register_counter

        register_section(MEASURE_EFFECT)
        # Every change of the incident counts moves the version cached results are keyed by.
        register_counter(CountsChangeCounter())
