"""The incident list's status filter (and the exports, which read the same form) offers only statuses
the reader can ever see: a tip awaiting review is shown only to those who review tips, a tip sent to an
organisation also to its members, so a reader is never offered a status that always comes back empty."""

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.incidents.forms import IncidentFilterForm

pytestmark = pytest.mark.django_db


def _offered(user) -> list[str]:
    return [str(value) for value, _label in IncidentFilterForm(user=user).fields["status"].choices]


def test_filter_form__a_member_is_not_offered_tips_awaiting_review(police_member):
    offered = _offered(police_member)
    assert "pending" not in offered
    assert offered == ["", "routed", "reviewed", "dismissed", "duplicate"]  # routed: their queue


def test_filter_form__a_reader_without_a_queue_is_offered_neither_awaiting_status(police):
    reader = user_with_role(Role.READER, police, full_name="Lo Läsare")
    assert _offered(reader) == ["", "reviewed", "dismissed", "duplicate"]


def test_filter_form__a_coordinator_is_offered_every_status(coordinator):
    assert _offered(coordinator) == ["", "pending", "routed", "reviewed", "dismissed", "duplicate"]


def test_list_page__the_member_sees_no_awaiting_review_option(client, police_member):
    client.force_login(police_member)
    body = client.get(reverse("incidents:list")).content.decode()
    assert 'value="reviewed"' in body
    assert 'value="pending"' not in body


def test_export__a_status_the_reader_cannot_see_is_refused(client, police_member):
    client.force_login(police_member)
    response = client.get(reverse("incidents:export_csv"), {"status": "pending"})
    assert response.status_code == 400


def test_predicate__agrees_with_the_visibility_rule(coordinator, police_member):
    assert permissions.can_see_incidents_in_review_status(coordinator, "pending")
    assert not permissions.can_see_incidents_in_review_status(police_member, "pending")
    assert permissions.can_see_incidents_in_review_status(police_member, "reviewed")
