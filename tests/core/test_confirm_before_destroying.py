"""Every form that deletes, removes, ends, archives, discards, closes, merges or deactivates asks first
(data-confirm, handled once in static/js/tryggsam.js), and none of those URLs does anything on GET."""

import re
from pathlib import Path

import pytest
from django.urls import get_resolver

TEMPLATES = Path(__file__).resolve().parents[2] / "tryggsam" / "templates"
DESTRUCTIVE = re.compile(r"(delete|remove|_end$|archive$|discard|close|merge|dismiss)")
FORM = re.compile(r"<form\b[^>]*?\{% url '(?P<name>[a-z_]+:[a-z_]+)'[^>]*>", re.S)


def _destructive_forms():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in FORM.finditer(path.read_text(encoding="utf-8")):
            if DESTRUCTIVE.search(match["name"].split(":")[1]):
                yield path.relative_to(TEMPLATES), match["name"], match.group(0)


def test_destructive_forms__found():
    names = {name for _, name, _ in _destructive_forms()}
    assert {"accounts:membership_end", "forums:member_remove", "plans:focus_area_delete", "forums:archive"} <= names


@pytest.mark.parametrize(("template", "name", "tag"), list(_destructive_forms()), ids=lambda v: str(v)[:60])
def test_destructive_form__asks_for_confirmation(template, name, tag):
    assert 'data-confirm="' in tag, f"{template}: {name}"
    assert 'method="post"' in tag


def test_deactivate_form__asks_for_confirmation():
    text = (TEMPLATES / "accounts" / "register.html").read_text(encoding="utf-8")
    deactivate = re.search(
        r'<form[^>]*organisation_active[^>]*>\{% csrf_token %\}\s*<input type="hidden" name="active" value="0">', text
    )
    assert deactivate and "data-confirm" in deactivate.group(0)


@pytest.mark.django_db
def test_destructive_urls__refuse_get(client, coordinator):
    from django.urls import reverse

    client.force_login(coordinator)
    names = {name for _, name, _ in _destructive_forms()}
    resolver = get_resolver()
    for name in names:
        namespace, url_name = name.split(":")
        pattern = resolver.namespace_dict[namespace][1].reverse_dict.getlist(url_name)[0][0][0]
        kwargs = {param: ("x" if param == "token" else 1) for param in pattern[1]}
        assert client.get(reverse(name, kwargs=kwargs)).status_code in {404, 405}, name
