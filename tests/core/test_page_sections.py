"""A lower app's page shows what a higher app registered for its place, and only that."""

from __future__ import annotations

import pytest
from django.template import Context, Template, engines

from tryggsam.core import sections
from tryggsam.core.sections import PageSection, register_section, sections_at
from tryggsam.core.templatetags import page_sections


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict:
    fresh: dict = {}
    monkeypatch.setattr(sections, "_sections", fresh)
    return fresh


def test_sections_render_in_order_and_skip_those_with_nothing(registry: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = {"a.html": "[A {{ value }} {{ page_value }}]", "b.html": "[B {{ value }}]"}
    monkeypatch.setattr(page_sections, "get_template", lambda name: engines["django"].from_string(sources[name]))
    register_section(PageSection("test:page", "second", "a.html", lambda user, obj: {"value": obj * 2}, order=20))
    register_section(PageSection("test:page", "first", "b.html", lambda user, obj: {"value": obj}, order=10))
    register_section(PageSection("test:page", "empty", "b.html", lambda user, obj: None))
    register_section(PageSection("other:page", "elsewhere", "b.html", lambda user, obj: {"value": -1}))

    assert [s.name for s in sections_at("test:page")] == ["first", "second", "empty"]
    html = Template('{% load page_sections %}{% page_sections "test:page" n %}').render(
        Context({"n": 21, "page_value": "<x>"})
    )
    assert html == "[B 21][A 42 &lt;x&gt;]"


def test_a_section_registered_again_replaces_the_first(registry: dict) -> None:
    register_section(PageSection("test:page", "one", "x.html", lambda user, obj: {}))
    register_section(PageSection("test:page", "one", "y.html", lambda user, obj: {}))
    assert [s.template for s in sections_at("test:page")] == ["y.html"]
