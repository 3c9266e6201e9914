from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import add_json_argument, refuse_import, write_result
from tryggsam.places.importers import ImportRefused, load_district_areas

SYSTEM = SystemActor(purpose="load_district_areas (stadsdelsområden)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Läs in vilka stadsdelar som hör till vilket stadsdelsområde (CSV), med tidigare områdesnamn som alias."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        add_json_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_district_areas(options["path"], actor=SYSTEM)
        except ImportRefused as exc:
            refuse_import(exc.errors)
        write_result(
            self.stdout,
            as_json=options["json"],
            data=result.as_dict(),
            summary=_("%(created)d nya, %(updated)d ändrade områden, %(aliases)d nya alternativa namn.")
            % {"created": result.created, "updated": result.updated, "aliases": result.aliases},
            warnings=result.warnings,
        )
