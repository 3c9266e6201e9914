"""The forum's page reads what it shows of the forum and its members: not the area's boundary, not
the members' whole user rows (password hashes and all); and shows the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AreaFactory, ForumFactory, ForumMemberFactory, OrganisationFactory
from tryggsam.forums.models import ForumRole
from tryggsam.forums.selectors import forum_members, forum_page_forum

pytestmark = pytest.mark.django_db


def test_forum_page__members_and_area_read_as_shown(client, coordinator):
    forum = ForumFactory(area=AreaFactory(name="Torget <Söder>"), parent=ForumFactory(name="Styrgruppen"))
    school = OrganisationFactory(name="Skolan & co")
    ForumMemberFactory(forum=forum, user__full_name="Bo Ordförande", role=ForumRole.CHAIR, title="Rektor")
    ForumMemberFactory(forum=forum, user=None, organisation=school)
    ForumMemberFactory(forum=forum, user__full_name="Ada Medlem", user__title="Polis", organisation=school)

    members = list(forum_members(coordinator, forum))
    assert all("password" in m.user.get_deferred_fields() for m in members if m.user)
    assert "geometry" in forum_page_forum(coordinator, forum.pk).area.get_deferred_fields()

    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("forums:detail", args=[forum.pk])).content.decode()
    assert not any('"geometry"' in q["sql"] for q in queries)
    assert not any('"password"' in q["sql"] for q in queries if "forums_forummember" in q["sql"])
    assert "Torget &lt;Söder&gt;" in html and "Styrgruppen" in html
    for shown in ("<td>Bo Ordförande</td><td>Rektor</td><td>–</td>", "<td>–</td><td></td><td>Skolan &amp; co</td>"):
        assert shown in html
    assert "<td>Ada Medlem</td><td>Polis</td><td>Skolan &amp; co</td>" in html
