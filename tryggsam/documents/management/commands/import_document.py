import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract
from tryggsam.documents.saving import document_save

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Läs ett gammalt protokoll, en åtgärdsplan eller en överenskommelse och visa vad som kan importeras."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Läs och visa resultatet utan att spara.")
        # Without --dry-run the JSON is printed too, and the records are saved in one transaction.
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som ett JSON-objekt.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = extract(options["path"])
        except UnreadableDocument as exc:
            self._refuse(_("Dokumentet kan inte läsas: %(reason)s") % {"reason": exc.message})
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=None if options["json"] else 2))
        if options["dry_run"]:
            return
        saved = document_save(path=options["path"], data=result)
        if saved.already_imported:
            self.stderr.write(
                _("Filen är redan importerad (dokument %(id)s); ingenting ändrades.") % {"id": saved.document.pk}
            )
            return
        summary = ", ".join(f"{n} {name}" for name, n in sorted(saved.created.items())) or _("inga nya poster")
        self.stderr.write(_("Sparat: %(summary)s.") % {"summary": summary})
        for warning in saved.warnings:
            if warning not in result["warnings"]:  # the JSON above has the others
                self.stderr.write(warning)

    def _refuse(self, message: str) -> NoReturn:
        """One Swedish line on stderr and exit code 2; nothing has been written."""
        self.stderr.write(message.replace("\n", " "))
        sys.exit(EXIT_REFUSED)
