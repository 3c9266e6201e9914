from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.privacy.backup import BackupError, check_backup_file, database_label, restore_database


class Command(BaseCommand):
    help = "Återställ hela databasen från en säkerhetskopia gjord med manage.py backup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="Säkerhetskopian som ska läsas in.")
        parser.add_argument("--yes", action="store_true", help="Fråga inte om bekräftelse.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        try:
            check_backup_file(source=source)
            if not options["yes"]:
                question = _(
                    "All data i databasen %(db)s ersätts med innehållet i %(file)s. Skriv ja för att fortsätta: "
                ) % {"db": database_label(), "file": source}
                if input(question).strip().lower() not in {"ja", "j"}:
                    raise CommandError(_("Återställningen avbröts; inget ändrades."))
            restore_database(source=source)
        except BackupError as exc:
            raise CommandError(_("Återställningen avbröts: %(e)s") % {"e": exc}) from exc
        self.stdout.write(_("Databasen %(db)s är återställd från %(file)s.") % {"db": database_label(), "file": source})
