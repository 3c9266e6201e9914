"""`{% pk_url %}` gives the same string as `{% url %}` (it only skips the full reverse per call)."""

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix

from tryggsam.core.templatetags.pk_urls import reverse_fixed, reverse_pk

NAMES = ["casework:problem_detail", "casework:measure_detail", "casework:measure_edit", "casework:measure_status"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 7, 2147483647, 10**12])
def test_reverse_pk__equals_reverse(name, pk):
    assert reverse_pk(name, pk) == reverse(name, args=[pk])


def test_reverse_pk__follows_the_script_prefix():
    set_script_prefix("/tryggsam/")
    try:
        assert reverse_pk("casework:measure_detail", 5) == reverse("casework:measure_detail", args=[5])
        assert reverse_pk("casework:measure_detail", 5).startswith("/tryggsam/")
    finally:
        clear_script_prefix()
    assert reverse_pk("casework:measure_detail", 5) == reverse("casework:measure_detail", args=[5])


def test_pk_url__tag_renders_like_url_tag():
    ours = Template("{% load pk_urls %}{% pk_url 'casework:measure_edit' pk %}").render(Context({"pk": 42}))
    django = Template("{% url 'casework:measure_edit' pk %}").render(Context({"pk": 42}))
    assert ours == django


def test_reverse_pk__refuses_what_is_not_a_number():
    with pytest.raises((TypeError, ValueError)):
        reverse_pk("casework:measure_detail", "1/../2")  # type: ignore[arg-type]


MENU = ["home:start", "forums:list", "meetings:list", "situation:picture", "accounts:logout", "set_language"]


@pytest.mark.parametrize("name", MENU)
def test_reverse_fixed__equals_reverse(name):
    assert reverse_fixed(name) == reverse(name)


def test_reverse_fixed__follows_the_script_prefix():
    before = reverse_fixed("forums:list")
    set_script_prefix("/tryggsam/")
    try:
        assert reverse_fixed("forums:list") == reverse("forums:list") == "/tryggsam" + before
    finally:
        clear_script_prefix()
    assert reverse_fixed("forums:list") == before


def test_fixed_url__tag_renders_like_url_tag():
    ours = Template("{% load pk_urls %}{% fixed_url 'accounts:two_factor_setup' %}").render(Context())
    assert ours == Template("{% url 'accounts:two_factor_setup' %}").render(Context())
