from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "tryggsam.situation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which exist only once every
        # app is loaded. The roll-ups listen to the apps below (issue 14: they announce, we count).
        from tryggsam.accounts.organisations import on_organisation_merged
        from tryggsam.incidents.counting import register_counter
        from tryggsam.situation.rollups import RollupCounter, organisation_merged

        on_organisation_merged(organisation_merged)
        register_counter(RollupCounter())

        # The report is rendered off the request path (core.generated runs the job, we render).
        from tryggsam.core.generated import add_renderer
        from tryggsam.situation.report.generated import KIND, existing_reports, render_job

        add_renderer(KIND, render_job, existing=existing_reports)
