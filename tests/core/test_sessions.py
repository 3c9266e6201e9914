"""The session engine reads the same rows as Django's database sessions: an expired, logged-out or
deleted session counts from the very next request."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.sessions import SessionStore

pytestmark = pytest.mark.django_db

PAGE = "/konto/losenord/klart/"


def test_session_engine__is_ours():
    assert settings.SESSION_ENGINE == "tryggsam.core.sessions"


def test_session_store__reads_what_django_reads():
    store = SessionStore()
    store["answer"] = 42
    store.save()
    assert SessionStore(store.session_key).load() == DjangoSessionStore(store.session_key).load() == {"answer": 42}
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == DjangoSessionStore(store.session_key).load() == {}
    assert expired.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_session__an_expired_session_is_logged_out_on_the_next_request(client, police):
    client.force_login(user_with_role(Role.MEMBER, police))
    assert client.get(PAGE).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(PAGE)
    assert response.status_code == 302 and not response.wsgi_request.user.is_authenticated


def test_session__a_logout_elsewhere_ends_it_on_the_next_request(client, police):
    client.force_login(user_with_role(Role.MEMBER, police))
    assert client.get(PAGE).status_code == 200
    SessionStore(client.session.session_key).delete()  # the same session logged out in another tab
    assert client.get(PAGE).status_code == 302


def test_session__logout_ends_it(client, police):
    client.force_login(user_with_role(Role.MEMBER, police))
    key = client.session.session_key
    client.post("/konto/logga-ut/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(PAGE).status_code == 302
