from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import add_json_argument, refuse_import, write_result
from tryggsam.incidents.police_import import DEFAULT_TIMEOUT, import_police_source

SYSTEM = SystemActor(
    purpose="import_police_events (polisens händelser)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR
)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera händelser från Polisens öppna API (/api/events), från en fil eller en URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Sökväg till en JSON-fil eller en http(s)-URL.")
        add_json_argument(parser)
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="Sekunder att vänta på svar.")
        parser.add_argument("--dry-run", action="store_true", help="Räkna men spara ingenting.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = import_police_source(
            options["source"], actor=SYSTEM, timeout=options["timeout"], dry_run=options["dry_run"]
        )
        # The result is printed (as JSON too) before a refusal, so a script sees what was read.
        write_result(
            self.stdout,
            as_json=options["json"],
            data=result.as_dict(),
            summary=_("%(read)d lästa, %(created)d nya, %(duplicates)d dubbletter, %(rejected)d avvisade.")
            % {
                "read": result.read,
                "created": result.created,
                "duplicates": result.duplicates,
                "rejected": result.rejected,
            },
        )
        if result.fatal:
            refuse_import(result.errors)
        if not options["json"]:
            for error in result.errors:
                self.stdout.write(_("Fel: %(error)s") % {"error": error})
