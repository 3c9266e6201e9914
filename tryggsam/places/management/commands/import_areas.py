from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import add_json_argument, refuse_import, write_result
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
        add_json_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_geojson(
                options["path"], actor=SYSTEM, level=options["level"], name_property=options["name_property"]
            )
        except ImportRefused as exc:
            refuse_import(exc.errors)
        write_result(
            self.stdout,
            as_json=options["json"],
            data=result.as_dict(),
            summary=_("%(created)d nya, %(updated)d ändrade, %(unchanged)d oförändrade områden.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            warnings=result.warnings,
        )
