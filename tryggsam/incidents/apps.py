from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "tryggsam.incidents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which exist only once every app
        # is loaded. A safety-walk finding may count as an incident: forums announce, we record.
        from tryggsam.forums.finding_counting import FindingCounter, register_finding_counter
        from tryggsam.incidents.forms import finding_category_field
        from tryggsam.incidents.other_sources import finding_incident

        register_finding_counter(FindingCounter(field=finding_category_field, record=finding_incident))
