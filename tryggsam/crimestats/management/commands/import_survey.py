from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.core.import_commands import refuse
from tryggsam.crimestats.parsing import StatisticsFormatError
from tryggsam.crimestats.surveys import survey_import


class Command(BaseCommand):
    help = "Importera resultat från en trygghetsmätning (CSV: område, år, fråga, andel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = survey_import(path=options["path"])
        except (StatisticsFormatError, OSError) as exc:
            refuse(_("Trygghetsmätningen kunde inte importeras, inget sparades: %(reason)s") % {"reason": exc})
        self.stdout.write(_("%(n)d svar importerade.") % {"n": rows})
