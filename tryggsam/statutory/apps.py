"""The documents Lag 2023:196 requires, generated from the data: the municipal lägesbild, the åtgärdsplan and the yearly follow-up, versioned, decided and published."""

from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "tryggsam.statutory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tryggsam.statutory import analysis, builders

        builders.register()
        analysis.register()
