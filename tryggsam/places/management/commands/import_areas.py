import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tryggsam.places.importers import ImportRefused, import_geojson
from tryggsam.places.models import AreaLevel


class Command(BaseCommand):
    help = "Importera områden (stadsdelar, stadsdelsområden, platser) från en GeoJSON-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--level", default=AreaLevel.DISTRICT, choices=AreaLevel.values)
        parser.add_argument("--name-property", default="name")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_geojson(options["path"], level=options["level"], name_property=options["name_property"])
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
