"""Erasing a user's personal data: the person goes, the records they touched stay."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import FollowUpFactory, ForumFactory, ForumMemberFactory, OrganisationFactory, user_with_role
from tryggsam.accounts import two_factor
from tryggsam.accounts.models import Membership, Role, User
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import FollowUp
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.forums.models import ForumMember
from tryggsam.privacy.erasure import ERASED_NAME, user_erase
from tryggsam.privacy.management.commands.erase_user import ERASURE_SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver():
    org = OrganisationFactory(name="Fältgruppen")
    user = user_with_role(Role.MEMBER, org, full_name="Mira Lämnar", email="mira@example.se", phone="070-111 22 33")
    user.set_password("Ett-långt-lösen-1")
    user.save()
    ForumMemberFactory(forum=ForumFactory(), user=user)
    two_factor.totp_begin(user=user)
    FollowUpFactory(author=user, text="Pratat med fastighetsvärden.")
    return user


def test_user_erase__person_goes_records_stay(leaver):
    admin = user_with_role(Role.ADMIN)
    result = user_erase(actor=admin, user=leaver)
    leaver.refresh_from_db()
    assert leaver.full_name == ERASED_NAME and leaver.email.endswith("@borttagen.invalid")
    assert leaver.phone == "" and not leaver.is_active and not leaver.has_usable_password()
    assert not Membership.objects.filter(user=leaver).exists() and not ForumMember.objects.filter(user=leaver).exists()
    assert not TOTPDevice.objects.filter(user=leaver).exists()
    assert result.deleted["medlemskap"] == 1 and result.deleted["forummedlemskap"] == 1
    assert FollowUp.objects.get(text="Pratat med fastighetsvärden.").author == leaver  # history kept, anonymous
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(leaver.pk), note__contains="art. 17")
    assert "mira" not in str(event.changes).lower() and event.object_repr == ERASED_NAME
    assert not User.objects.filter(email="mira@example.se").exists()


def test_user_erase__dry_run_changes_nothing(leaver):
    result = user_erase(actor=ERASURE_SYSTEM, user=leaver, dry_run=True)
    leaver.refresh_from_db()
    assert result.deleted["medlemskap"] == 1 and leaver.full_name == "Mira Lämnar" and leaver.is_active


def test_user_erase__refused_for_non_admins_oneself_and_twice(leaver):
    coordinator = user_with_role(Role.COORDINATOR)
    with pytest.raises(PermissionDeniedError):
        user_erase(actor=coordinator, user=leaver)
    admin = user_with_role(Role.ADMIN)
    with pytest.raises(ServiceError):
        user_erase(actor=admin, user=admin)
    user_erase(actor=admin, user=leaver)
    with pytest.raises(ServiceError, match="redan borttagna"):
        user_erase(actor=admin, user=leaver)
    assert User.objects.filter(pk=leaver.pk).exists()


def test_erase_user_command__dry_run_then_for_real(leaver):
    out = io.StringIO()
    call_command("erase_user", "MIRA@example.se", "--dry-run", stdout=out)
    assert "skulle anonymiseras" in out.getvalue() and User.objects.get(pk=leaver.pk).is_active
    call_command("erase_user", "mira@example.se", stdout=io.StringIO())
    assert User.objects.get(pk=leaver.pk).full_name == ERASED_NAME
    with pytest.raises(CommandError, match="Ingen användare"):
        call_command("erase_user", "mira@example.se")
