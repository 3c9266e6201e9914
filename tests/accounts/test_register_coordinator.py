"""The coordinator keeps the register of her council (accounts.permissions, the register predicates):
organisations and people, but never the administrator role nor the people who hold it."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory, user_with_role
from tryggsam.accounts import permissions, services
from tryggsam.accounts.models import Membership, Role, User
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


def test_invite__coordinator_invites_a_member_audited(client, coordinator, police):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:invite"),
        {"email": "ny@polisen.se", "full_name": "Ny Polis", "organisation": police.pk, "role": Role.MEMBER},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ny@polisen.se")
    assert membership.role == Role.MEMBER
    assert AuditEvent.objects.filter(object_type="accounts.membership", actor=coordinator).exists()


def test_invite__coordinator_cannot_make_an_administrator(client, coordinator, police):
    client.force_login(coordinator)
    page = client.get(reverse("accounts:register")).content.decode()
    assert 'value="admin"' not in page
    response = client.post(
        reverse("accounts:invite"),
        {"email": "boss@polisen.se", "full_name": "Boss", "organisation": police.pk, "role": Role.ADMIN},
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="boss@polisen.se").exists()
    with pytest.raises(PermissionDeniedError):
        services.user_invite(
            acting_user=coordinator, email="b@x.se", full_name="B", organisation=police, role=Role.ADMIN, base_url=""
        )


def test_membership_role__coordinator_cannot_raise_to_administrator(client, coordinator, police_member):
    membership = police_member.memberships.get()
    client.force_login(coordinator)
    client.post(reverse("accounts:membership_role", args=[membership.pk]), {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    client.post(reverse("accounts:membership_role", args=[membership.pk]), {"role": Role.READER})
    membership.refresh_from_db()
    assert membership.role == Role.READER


def test_membership__coordinator_cannot_touch_an_administrator_nor_herself(client, coordinator):
    organisation = OrganisationFactory(name="Förvaltningen")
    admin = user_with_role(Role.ADMIN, organisation, full_name="Ada Admin")
    other = Membership.objects.create(user=admin, organisation=OrganisationFactory(name="Polisen 2"), role=Role.READER)
    own = coordinator.memberships.get()
    for membership in (admin.memberships.get(organisation=organisation), other, own):
        assert not permissions.can_manage_membership(coordinator, membership)
        client.force_login(coordinator)
        client.post(reverse("accounts:membership_end", args=[membership.pk]))
        assert Membership.objects.filter(pk=membership.pk).exists()
    page = client.get(reverse("accounts:register")).content.decode()
    assert reverse("accounts:membership_end", args=[other.pk]) not in page
    with pytest.raises(PermissionDeniedError):
        services.membership_create(
            user=admin, organisation=OrganisationFactory(), role=Role.READER, acting_user=coordinator
        )


def test_membership_end__coordinator_ends_a_members_membership(client, coordinator, police_member):
    membership = police_member.memberships.get()
    client.force_login(coordinator)
    page = client.get(reverse("accounts:register")).content.decode()
    assert reverse("accounts:membership_end", args=[membership.pk]) in page
    client.post(reverse("accounts:membership_end", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=police_member.pk).exists()


def test_register_predicates__by_role(coordinator, police_member):
    admin = user_with_role(Role.ADMIN, OrganisationFactory())
    assert permissions.can_keep_register(admin) and permissions.can_keep_register(coordinator)
    assert not permissions.can_keep_register(police_member)
    assert permissions.can_grant_role(admin, Role.ADMIN)
    assert not permissions.can_grant_role(coordinator, Role.ADMIN)
    assert permissions.can_grant_role(coordinator, Role.COORDINATOR)
    assert not permissions.can_grant_role(police_member, Role.READER)
    assert permissions.can_manage_person(coordinator, UserFactory())
    assert not permissions.can_manage_person(coordinator, UserFactory(is_superuser=True))
