"""The register kept by the administrator (and the coordinator: test_register_coordinator.py) in the UI: organisations, invitations with a one-time link,
roles and ended memberships — each change with its audit row."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts.models import Membership, Organisation, Role, User
from tryggsam.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return user_with_role(Role.ADMIN, OrganisationFactory(name="Kommunen"))


def test_invite__account_membership_and_a_one_time_link_that_sets_a_password(
    client, admin_user, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Bostadsbolaget")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invite"),
            {
                "email": "Ny.Person@Bolaget.se",
                "full_name": "Ny Person",
                "organisation": organisation.pk,
                "role": Role.MEMBER,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@bolaget.se")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.MEMBER
    assert AuditEvent.objects.filter(object_type="accounts.membership", actor=admin_user).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Kvällsdopp-vid-kajen-77", "new_password2": "Kvällsdopp-vid-kajen-77"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kvällsdopp-vid-kajen-77")
    assert (
        client.get("/" + path, follow=True).redirect_chain == []
        or "ogiltig" in client.get("/" + path).content.decode().lower()
    )


def test_invite__same_person_twice_in_one_organisation_refused(client, admin_user):
    organisation = OrganisationFactory()
    member = user_with_role(Role.MEMBER, organisation, email="finns@x.se")
    client.force_login(admin_user)
    data = {"email": member.email, "full_name": "X", "organisation": organisation.pk, "role": Role.MEMBER}
    response = client.post(reverse("accounts:invite"), data)
    assert response.status_code == 400 and "är redan med" in response.content.decode()


def test_role_change_and_end_of_membership__audited_history_kept(client, admin_user):
    organisation = OrganisationFactory()
    person = user_with_role(Role.MEMBER, organisation)
    membership = person.memberships.get()
    client.force_login(admin_user)
    client.post(reverse("accounts:membership_role", args=[membership.pk]), {"role": Role.COORDINATOR})
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
    event = AuditEvent.objects.filter(object_type="accounts.membership", object_id=str(membership.pk)).latest("id")
    assert event.changes["role"] == [Role.MEMBER, Role.COORDINATOR] and event.actor == admin_user
    client.post(reverse("accounts:membership_end", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=person.pk).exists()


def test_organisation_add__audited(client, admin_user):
    client.force_login(admin_user)
    client.post(reverse("accounts:organisation_add"), {"name": "Räddningstjänsten Syd", "kind": "fire_and_rescue"})
    organisation = Organisation.objects.get(name="Räddningstjänsten Syd")
    assert AuditEvent.objects.filter(object_type="accounts.organisation", object_id=str(organisation.pk)).exists()


def test_register__member_neither_sees_nor_reaches_it(client, police_member):
    client.force_login(police_member)
    assert client.get(reverse("accounts:register")).status_code == 403
    assert "Organisationer och personer" not in client.get("/").content.decode()


def test_register__coordinator_sees_and_reaches_it(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts:register")).status_code == 200
    assert "Organisationer och personer" in client.get("/").content.decode()
