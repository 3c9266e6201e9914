"""Issue 16: an API token's principal user is not a person. Even when it has a membership or a forum
seat (it never should), it is left out of every list where people are shown or chosen, through the
one filter `permissions.real_people_q`, and its address cannot be invited as a person."""

import pytest
from django.urls import reverse

from tests.factories import ForumFactory, ForumMemberFactory, MembershipFactory, OrganisationFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role, User
from tryggsam.accounts.services import user_invite
from tryggsam.api import services
from tryggsam.casework.forms import MeasureForm
from tryggsam.core.errors import ServiceError
from tryggsam.forums.forms import ForumMemberForm
from tryggsam.forums.models import Forum
from tryggsam.forums.selectors import forum_people
from tryggsam.meetings.forms import MeetingForm


@pytest.fixture
def seated_token(db):
    organisation = OrganisationFactory(name="Larmbolaget")
    admin = user_with_role(Role.ADMIN, organisation, full_name="Ada Administratör")
    token, _secret = services.create_token(actor=admin, organisation=organisation, name="Larm", scopes=["read"])
    principal = token.principal
    MembershipFactory(user=principal, organisation=organisation, role=Role.MEMBER)
    forum = ForumFactory()
    ForumMemberFactory(forum=forum, user=principal)
    ForumMemberFactory(forum=forum, user=admin)
    return admin, principal, forum


def test_people_lists__leave_out_the_tokens_principal(seated_token, client):
    admin, principal, forum = seated_token
    assert principal.email.endswith("@api.invalid")
    assert not User.objects.filter(permissions.real_people_q()).filter(pk=principal.pk).exists()
    lists = {
        "ansvarig person": MeasureForm().fields["responsible_user"].queryset,
        "forummedlem": ForumMemberForm().fields["user"].queryset,
        "ordförande": MeetingForm(forums=Forum.objects.all()).fields["chair"].queryset,
        "forumets folk": forum_people(Forum.objects.filter(pk=forum.pk)),
    }
    for name, people in lists.items():
        assert admin in people, name
        assert principal not in people, name
    client.force_login(admin)
    page = client.get(reverse("accounts:register"))
    assert page.status_code == 200
    assert "Ada Administratör" in page.content.decode()
    assert principal.full_name not in page.content.decode()


def test_invite__a_tokens_address_is_refused(seated_token):
    admin, principal, _forum = seated_token
    with pytest.raises(ServiceError, match="API-nyckel"):
        user_invite(
            acting_user=admin,
            email=principal.email,
            full_name="Någon",
            organisation=OrganisationFactory(),
            role=Role.MEMBER,
            base_url="http://testserver",
        )
