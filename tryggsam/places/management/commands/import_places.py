from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import add_json_argument, refuse_import, write_result
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
        add_json_argument(parser)

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
            refuse_import(exc.errors)
        write_result(
            self.stdout,
            as_json=options["json"],
            data=result.as_dict(),
            summary=_("%(created)d nya, %(updated)d ändrade, %(unchanged)d oförändrade platser.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            warnings=result.warnings,
        )
