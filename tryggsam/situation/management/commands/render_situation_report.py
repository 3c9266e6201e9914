import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandParser

from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import User
from tryggsam.places.models import Area
from tryggsam.situation.report.build import build_report, report_docx, report_pdf


class Command(BaseCommand):
    help = "Skriv lägesbildsrapporten för ett område och en period som PDF eller DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("area_id", type=int)
        parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True)
        parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True)
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument(
            "--as-user", help="E-postadress: rapporten som den användaren får se (annars den offentliga)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = Area.objects.filter(pk=options["area_id"]).first()
        if area is None:
            self.stderr.write(f"Området {options['area_id']} finns inte.")
            sys.exit(2)
        user: Reader = AnonymousUser()
        if options["as_user"]:
            found = User.objects.filter(email=options["as_user"].lower()).first()
            if found is None:
                self.stderr.write(f"Användaren {options['as_user']} finns inte.")
                sys.exit(2)
            user = found
        report = build_report(user, area=area, start=options["start"], end=options["end"])
        data = report_pdf(report) if options["format"] == "pdf" else report_docx(report)
        options["output"].write_bytes(data)
        self.stdout.write(f"{report.title}: {options['output']} ({len(data) // 1024} kB)")
