import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.places.importers import ImportRefused, load_district_areas

SYSTEM = SystemActor(purpose="load_district_areas (stadsdelsområden)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Läs in vilka stadsdelar som hör till vilket stadsdelsområde (CSV), med tidigare områdesnamn som alias."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_district_areas(options["path"], actor=SYSTEM)
        except ImportRefused as exc:
            raise CommandError("Inläsningen avbröts, inget sparades:\n" + "\n".join(exc.errors)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(
            f"{result.created} nya, {result.updated} ändrade områden, {result.aliases} nya alternativa namn."
        )
        for warning in result.warnings:
            self.stdout.write(f"Varning: {warning}")
