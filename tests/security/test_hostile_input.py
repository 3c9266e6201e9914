"""Random and hostile input to every page and API operation never gives a server error.

Each URL of the authorisation matrix is fetched as the most privileged users; the names of the form
fields in the response (plus common ones) are then posted with hostile values: long strings, control
characters, script tags, SQL fragments, broken dates and numbers, and odd Unicode."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
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


# Every form on every page, filled with values that have broken things before: NUL bytes and control
# characters (PostgreSQL refuses NUL in text), integers past a 64-bit id, 200 kB strings, and personal
# identity numbers spelt with Unicode dashes and spaces (the guard must catch them, never crash).
SWEEP_VALUES = [
    "\x00",
    "tips\x00text",
    "\x01\x02\x0b\x0c\x1b\x7f",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "x" * 200_000,
    "811218–9876",  # en dash
    "811218 - 9876",
    "19811218－9876",  # full-width hyphen-minus
    "811218\u00a0\u20099876",  # no-break and thin space
]
# Hidden form fields that are not the user's input but name the record (the sweep fills them too).
MAX_POST_BYTES = 4_000_000


class _Forms(HTMLParser):
    """The forms of a page: (method, action, field names)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, list[str]]] = []
        self._current: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = (a.get("method", "get").lower(), a.get("action", ""), [])
            self.forms.append(self._current)
        elif tag in {"input", "select", "textarea", "button"} and self._current is not None:
            name = a.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self._current[2]:
                self._current[2].append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _page_forms(html: str) -> list[tuple[str, str, list[str]]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _chunks(names: list[str], value: str) -> list[list[str]]:
    """The field names in groups small enough that a post stays under Django's upload limit."""
    per = max(1, MAX_POST_BYTES // max(1, len(value) * 3))
    return [names[i : i + per] for i in range(0, len(names), per)] or [[]]


@pytest.fixture
def sweep_world(world):  # noqa: F811
    """The matrix world with what the meeting page needs to show its per-row forms."""
    from tryggsam.meetings.models import AgendaItem, Attendance

    for c in ("open", "restricted"):
        meeting = world.obj("meeting", c)
        AgendaItem.objects.create(meeting=meeting, heading=f"Punkt {c}", position=1)
        Attendance.objects.create(meeting=meeting, name=f"Gäst {c}", is_guest=True)
    return world


def test_hostile_input__every_form_field_of_every_page(client, sweep_world):
    """Each HTML page of the URL conf, as the owning organisation's coordinator; every form found on
    it is submitted (by its own method, to its own action) with each sweep value in every field."""
    actor = next(a for a in ACTORS if a.key == "coordinator@own")
    client.force_login(sweep_world.user(actor))
    client.raise_request_exception = False  # collect every failure, not only the first
    failures: list[str] = []
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for name in sorted(RULES):
        rule = RULES[name]
        if rule.method != "get":
            continue
        for c in ("open", "restricted"):
            url = _url(name, rule, sweep_world, c)
            page = client.get(url)
            if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
                continue
            for method, action, names in _page_forms(page.content.decode(errors="ignore")):
                target = action or url.split("?")[0]
                if target.startswith(("http:", "https:", "/admin/", "/i18n/")):
                    continue
                key = (method, target, tuple(names))
                if key in seen:
                    continue
                seen.add(key)
                for value in SWEEP_VALUES:
                    for group in _chunks(names, value):
                        data = dict.fromkeys(group, value)
                        send = client.post if method == "post" else client.get
                        response = send(target, data, HTTP_HX_REQUEST="true")
                        if response.status_code >= 500:
                            failures.append(f"{method.upper()} {target} {sorted(data)} = {value[:30]!r}")
    assert seen, "inga formulär hittades"
    assert not failures, "\n".join(failures)


HUGE_IDS = ["9223372036854775808", "99999999999999999999"]
QUERY_NAMES = ("q", "text", "visa", "omrade", "matt", "forum", "area", "district", "category", "sida", "next",
               "level", "status", "start", "end", "from", "to", "offentlig", "polygon")  # fmt: skip


def test_hostile_input__huge_ids_and_nul_bytes_in_paths_and_query_strings(client, world):  # noqa: F811
    """Ids past a 64-bit integer in the path and in the query string, and NUL bytes in the query
    string, answer a client error on every URL, never a server error (PostgreSQL refuses NUL in text,
    SQLite cannot bind an integer past 64 bits)."""
    actor = next(a for a in ACTORS if a.key == "coordinator@own")
    client.force_login(world.user(actor))
    client.raise_request_exception = False
    failures: list[str] = []
    for name in sorted(RULES):
        rule = RULES[name]
        send = getattr(client, rule.method)
        url = _url(name, rule, world, "open")
        for value in ("\x00", "a\x00b", *HUGE_IDS, "-9223372036854775809"):
            response = send(url.split("?")[0], dict.fromkeys(QUERY_NAMES, value))
            if response.status_code >= 500:
                failures.append(f"{name}: {rule.method.upper()} {url.split('?')[0]} ?…={value!r}")
        if rule.obj and rule.kwarg == "pk":
            for huge in HUGE_IDS:
                kwargs = {**(rule.fixed_kwargs or {}), "pk": huge}
                path = reverse(name, kwargs={"pk": 1, **{k: v for k, v in kwargs.items() if k != "pk"}})
                path = path.replace("/1/", f"/{huge}/", 1)
                response = send(path)
                if response.status_code >= 500:
                    failures.append(f"{name}: {rule.method.upper()} {path}")
        elif rule.obj and rule.kwarg:
            for huge in HUGE_IDS:
                obj_pk = str(world.obj(rule.obj, "open").pk)
                path = url.split("?")[0].replace(f"/{obj_pk}/", f"/{huge}/", 1)
                response = send(path)
                if response.status_code >= 500:
                    failures.append(f"{name}: {rule.method.upper()} {path}")
    assert not failures, "\n".join(failures)
