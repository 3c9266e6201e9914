import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.crimestats.parsing import StatisticsFormatError
from tryggsam.crimestats.services import statistics_import

SYSTEM = SystemActor(purpose="import_statistics (brottsstatistik)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera brottsstatistik (Brå-export eller årsbokstabell som CSV, .xlsx eller .xls)."
    requires_system_checks: list[str] = []  # they import the whole URLconf; see import_archive

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="Skriv en sammanfattning som JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = statistics_import(path=options["path"], actor=SYSTEM)
        except StatisticsFormatError as exc:
            self.stderr.write(f"Statistiken kunde inte importeras, inget sparades: {exc}")
            sys.exit(2)
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"{summary.rows} värden för {len(summary.areas)} områden, {len(summary.periods)} perioder "
                f"och {len(summary.categories)} brottskategorier."
            )
        for warning in summary.warnings:
            self.stderr.write(f"Varning: {warning}")
        if summary.unresolved_areas:
            self.stderr.write("Områden som inte finns i områdesregistret: " + ", ".join(summary.unresolved_areas))
