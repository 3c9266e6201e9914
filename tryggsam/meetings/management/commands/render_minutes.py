"""manage.py render_minutes MEETING_ID --format docx|pdf|html --output FILE [--public]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.meetings.minutes import FORMATS, render_minutes
from tryggsam.meetings.models import Meeting


class SystemReader:
    """The command runs as the system: it sees every record (like an administrator)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


class Command(BaseCommand):
    help = "Skriver ut minnesanteckningarna för ett möte som DOCX, PDF eller HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="docx")
        parser.add_argument("--output", required=True)
        parser.add_argument("--public", action="store_true", help="Bara det som är klassat som öppet.")

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = Meeting.objects.select_related("forum", "secretary").filter(pk=options["meeting_id"]).first()
        if meeting is None:
            raise CommandError(_("Det finns inget möte med id %(id)s.") % {"id": options["meeting_id"]})
        # SystemReader duck-types an administrator; the explicit system actor of issue 14 replaces it.
        data = render_minutes(meeting, SystemReader(), fmt=options["fmt"], public=options["public"])  # type: ignore[arg-type]
        output = Path(options["output"])
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(_("Kunde inte skriva %(path)s: %(error)s") % {"path": output, "error": exc}) from exc
        self.stdout.write(_("Skrev %(path)s (%(size)s byte).") % {"path": output, "size": len(data)})
