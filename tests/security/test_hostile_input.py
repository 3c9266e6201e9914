"""Random and hostile input to every page and API operation never gives a server error.

Each URL of the authorisation matrix is fetched as the most privileged users; the names of the form
fields in the response (plus common ones) are then posted with hostile values: long strings, control
characters, script tags, SQL fragments, broken dates and numbers, and odd Unicode."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_authorisation_matrix import RULES, _url, world  # noqa: F401 - fixture
from tests.security.world import ACTORS

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE casework_measure; --",
    '" OR 1=1 --',
    "x" * 20_000,
    "\x00\x01\x02\x1b[31m",
    "../../../../etc/passwd",
    "%s%s%n{0}{{7*7}}",
    "2026-13-45",
    "-99999999999999999999",
    "ﷺ𝕋𝕣𝕪𝕘𝕘‮Ärende",
    "",
]
COMMON = [
    "title",
    "text",
    "note",
    "status",
    "version",
    "date",
    "next_follow_up",
    "q",
    "kind",
    "code",
    "forum",
    "organisation",
]
_NAME = re.compile(r'name="([A-Za-z0-9_\-]+)"')
PRIVILEGED = [a for a in ACTORS if a.key in {"coordinator@own", "admin@own", "member@other"}]


def _field_names(html: str) -> list[str]:
    return sorted({n for n in _NAME.findall(html) if n not in {"csrfmiddlewaretoken"}} | set(COMMON))


@pytest.mark.parametrize("name", sorted(RULES))
def test_hostile_input__no_server_error(client, world, name):  # noqa: F811
    rule = RULES[name]
    for actor in PRIVILEGED:
        client.force_login(world.user(actor))
        for c in ("open", "restricted"):
            url = _url(name, rule, world, c)
            page = client.get(url)
            assert page.status_code < 500, (actor.key, url, page.status_code)
            names = _field_names(page.content.decode(errors="ignore")) if page.status_code == 200 else COMMON
            for value in HOSTILE:
                response = client.post(url, dict.fromkeys(names, value))
                assert response.status_code < 500, (actor.key, url, value[:40], response.status_code)
            response = client.get(url, dict.fromkeys(("q", "text", "visa", "omrade", "matt", "forum"), HOSTILE[0]))
            assert response.status_code < 500, (actor.key, url)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), number=st.integers())
def test_hostile_input__random_values_to_the_work_table(client, world, text, number):  # noqa: F811
    coordinator = world.user(next(a for a in ACTORS if a.key == "coordinator@own"))
    client.force_login(coordinator)
    measure = world.obj("measure", "internal")
    for url in (f"/arbete/atgard/{measure.pk}/status/", f"/arbete/atgard/{measure.pk}/andra/"):
        response = client.post(
            url,
            {"version": number, "status": text, "note": text, "title": text, "classification": text},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code < 500
