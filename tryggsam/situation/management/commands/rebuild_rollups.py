from typing import Any

from django.core.management.base import BaseCommand

from tryggsam.situation.rollups import rebuild_rollups


class Command(BaseCommand):
    help = "Räkna om lägesbildens dagliga och månatliga summeringar från alla händelser."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = rebuild_rollups()
        self.stdout.write(f"Summeringarna är omräknade: {rows} rader.")
