"""The user of a request is read in one statement with their roles and whether they have a confirmed
second-factor device (accounts.backends). Nothing of it is kept between requests: a role change, a
removed membership, a deactivated account, a new or removed device count from the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.two_factor_helpers import enable, next_code
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.backends import HAS_DEVICE_ATTR, StaffModelBackend
from tryggsam.accounts.models import Membership, Role

pytestmark = pytest.mark.django_db

PAGE = "/konto/losenord/klart/"  # the base template and the middleware, nothing else
REGISTER_LINK = 'href="/konto/register/"'  # in the menu for coordinators (perms.accounts.keep_register)


def _roles_seen(client) -> dict[int, str]:
    response = client.get(PAGE)
    assert response.status_code == 200
    return permissions.roles_by_organisation(response.wsgi_request.user)


def test_request_user__a_page_reads_session_and_user_alone(client, police):
    member = user_with_role(Role.MEMBER, police)
    client.force_login(member)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    assert len(queries.captured_queries) == 2, [q["sql"] for q in queries.captured_queries]
    assert permissions.roles_by_organisation(response.wsgi_request.user) == {police.pk: Role.MEMBER}


def test_request_user__a_role_change_counts_from_the_next_request(client, police):
    member = user_with_role(Role.MEMBER, police)
    client.force_login(member)
    assert REGISTER_LINK not in client.get(PAGE).content.decode()
    Membership.objects.filter(user=member).update(role=Role.COORDINATOR)
    assert REGISTER_LINK in client.get(PAGE).content.decode()
    assert _roles_seen(client) == {police.pk: Role.COORDINATOR}
    Membership.objects.filter(user=member).update(role=Role.READER)
    assert REGISTER_LINK not in client.get(PAGE).content.decode()


def test_request_user__memberships_added_and_removed_count_from_the_next_request(client, police):
    member = user_with_role(Role.MEMBER, police)
    other = OrganisationFactory()
    client.force_login(member)
    MembershipFactory(user=member, organisation=other, role=Role.REPORTER)
    assert _roles_seen(client) == {police.pk: Role.MEMBER, other.pk: Role.REPORTER}
    Membership.objects.filter(user=member).delete()
    assert _roles_seen(client) == {}


def test_request_user__two_readers_see_their_own_roles(client, police, district_admin):
    coordinator = user_with_role(Role.COORDINATOR, district_admin)
    reader = user_with_role(Role.READER, police)
    client.force_login(coordinator)
    assert REGISTER_LINK in client.get(PAGE).content.decode()
    client.force_login(reader)
    assert REGISTER_LINK not in client.get(PAGE).content.decode()
    assert _roles_seen(client) == {police.pk: Role.READER}


def test_request_user__a_deactivated_user_is_logged_out_on_the_next_request(client, police):
    member = user_with_role(Role.MEMBER, police)
    client.force_login(member)
    assert client.get(PAGE).wsgi_request.user.is_authenticated
    member.is_active = False
    member.save(update_fields=["is_active"])
    response = client.get(PAGE)
    assert response.status_code == 302 and not response.wsgi_request.user.is_authenticated


def test_request_user__a_device_confirmed_meanwhile_ends_the_session_on_the_next_request(client, police):
    member = user_with_role(Role.MEMBER, police)
    client.force_login(member)
    assert client.get(PAGE).status_code == 200
    enable(member)
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert "_auth_user_id" not in client.session


def test_request_user__a_device_removed_meanwhile_counts_on_the_next_request(client, police):
    member = user_with_role(Role.MEMBER, police)
    device = enable(member)
    client.post("/konto/logga-in/", {"username": member.email, "password": "losenord-123"})
    client.post("/konto/logga-in/kod/", {"code": next_code(device)})
    response = client.get(PAGE)
    assert response.status_code == 200 and response.wsgi_request.user.is_verified()
    TOTPDevice.objects.filter(user=member).delete()
    response = client.get(PAGE)  # django-otp finds no device: the session is no longer verified
    assert response.status_code == 200 and not response.wsgi_request.user.is_verified()
    assert not getattr(response.wsgi_request.user, HAS_DEVICE_ATTR)


def test_backend_get_user__reads_roles_and_device_as_they_are_now(police):
    member = user_with_role(Role.MEMBER, police)
    backend = StaffModelBackend()
    loaded = backend.get_user(member.pk)
    assert loaded == member and not getattr(loaded, HAS_DEVICE_ATTR)
    assert permissions.roles_by_organisation(loaded) == {police.pk: Role.MEMBER}
    enable(member)
    Membership.objects.filter(user=member).update(role=Role.ADMIN)
    loaded = backend.get_user(member.pk)
    assert getattr(loaded, HAS_DEVICE_ATTR)
    assert permissions.roles_by_organisation(loaded) == {police.pk: Role.ADMIN}
    assert backend.get_user(member.pk + 1000) is None
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert backend.get_user(member.pk) is None


def test_backend_get_user__the_user_is_the_same_as_the_orm_reads(police):
    member = user_with_role(Role.MEMBER, police, full_name="Åsa Öberg", title="Samordnare")
    loaded = StaffModelBackend().get_user(str(member.pk))
    fresh = type(member).objects.get(pk=member.pk)
    for field in type(member)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded._state.db == "default" and not loaded._state.adding
