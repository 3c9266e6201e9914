from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "tryggsam.priorities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the section reads models, which exist only once every app is loaded. The
        # situation picture names its place; the council's decided priorities fill it.
        from tryggsam.core.sections import register_section
        from tryggsam.priorities.sections import PICTURE

        register_section(PICTURE)
