from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.import_commands import refuse
from tryggsam.crimestats.parsing import StatisticsFormatError
from tryggsam.crimestats.surveys import survey_import

SYSTEM = SystemActor(purpose="import_survey (trygghetsmätning)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR)
"""The operator's console imports as the system, writing as a coordinator would; the audit rows name it."""


class Command(BaseCommand):
    help = "Importera resultat från en trygghetsmätning (CSV: område, år, fråga, andel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = survey_import(path=options["path"], actor=SYSTEM)
        except (StatisticsFormatError, OSError) as exc:
            refuse(_("Trygghetsmätningen kunde inte importeras, inget sparades: %(reason)s") % {"reason": exc})
        self.stdout.write(_("%(n)d svar importerade.") % {"n": rows})
