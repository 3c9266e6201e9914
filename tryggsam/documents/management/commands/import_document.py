import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Läs ett gammalt protokoll, en åtgärdsplan eller en överenskommelse och visa vad som kan importeras."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Läs och visa resultatet utan att spara.")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som ett JSON-objekt.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["dry_run"]:
            self._refuse(_("Spara är inte klart ännu: kör med --dry-run."))
        try:
            result = extract(options["path"])
        except UnreadableDocument as exc:
            self._refuse(_("Dokumentet kan inte läsas: %(reason)s") % {"reason": exc.message})
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _refuse(self, message: str) -> NoReturn:
        """One Swedish line on stderr and exit code 2; nothing has been written."""
        self.stderr.write(message.replace("\n", " "))
        sys.exit(EXIT_REFUSED)
