from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "tryggsam.casework"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: the section reads models, which exist only once every app is
        # loaded. The forum page shows the work tables: forums announce the page, we fill the section.
        from tryggsam.casework.forum_page import WORK_TABLES
        from tryggsam.forums.sections import register_section

        register_section(WORK_TABLES)
