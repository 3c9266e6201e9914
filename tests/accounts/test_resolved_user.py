"""The views get the user itself, not django's lazy proxies (every attribute read through them costs
calls, and the policy module reads the user thousands of times on a work table)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import LazyObject

from tests.factories import user_with_role
from tryggsam.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_resolved_user__a_logged_in_user_is_the_user_itself(client, police):
    user = user_with_role(Role.MEMBER, police)
    client.force_login(user)
    response = client.get("/")
    seen = response.wsgi_request.user
    assert not isinstance(seen, LazyObject)
    assert type(seen) is User and seen.pk == user.pk
    assert callable(seen.is_verified)  # django-otp's attribute survives


def test_resolved_user__a_visitor_is_anonymous(client):
    response = client.get("/")
    assert not isinstance(response.wsgi_request.user, LazyObject)
    assert isinstance(response.wsgi_request.user, AnonymousUser)
