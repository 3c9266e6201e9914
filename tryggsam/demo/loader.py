"""Load the demo: places, organisations, people with the demo password, and (once) the collaboration
content. Idempotent: the council forum marks that the content exists, so a second run only makes
sure the places, organisations, accounts and passwords are there and creates nothing else."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, is_password_usable, make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.models import Membership, Organisation, Role, User
from tryggsam.audit.services import audit_record, audit_rows_together
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.casework.models import FollowUp, Measure, Problem
from tryggsam.demo.content import Directory, create_content
from tryggsam.demo.data.forums import COUNCIL_NAME
from tryggsam.demo.data.people import DEMO_PASSWORD, ORGANISATIONS, USERS
from tryggsam.demo.places import ensure_places
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.forums.models import Forum, ForumKind, ProgrammeDelivery
from tryggsam.plans.models import FocusArea


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    full_name: str
    title: str
    organisation: str


@dataclass
class DemoResult:
    content_created: bool
    password: str
    logins: list[DemoLogin]
    places: list[str] = field(default_factory=list)
    accounts_created: int = 0
    passwords_reset: int = 0
    summary: str = ""


def ensure_organisations() -> dict[str, Organisation]:
    organisations = {}
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=spec.name).first()
        if organisation is None:
            organisation = create_audited(
                model=Organisation, actor=DEMO_SYSTEM, name=spec.name, short_name=spec.short_name, kind=spec.kind
            )
        organisations[spec.key] = organisation
    return organisations


@functools.cache
def _demo_password_hash() -> str:
    """The demo password hashed once per run: a hash costs tens of milliseconds by design and every
    demo account has the same published password, so they share one hash."""
    return make_password(DEMO_PASSWORD)


@functools.cache
def _is_demo_password(encoded: str) -> bool:
    return check_password(DEMO_PASSWORD, encoded)


def _ensure_password(user: User) -> bool:
    """Give the user the demo password unless they have it; True if it was (re)set. The audit row
    says that the password was set, never the hash. Each distinct hash is checked once (the accounts
    share one), and an account without a usable password is not checked at all."""
    if is_password_usable(user.password) and _is_demo_password(user.password):
        return False
    validate_password(DEMO_PASSWORD, user)
    user.password = _demo_password_hash()
    user.save(update_fields=["password"])
    audit_record(actor=DEMO_SYSTEM, action="update", obj=user, note="Demolösenordet satt.")
    return True


def ensure_users(organisations: dict[str, Organisation], result: DemoResult) -> dict[str, User]:
    """Create the demo accounts and memberships that are missing and make sure that every account
    has the demo password (and the admin the admin flags)."""
    users = {}
    for spec in USERS:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = create_audited(
                model=User,
                actor=DEMO_SYSTEM,
                email=spec.email,
                full_name=spec.full_name,
                title=spec.title,
                phone=spec.phone,
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
                password=make_password(None),
            )
            result.accounts_created += 1
            _ensure_password(user)
        else:
            if spec.superuser and not (user.is_staff and user.is_superuser):
                update_audited(obj=user, actor=DEMO_SYSTEM, fields={"is_staff": True, "is_superuser": True})
            if _ensure_password(user):
                result.passwords_reset += 1
        organisation = organisations[spec.organisation]
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            create_audited(model=Membership, actor=DEMO_SYSTEM, user=user, organisation=organisation, role=spec.role)
        users[spec.key] = user
    return users


def demo_exists() -> bool:
    return Forum.objects.filter(kind=ForumKind.COUNCIL, name=COUNCIL_NAME).exists()


def content_summary() -> str:
    """What the demo holds, in Swedish, for the command's report."""
    return ", ".join(
        [
            _("%(n)d forum") % {"n": Forum.objects.count()},
            _("%(n)d problem") % {"n": Problem.objects.count()},
            _("%(n)d åtgärder") % {"n": Measure.objects.count()},
            _("%(n)d uppföljningar") % {"n": FollowUp.objects.count()},
            _("%(n)d fokusområden") % {"n": FocusArea.objects.count()},
            _("%(n)d programleveranser") % {"n": ProgrammeDelivery.objects.count()},
        ]
    )


def demo_logins() -> list[DemoLogin]:
    organisations = {spec.key: spec.name for spec in ORGANISATIONS}
    return [
        DemoLogin(spec.email, str(Role(spec.role).label), spec.full_name, spec.title, organisations[spec.organisation])
        for spec in USERS
    ]


def load_demo(*, shared_dir: Path | None = None, dry_run: bool = False) -> DemoResult:
    """Load the demo in one transaction (rolled back with `dry_run`). Reads the real geography from
    `shared_dir` (default settings.SHARED_DIR) when it has data/geo, else invents a small district."""
    shared_dir = Path(shared_dir or settings.SHARED_DIR)
    result = DemoResult(content_created=False, password=DEMO_PASSWORD, logins=demo_logins())
    with transaction.atomic():
        # The run's audit rows are written together at its end, in its transaction (one INSERT per
        # 500 instead of one each: the demo writes about 750).
        with audit_rows_together():
            result.places = ensure_places(shared_dir)
            organisations = ensure_organisations()
            users = ensure_users(organisations, result)
            if not demo_exists():
                create_content(Directory(organisations=organisations, users=users, today=timezone.localdate()))
                result.content_created = True
                result.summary = content_summary()
        if dry_run:
            transaction.set_rollback(True)
    return result
