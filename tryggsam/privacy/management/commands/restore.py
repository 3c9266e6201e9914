from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.privacy.backup import BackupError, database_label, opened_backup, restore_backup


class Command(BaseCommand):
    help = "Återställ hela databasen och filerna i MEDIA_ROOT från en säkerhetskopia gjord med manage.py backup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="Säkerhetskopian som ska läsas in.")
        parser.add_argument("--yes", action="store_true", help="Fråga inte om bekräftelse.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        try:
            with opened_backup(source=source) as backup:
                if not options["yes"]:
                    question = _(
                        "All data i databasen %(db)s och alla filer i %(media)s ersätts med innehållet i %(file)s. "
                        "Skriv ja för att fortsätta: "
                    ) % {"db": database_label(), "media": settings.MEDIA_ROOT, "file": source}
                    if input(question).strip().lower() not in {"ja", "j"}:
                        raise CommandError(_("Återställningen avbröts; inget ändrades."), returncode=2)
                result = restore_backup(backup=backup)
        except BackupError as exc:
            raise CommandError(_("Återställningen avbröts: %(e)s") % {"e": exc}, returncode=2) from exc
        self.stdout.write(_("Databasen %(db)s är återställd från %(file)s.") % {"db": database_label(), "file": source})
        if result.media_files is None:
            self.stdout.write(_("Säkerhetskopian innehöll inga arkiverade filer; filerna i MEDIA_ROOT är orörda."))
        else:
            self.stdout.write(
                _("%(n)d arkiverade filer återställda, %(removed)d filer som inte fanns i kopian borttagna.")
                % {"n": result.media_files, "removed": result.media_removed}
            )
