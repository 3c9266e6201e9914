from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "tryggsam.situation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tryggsam.accounts.organisations import on_organisation_merged
        from tryggsam.situation.rollups import organisation_merged

        on_organisation_merged(organisation_merged)
