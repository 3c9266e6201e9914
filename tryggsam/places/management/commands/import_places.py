import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.places.importers import ImportRefused, load_places_csv

SYSTEM = SystemActor(purpose="import_places (platser från CSV)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera namngivna platser med koordinater från CSV (t.ex. tunnelbanestationer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--name-column", default="station")
        parser.add_argument("--lat-column", default="lat")
        parser.add_argument("--lon-column", default="lon")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_places_csv(
                options["path"],
                name_column=options["name_column"],
                lat_column=options["lat_column"],
                lon_column=options["lon_column"],
                actor=SYSTEM,
            )
        except ImportRefused as exc:
            raise CommandError("Importen avbröts, inget sparades:\n" + "\n".join(exc.errors)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{result.created} nya, {result.updated} ändrade, {result.unchanged} oförändrade platser.")
        for warning in result.warnings:
            self.stdout.write(f"Varning: {warning}")
