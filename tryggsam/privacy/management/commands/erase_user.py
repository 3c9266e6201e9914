from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role, User
from tryggsam.core.errors import ServiceError
from tryggsam.privacy.erasure import user_erase

ERASURE_SYSTEM = SystemActor(
    purpose="erase_user (radering enligt GDPR art. 17)", reads=SystemScope.ALL, acts_as=Role.ADMIN
)
"""The operator at the console erases as the system, with an administrator's right to erase."""


class Command(BaseCommand):
    help = "Ta bort en användares personuppgifter (GDPR art. 17); kontot blir anonymt och inaktivt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="Användarens e-postadress.")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle tas bort utan att ändra något.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(_("Ingen användare har e-postadressen %(email)s.") % {"email": options["email"]})
        try:
            result = user_erase(actor=ERASURE_SYSTEM, user=user, dry_run=options["dry_run"])
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        for name, n in result.deleted.items():
            self.stdout.write(f"{name}: {n}")
        verb = "skulle anonymiseras" if options["dry_run"] else "är anonymiserad"
        self.stdout.write(f"Användare {result.user_id} {verb}.")
