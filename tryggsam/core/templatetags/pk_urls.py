"""`{% pk_url "app:name" obj.pk %}`: the URL of a pattern with one integer argument, without a full
`reverse()` per call; `{% fixed_url "app:name" %}` the same for a pattern without arguments (the menu
of every page: fifteen `reverse()` calls per request).

A work table of 150 rows reversed five URLs per row (750 `reverse()` calls, about a sixth of the
page's CPU). The pattern is reversed once per process (and script prefix and URLconf) with a sentinel
argument; each call then only puts the number in. The output is the same string `{% url %}` gives.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_SENTINEL = "2147483647"


@lru_cache(maxsize=256)
def _around(name: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    url = reverse(name, args=[int(_SENTINEL)], urlconf=urlconf)
    if url.count(_SENTINEL) != 1:  # pragma: no cover - a pattern whose other text holds the sentinel
        raise ValueError(f"{name}: cannot place the argument in {url}")
    head, _, tail = url.partition(_SENTINEL)
    return head, tail


def reverse_pk(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a pattern whose one argument is `<int:…>`."""
    head, tail = _around(name, get_script_prefix(), get_urlconf())
    return f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=256)
def _fixed(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)


def reverse_fixed(name: str) -> str:
    """`reverse(name)` for a pattern without arguments, once per process, script prefix and URLconf."""
    return _fixed(name, get_script_prefix(), get_urlconf())


@register.simple_tag
def fixed_url(name: str) -> str:
    return reverse_fixed(name)


@register.simple_tag
def pk_url(name: str, pk: int) -> str:
    return reverse_pk(name, pk)
