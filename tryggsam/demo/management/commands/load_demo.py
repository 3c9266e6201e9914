from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError
from tryggsam.demo.loader import load_demo
from tryggsam.places.importers import ImportRefused


class Command(BaseCommand):
    # The model checks only: the URL checks import the whole URL configuration (ninja, the archive
    # parsers: about half a second) for a command that serves no page (as import_archive).
    requires_system_checks = [Tags.models]
    help = "Läs in demodata: ett påhittat stadsdelsområde med råd, arbetsgrupper, platssamverkan och konton."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--shared-dir", type=Path, default=None, help=_("Katalogen med delade data."))
        parser.add_argument("--dry-run", action="store_true", help=_("Kör allt men spara ingenting."))

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "TRYGGSAM_PRODUCTION", False):
            # The demo has published passwords (and an administrator): never in a real installation.
            raise CommandError(
                _("Demodata får inte läsas in med produktionsinställningarna (TRYGGSAM_SETTINGS=production)."),
                returncode=2,
            )
        try:
            result = load_demo(shared_dir=options["shared_dir"], dry_run=options["dry_run"])
        except (ImportRefused, ServiceError) as exc:
            raise CommandError(_("Demodata kunde inte läsas in, inget sparades: %(error)s") % {"error": exc}) from exc
        if result.places:
            self.stdout.write(_("Områden: %(notes)s.") % {"notes": ", ".join(result.places)})
        if result.content_created:
            self.stdout.write(
                self.style.SUCCESS(_("Demodata skapad; databasen har nu %(summary)s.") % {"summary": result.summary})
            )
        else:
            self.stdout.write(_("Demodata finns redan – inget nytt innehåll skapades."))
        if result.accounts_created:
            self.stdout.write(_("%(count)d nya konton.") % {"count": result.accounts_created})
        if result.passwords_reset:
            self.stdout.write(
                _("%(count)d lösenord återställda till demolösenordet.") % {"count": result.passwords_reset}
            )
        if options["dry_run"]:
            self.stdout.write(_("Provkörning: ingenting sparades."))
        self.stdout.write("")
        self.stdout.write(_("Demoinloggningar (lösenord: %(password)s):") % {"password": result.password})
        width = max(len(login.email) for login in result.logins)
        role_width = max(len(login.role) for login in result.logins)
        for login in result.logins:
            self.stdout.write(
                f"  {login.email:<{width}}  {login.role:<{role_width}}  "
                f"{login.full_name} ({login.title.lower()}), {login.organisation}"
            )
