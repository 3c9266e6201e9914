from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "tryggsam.goals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the sections read models, which exist only once every app is loaded.
        from tryggsam.core.sections import register_section
        from tryggsam.goals.plan_export import GOALS_PART
        from tryggsam.goals.sections import SECTIONS
        from tryggsam.goals.versioning import copy_goals
        from tryggsam.plans.export_parts import register_export_part
        from tryggsam.plans.versioning import register_version_hook

        for section in SECTIONS:
            register_section(section)
        register_version_hook("goals", copy_goals)
        register_export_part(GOALS_PART)
