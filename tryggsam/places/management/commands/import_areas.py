import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.places.importers import ImportRefused, import_geojson
from tryggsam.places.models import AreaLevel

SYSTEM = SystemActor(purpose="import_areas (områden från GeoJSON)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera områden (stadsdelar, stadsdelsområden, platser) från en GeoJSON-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--level", default=AreaLevel.DISTRICT, choices=AreaLevel.values)
        parser.add_argument("--name-property", default="name")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_geojson(
                options["path"], actor=SYSTEM, level=options["level"], name_property=options["name_property"]
            )
        except ImportRefused as exc:
            raise CommandError("Importen avbröts, inget sparades:\n" + "\n".join(exc.errors)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"{result.created} nya, {result.updated} ändrade, {result.unchanged} oförändrade områden."
            )
            for warning in result.warnings:
                self.stdout.write(f"Varning: {warning}")
