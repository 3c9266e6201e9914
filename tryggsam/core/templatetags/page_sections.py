"""`{% page_sections "place" obj %}`: renders every section registered for the place (core/sections.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from tryggsam.core.sections import sections_at

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, place: str, obj: Any) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    parts = []
    for section in sections_at(place):
        extra = section.context(user, obj)
        if extra is None:
            continue
        values: dict[str, Any] = {str(k): v for k, v in context.flatten().items()}
        values.update(extra)
        parts.append(get_template(section.template).render(values, request))
    # Each part is a template rendered with autoescape on.
    return mark_safe("".join(parts))
