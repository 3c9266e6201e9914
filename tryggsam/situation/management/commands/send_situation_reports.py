from typing import Any

from django.core.management.base import BaseCommand

from tryggsam.situation.report.mailing import send_situation_reports


class Command(BaseCommand):
    help = "Skicka lägesbildsrapporter till prenumeranterna (körs dagligen; varje period skickas en gång)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_situation_reports()} rapporter skickade.")
