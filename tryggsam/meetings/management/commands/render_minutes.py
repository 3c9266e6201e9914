"""manage.py render_minutes MEETING_ID --format docx|pdf|html --output FILE [--include-restricted]

The command renders as the system (accounts.actors.SystemActor). Whoever runs it is not a signed-in
person the policy knows, so by default it reads only what is open and writes the public version. With
`--include-restricted` it states the elevated scope: it reads every record, the output says so, and
the audit log records the read with the command's purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.meetings.minutes import FORMATS, render_minutes
from tryggsam.meetings.models import Meeting

OPEN_SYSTEM = SystemActor(purpose="render_minutes (offentlig version)", reads=SystemScope.OPEN)
ELEVATED_SYSTEM = SystemActor(purpose="render_minutes --include-restricted (alla uppgifter)", reads=SystemScope.ALL)


class Command(BaseCommand):
    help = "Skriver ut minnesanteckningarna för ett möte som DOCX, PDF eller HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="docx")
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--public",
            action="store_true",
            help="Bara det som är klassat som öppet (så skrivs protokollet också utan --include-restricted).",
        )
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="Ta med allt, även interna och begränsade uppgifter. Läsningen loggas och utskriften säger det.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = Meeting.objects.select_related("forum", "secretary").filter(pk=options["meeting_id"]).first()
        if meeting is None:
            raise CommandError(_("Det finns inget möte med id %(id)s.") % {"id": options["meeting_id"]})
        elevated = options["include_restricted"] and not options["public"]
        system = ELEVATED_SYSTEM if elevated else OPEN_SYSTEM
        data = render_minutes(meeting, system, fmt=options["fmt"], public=not elevated)
        output = Path(options["output"])
        with transaction.atomic():
            if elevated:
                audit_record(
                    actor=system,
                    action=AuditAction.READ,
                    obj=meeting,
                    note=_("Protokollet skrevs ut med alla uppgifter, även interna och begränsade."),
                )
            try:
                output.write_bytes(data)
            except OSError as exc:
                raise CommandError(_("Kunde inte skriva %(path)s: %(error)s") % {"path": output, "error": exc}) from exc
        self.stdout.write(_("Skrev %(path)s (%(size)s byte).") % {"path": output, "size": len(data)})
        if elevated:
            self.stdout.write(
                _(
                    "OBS: filen innehåller alla uppgifter, även interna och begränsade (--include-restricted). "
                    "Lämna inte ut den utan att pröva vad som får lämnas ut."
                )
            )
        else:
            self.stdout.write(
                _("Offentlig version: bara det som är öppet. Ange --include-restricted för alla uppgifter.")
            )
