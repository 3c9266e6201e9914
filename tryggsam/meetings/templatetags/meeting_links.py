"""Links from casework's pages back to the meeting decisions about a measure.

Casework sits below meetings and must not import it (the meeting side knows casework, not the other way
round), yet a measure's page should say which decision created or changed it. A tag registered here keeps
that knowledge on the meeting side: casework's templates `{% load meeting_links %}` and its views stay
unaware of meetings, and the tag reads through `selectors.decisions_about` with the request's user, so
only decisions the user may read are listed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from tryggsam.meetings import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def decisions_about(context: template.Context, measures: Any) -> list[selectors.DecisionLink]:
    """`{% decisions_about measure as links %}` or with an iterable of measures (a problem's)."""
    request = context.get("request")
    if request is None:
        return []
    rows: Iterable[Any] = measures if hasattr(measures, "__iter__") else [measures]
    return selectors.decisions_about(request.user, list(rows))
