from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tryggsam.casework.reminders import send_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser om uppföljningar som är på gång eller försenade (körs dagligen av schemaläggaren)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle skickas utan att skicka.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminders(dry_run=options["dry_run"])
        verb = "skulle skickas" if options["dry_run"] else "skickade"
        self.stdout.write(f"{result.emails} påminnelser {verb} om {result.measures} åtgärder.")
