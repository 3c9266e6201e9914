from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tryggsam.privacy.retention import expired_incidents, purge_expired


class Command(BaseCommand):
    help = "Gallra fritext och rapportörens identitet ur händelser som är äldre än gallringsfristen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Lista vad som skulle gallras utan att ändra något.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            for incident in expired_incidents().order_by("occurred_at")[:1000]:
                self.stdout.write(f"{incident.pk}\t{incident.occurred_at:%Y-%m-%d}\t{incident.get_source_display()}")
        result = purge_expired(dry_run=options["dry_run"])
        verb = "skulle gallras" if options["dry_run"] else "gallrade"
        self.stdout.write(f"{result.incidents} händelser äldre än {result.cutoff:%Y-%m-%d} {verb}.")
        self.stdout.write(f"{result.tip_emails} e-postadresser till tipsare {verb}.")
        self.stdout.write(f"{result.walk_guests} gäster på trygghetsvandringar {verb}.")
        self.stdout.write(f"{result.meeting_guests} namn på gäster vid möten {verb}.")
