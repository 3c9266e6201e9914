"""The forum page's work tables read a fixed number of queries, whatever the number of rows: a query
per row (an N+1) would cost a 150-row table 150 round trips."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import FollowUpFactory, MeasureFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.models import Classification

pytestmark = pytest.mark.django_db


def _add_rows(forum, owner, partner, n):
    for i in range(n):
        problem = ProblemFactory(forum=forum, owner_organisation=owner, area=None)
        for c in (Classification.INTERNAL, Classification.RESTRICTED):
            measure = MeasureFactory(problem=problem, classification=c, responsible_organisation=owner)
            measure.participating_organisations.add(partner)
            FollowUpFactory(measure=measure)
        if i % 3 == 0:
            ProblemFactory(forum=forum, owner_organisation=owner, area=None)  # a row without a measure


def _queries(client, forum) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("forums:detail", args=[forum.pk]))
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.COORDINATOR])
def test_work_table__queries_do_not_grow_with_the_rows(client, partnership, police, district_admin, role):
    user = user_with_role(role, police)
    client.force_login(user)
    _add_rows(partnership, police, district_admin, 2)
    few = _queries(client, partnership)
    _add_rows(partnership, police, district_admin, 10)
    many = _queries(client, partnership)
    assert many == few
