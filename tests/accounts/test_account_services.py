"""Finding 12: users, organisations and memberships change through services that audit themselves,
also when the change is made in the Django admin."""

import pytest

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts import services
from tryggsam.accounts.models import Membership, Organisation, Role, User
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = user_with_role(Role.ADMIN, email="chef@exempel.se", is_superuser=True)
    client.force_login(admin)
    client.admin = admin
    return client


def _user_form(user, memberships, **overrides):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "title": user.title,
        "phone": user.phone,
        "is_active": "on",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(memberships):
        data.update({f"memberships-{i}-{k}": v for k, v in m.items()})
        data[f"memberships-{i}-user"] = str(user.pk)
    data.update(overrides)
    return data


def _events(obj, **filters):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), **filters)


def test_admin_role_change__leaves_an_audit_row_with_old_and_new_role(admin_client):
    school = OrganisationFactory(name="Skolan")
    member = user_with_role(Role.MEMBER, school, email="larare@exempel.se")
    membership = Membership.objects.get(user=member)
    row = {"id": str(membership.pk), "organisation": str(school.pk), "role": "coordinator"}
    response = admin_client.post(f"/admin/accounts/user/{member.pk}/change/", _user_form(member, [row]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
    event = _events(membership, action="update").get()
    assert event.changes == {"role": ["member", "coordinator"]}
    assert event.actor == admin_client.admin and event.note == "Roll ändrad"


def test_admin_user_rights_and_memberships__every_change_is_audited(admin_client):
    school, police = OrganisationFactory(name="Skolan"), OrganisationFactory(name="Polisen")
    member = user_with_role(Role.MEMBER, school, email="larare@exempel.se")
    old = Membership.objects.get(user=member)
    rows = [
        {"id": str(old.pk), "organisation": str(school.pk), "role": "member", "DELETE": "on"},
        {"organisation": str(police.pk), "role": "reader"},
    ]
    form = _user_form(member, rows, is_staff="on")
    assert admin_client.post(f"/admin/accounts/user/{member.pk}/change/", form).status_code == 302
    assert _events(member, action="update").get().changes == {"is_staff": [False, True]}
    assert AuditEvent.objects.filter(object_type="accounts.membership", object_id=str(old.pk), action="delete").exists()
    new = Membership.objects.get(user=member)
    assert new.organisation == police and _events(new, action="create").exists()


def test_admin_user_and_organisation_create_and_delete__are_audited(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Ny@Exempel.se",
            "full_name": "Ny Person",
            "password1": "gul-ek-i-motvind",
            "password2": "gul-ek-i-motvind",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(email="ny@exempel.se")
    assert created.check_password("gul-ek-i-motvind")
    event = _events(created, action="create").get()
    assert "password" not in event.changes  # never the hash
    response = admin_client.post(
        "/admin/accounts/organisation/add/", {"name": "Bostadsbolaget", "kind": "housing_company"}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Bostadsbolaget")
    assert _events(organisation, action="create").exists()
    admin_client.post(f"/admin/accounts/organisation/{organisation.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert AuditEvent.objects.filter(object_type="accounts.organisation", action="delete").exists()
    admin_client.post(f"/admin/accounts/user/{created.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(object_type="accounts.user", object_id=str(created.pk), action="delete").exists()


def test_membership_change_role__only_an_administrator(police_member, coordinator):
    membership = Membership.objects.get(user=police_member)
    with pytest.raises(PermissionDeniedError):
        services.membership_change_role(membership=membership, role=Role.ADMIN, acting_user=coordinator)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER and not AuditEvent.objects.exists()


def test_user_update__no_change_no_audit_row(police_member):
    admin = user_with_role(Role.ADMIN)
    services.user_update(user=police_member, acting_user=admin, full_name=police_member.full_name)
    assert not _events(police_member).exists()


def test_admin_password_change__goes_through_the_audited_service(admin_client, police_member):
    url = f"/admin/accounts/user/{police_member.pk}/password/"
    weak = admin_client.post(url, {"password1": "Sommar2026", "password2": "Sommar2026", "set_usable_password": "true"})
    assert weak.status_code == 200  # the same password rules as everywhere
    response = admin_client.post(
        url, {"password1": "fem-gula-vantar-9", "password2": "fem-gula-vantar-9", "set_usable_password": "true"}
    )
    assert response.status_code == 302
    police_member.refresh_from_db()
    assert police_member.check_password("fem-gula-vantar-9")
    event = _events(police_member, note="Lösenord satt av administratör").get()
    assert event.actor == admin_client.admin and "fem-gula" not in str(event.changes)
