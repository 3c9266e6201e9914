import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.incidents.police_import import DEFAULT_TIMEOUT, import_police_source

SYSTEM = SystemActor(
    purpose="import_police_events (polisens händelser)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR
)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera händelser från Polisens öppna API (/api/events), från en fil eller en URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Sökväg till en JSON-fil eller en http(s)-URL.")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="Sekunder att vänta på svar.")
        parser.add_argument("--dry-run", action="store_true", help="Räkna men spara ingenting.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = import_police_source(
            options["source"], actor=SYSTEM, timeout=options["timeout"], dry_run=options["dry_run"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"{result.read} lästa, {result.created} nya, {result.duplicates} dubbletter, "
                f"{result.rejected} avvisade."
            )
            for error in result.errors:
                self.stdout.write(f"Fel: {error}")
        if result.fatal:
            raise CommandError("Importen avbröts, inget sparades: " + "; ".join(result.errors), returncode=2)
