from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tryggsam.meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: the section reads models, which exist only once every app is
        # loaded. The forum page shows the next meetings: forums announce the page, we fill the section.
        from tryggsam.forums.sections import register_section
        from tryggsam.meetings.forum_page import MEETINGS

        register_section(MEETINGS)

        # The minutes are rendered off the request path (core.generated runs the job, we render).
        from tryggsam.core.generated import add_renderer
        from tryggsam.meetings.minutes.generated import KIND, existing_meetings, render_job

        add_renderer(KIND, render_job, existing=existing_meetings)

        # The public minutes are generated again when an audited write changes them (issue 17, item 4).
        from tryggsam.audit.services import on_writes_committed
        from tryggsam.meetings.minutes.ahead import writes_committed

        on_writes_committed(writes_committed)
