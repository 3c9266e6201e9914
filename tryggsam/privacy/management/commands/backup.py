from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.privacy.backup import BackupError, backup_database, database_label


class Command(BaseCommand):
    help = (
        "Säkerhetskopiera hela databasen och filerna i MEDIA_ROOT till en fil som bara ägaren kan läsa "
        "(SQLite: online-backup, PostgreSQL: pg_dump)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="Filen som säkerhetskopian skrivs till.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_database(output=options["output"])
        except BackupError as exc:
            raise CommandError(_("Säkerhetskopieringen avbröts: %(e)s") % {"e": exc}, returncode=2) from exc
        self.stdout.write(
            _("Databasen %(db)s och %(files)d arkiverade filer är säkerhetskopierade till %(path)s (%(size)d byte).")
            % {"db": database_label(), "files": result.media_files, "path": result.path, "size": result.size}
        )
