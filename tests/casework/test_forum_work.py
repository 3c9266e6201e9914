"""The forum page reads its open and closed problems in one statement (`forum_work`): the closed ones
in the order the database sorts them, only those the reader may read, and never in the work tables."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Problem
from tryggsam.casework.selectors import forum_work, problems_visible_to

pytestmark = pytest.mark.django_db


def _closed(forum, title, closed_on, **kwargs):
    problem = ProblemFactory(forum=forum, title=title, **kwargs)
    Problem.objects.filter(pk=problem.pk).update(is_closed=True, closed_on=closed_on, closed_reason=f"Skäl {title}")
    return problem


def test_forum_work__closed_problems_in_the_databases_order_for_each_reader(
    client, coordinator, police_member, partnership, district_admin
):
    ProblemFactory(forum=partnership, title="Öppet problem")
    for title, day in (("A", dt.date(2026, 3, 1)), ("B", None), ("C", dt.date(2026, 5, 1)), ("D", None)):
        _closed(partnership, title, day)
    _closed(partnership, "E", dt.date(2026, 3, 1))
    _closed(partnership, "Hemligt", dt.date(2026, 4, 1), classification="restricted", owner_organisation=district_admin)
    _closed(ProblemFactory().forum, "Annat forum", dt.date(2026, 6, 1))

    for reader in (coordinator, police_member):
        expected = list(
            problems_visible_to(reader)
            .filter(forum=partnership, is_closed=True)
            .order_by("-closed_on", "-id")
            .values_list("title", flat=True)
        )
        work = forum_work(reader, forum=partnership)
        assert [p.title for p in work.closed] == expected
        assert [r.problem.title for t in work.tables for r in t.rows] == ["Öppet problem"]
        client.force_login(reader)
        html = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
        assert [html.index(f"Skäl {t}") for t in expected] == sorted(html.index(f"Skäl {t}") for t in expected)
    assert "Hemligt" in [p.title for p in forum_work(coordinator, forum=partnership).closed]
    assert "Hemligt" not in [p.title for p in forum_work(user_with_role(Role.MEMBER), forum=partnership).closed]


def test_forum_work__open_and_closed_problems_in_one_statement(coordinator, partnership):
    ProblemFactory(forum=partnership)
    _closed(partnership, "Klart", dt.date(2026, 1, 1))
    forum_work(coordinator, forum=partnership)  # the reader's organisations, read once per request
    with CaptureQueriesContext(connection) as queries:
        forum_work(coordinator, forum=partnership)
    assert sum(q["sql"].split(" FROM ", 1)[1].startswith('"casework_problem"') for q in queries) == 1
