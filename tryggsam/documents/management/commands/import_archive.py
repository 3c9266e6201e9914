import contextlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from tryggsam.core.import_commands import refuse
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract
from tryggsam.documents.forms import ACCEPTED
from tryggsam.documents.management.import_options import IMPORT_SYSTEM, add_target_arguments, import_target
from tryggsam.documents.saving import already_imported, document_save
from tryggsam.places.gazetteer import current_gazetteer


class Command(BaseCommand):
    help = "Importera en hel mapp med gamla protokoll och planer, fil för fil."
    # Django's system checks import the whole URLconf (every view, the API schema, h3 and shapely
    # through the situation views): about half of the command's start-up, for nothing an import uses.
    # `manage.py check` and every server start still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Läs alla filer men spara ingenting.")
        add_target_arguments(parser, forum=False)

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            refuse(_("Mappen finns inte: %(folder)s") % {"folder": folder})
        target = import_target(options, saving=not options["dry_run"])
        new_forums: list[str] = []
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ACCEPTED)
        saved = skipped = failed = 0
        # The place names as they are when the batch starts, looked up once and not for every file.
        gazetteer = None
        with contextlib.suppress(DatabaseError):  # if it cannot be read, each file says so in its warnings
            gazetteer = current_gazetteer() if files else None
        for number, path in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {path.name}: "
            if not options["dry_run"] and already_imported(path) is not None:
                skipped += 1  # known by its content: not parsed again
                self.stdout.write(prefix + _("redan importerad"))
                continue
            try:
                data = extract(path, gazetteer=gazetteer)
            except UnreadableDocument as exc:
                failed += 1
                self.stdout.write(prefix + _("kan inte läsas – %(reason)s") % {"reason": exc.message})
                continue
            if options["dry_run"]:
                self.stdout.write(
                    prefix + _("läst (%(kind)s, %(n)d varningar)") % {"kind": data["kind"], "n": len(data["warnings"])}
                )
                self._warnings(data["warnings"])
                continue
            try:
                result = document_save(path=path, data=data, actor=IMPORT_SYSTEM, organisation=target.organisation)
            except Exception as exc:  # one bad file must not stop the archive; its own import rolled back
                failed += 1
                self.stdout.write(
                    prefix + _("kunde inte sparas, inget från filen sparades (%(error)s)") % {"error": exc}
                )
                continue
            if result.already_imported:
                skipped += 1
                self.stdout.write(prefix + _("redan importerad"))
            else:
                saved += 1
                self.stdout.write(prefix + _("sparad (%(n)d nya poster)") % {"n": sum(result.created.values())})
                for name in result.created_forums:
                    self.stdout.write("    – " + _("nytt forum skapat: %(name)s") % {"name": name})
                new_forums.extend(result.created_forums)
                self._warnings(result.warnings)
        self.stdout.write(
            _(
                "Klart: %(total)d filer, %(saved)d sparade, %(skipped)d redan importerade, %(failed)d gick inte att läsa eller spara."
            )
            % {"total": len(files), "saved": saved, "skipped": skipped, "failed": failed}
        )
        if new_forums:
            self.stdout.write(
                _("Nya forum som importen skapade (%(n)d): %(names)s")
                % {"n": len(new_forums), "names": ", ".join(new_forums)}
            )

    def _warnings(self, warnings: list[str]) -> None:
        """The file's warnings (what to check, what was masked), indented under its line."""
        for warning in warnings:
            self.stdout.write(f"    – {warning}")
