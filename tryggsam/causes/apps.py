from django.apps import AppConfig


class CausesConfig(AppConfig):
    name = "tryggsam.causes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the sections read models, which exist only once every app is loaded. The
        # problem's, the plan's and the forum's pages name places; the cause analysis fills them.
        from tryggsam.causes.plan_export import CAUSES_PART
        from tryggsam.causes.sections import FOCUS_AREA_TREE, FORUM_GAPS, PLAN_GAPS, PROBLEM_TREE
        from tryggsam.causes.versioning import copy_cause_trees
        from tryggsam.core.sections import register_section
        from tryggsam.forums.sections import register_section as register_forum_section
        from tryggsam.plans.export_parts import register_export_part
        from tryggsam.plans.versioning import register_version_hook

        for section in (PROBLEM_TREE, FOCUS_AREA_TREE, PLAN_GAPS):
            register_section(section)
        register_forum_section(FORUM_GAPS)
        register_version_hook("causes", copy_cause_trees)
        register_export_part(CAUSES_PART)
