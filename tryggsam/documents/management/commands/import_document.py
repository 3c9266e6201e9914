import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError
from tryggsam.core.import_commands import add_json_argument, refuse
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM, add_target_arguments, import_target
from tryggsam.documents.saving import document_save


class Command(BaseCommand):
    help = "Läs ett gammalt protokoll, en åtgärdsplan eller en överenskommelse och visa vad som kan importeras."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Läs och visa resultatet utan att spara.")
        # Without --dry-run the JSON is printed too, and the records are saved in one transaction.
        add_json_argument(parser)
        add_target_arguments(parser, forum=True)

    def handle(self, *args: Any, **options: Any) -> None:
        target = import_target(options, saving=not options["dry_run"])
        try:
            result = extract(options["path"])
        except UnreadableDocument as exc:
            refuse(_("Dokumentet kan inte läsas: %(reason)s") % {"reason": exc.message})
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=None if options["json"] else 2))
        if options["dry_run"]:
            return
        data = {**result, "forum_id": target.forum.pk} if target.forum else result
        try:
            saved = document_save(
                path=options["path"], data=data, actor=IMPORT_SYSTEM, organisation=target.organisation
            )
        except ServiceError as exc:
            refuse(str(exc))
        if saved.already_imported:
            self.stderr.write(
                _("Filen är redan importerad (dokument %(id)s); ingenting ändrades.") % {"id": saved.document.pk}
            )
            return
        summary = ", ".join(f"{n} {name}" for name, n in sorted(saved.created.items())) or _("inga nya poster")
        self.stderr.write(_("Sparat: %(summary)s.") % {"summary": summary})
        for name in saved.created_forums:
            self.stderr.write(_("Nytt forum skapat: %(name)s") % {"name": name})
        for warning in saved.warnings:
            if warning not in result["warnings"]:  # the JSON above has the others
                self.stderr.write(warning)
