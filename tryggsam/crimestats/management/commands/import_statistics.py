from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import add_json_argument, refuse, write_result
from tryggsam.crimestats.parsing import StatisticsFormatError
from tryggsam.crimestats.services import statistics_import

SYSTEM = SystemActor(purpose="import_statistics (brottsstatistik)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera brottsstatistik (Brå-export eller årsbokstabell som CSV, .xlsx eller .xls)."
    requires_system_checks: list[str] = []  # they import the whole URLconf; see import_archive

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        add_json_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = statistics_import(path=options["path"], actor=SYSTEM)
        except StatisticsFormatError as exc:
            refuse(_("Statistiken kunde inte importeras, inget sparades: %(reason)s") % {"reason": exc})
        # Warnings go to stderr, so that --json leaves stdout one JSON object.
        write_result(
            self.stdout,
            as_json=options["json"],
            data=summary.as_json(),
            summary=_(
                "%(values)d värden för %(areas)d områden, %(periods)d perioder och %(categories)d brottskategorier."
            )
            % {
                "values": summary.rows,
                "areas": len(summary.areas),
                "periods": len(summary.periods),
                "categories": len(summary.categories),
            },
        )
        for warning in summary.warnings:
            self.stderr.write(_("Varning: %(warning)s") % {"warning": warning})
        if summary.unresolved_areas:
            self.stderr.write(
                _("Områden som inte finns i områdesregistret: %(areas)s")
                % {"areas": ", ".join(summary.unresolved_areas)}
            )
