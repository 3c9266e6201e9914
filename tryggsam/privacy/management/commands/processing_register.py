from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.privacy.register import COMMAND, DEFAULT_OUTPUT, render_markdown


class Command(BaseCommand):
    help = "Skriv registerförteckningen (förteckning över behandlingar) som Markdown, genererad från modellerna."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / DEFAULT_OUTPUT), help="Fil att skriva.")
        parser.add_argument(
            "--check", action="store_true", help="Skriv inget; avsluta med fel om filen inte stämmer med modellerna."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        text = render_markdown()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                raise CommandError(
                    _(
                        "Registerförteckningen %(path)s är inaktuell eller saknas. Kör `%(command)s` och checka in filen."
                    )
                    % {"path": path, "command": COMMAND}
                )
            self.stdout.write(_("Registerförteckningen %(path)s är aktuell.") % {"path": path})
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(_("Registerförteckningen skrevs till %(path)s.") % {"path": path})
