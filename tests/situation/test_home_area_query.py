"""A member's picture opens on the area of their forums without a query of its own; the map data and
the report links must then ask for that area and period, not for nothing (they answered 400)."""

from __future__ import annotations

import html
import re

import pytest

from tests.factories import SQUARE, AreaFactory, ForumFactory, ForumMemberFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.places.models import AreaLevel


@pytest.mark.django_db
def test_picture_on_the_home_area_asks_the_map_and_reports_for_that_area(client) -> None:
    parent = AreaFactory(name="Söderort", level=AreaLevel.DISTRICT_AREA, geometry="")
    district = AreaFactory(name="Hemby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)
    member = user_with_role(Role.MEMBER)
    ForumMemberFactory(forum=ForumFactory(area=district), user=member)
    client.force_login(member)

    page = client.get("/lagesbild/bild/").content.decode()
    urls = [
        html.unescape(u)
        for u in re.findall(r'(?:data-url|href)="(/lagesbild/bild/(?:karta\.json|rapport\.\w+)\?[^"]*)"', page)
    ]
    assert len(urls) == 3, urls
    for url in urls:
        assert f"area={district.pk}" in url and "start=" in url and "end=" in url
        assert client.get(url).status_code == 200
