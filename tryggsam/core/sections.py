"""Sections of a page that apps above the page's own app fill.

A lower app's page sometimes shows what a higher app keeps: a problem's page (casework) shows its cause
tree (causes) and goals (goals), a measure's page its effect (effects), the situation picture the
council's priorities (priorities). The lower app cannot import the higher one (README, "Layers"), so
the page names a place with `{% page_sections "casework:problem" problem %}` and each higher app
registers a `PageSection` for that place in its `AppConfig.ready`. The page's own app knows nothing
of who fills it.

Places in use (the template, the object passed):
- "casework:problem" (casework/problem_detail.html, the Problem)
- "casework:measure" (casework/measure_detail.html, the Measure)
- "plans:plan" (plans/detail.html, the ActionPlan), "plans:focus_area" (inside each focus area's card,
  the FocusArea)
- "situation:picture" (situation/picture.html, the picture: `picture.area` is None for a drawn polygon)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageSection:
    """`context(user, obj)` reads what the section shows, as the user, through the owning app's
    selectors (auditing what it must), and returns the template's context — or None when the
    section has nothing to show this user. `template` is rendered with the page's context plus it."""

    place: str
    name: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


_sections: dict[tuple[str, str], PageSection] = {}


def register_section(section: PageSection) -> None:
    """Called from an `AppConfig.ready`; a section registered again under its name replaces the first."""
    _sections[(section.place, section.name)] = section


def sections_at(place: str) -> list[PageSection]:
    """The sections registered for a place, in their order."""
    return sorted((s for (p, _), s in _sections.items() if p == place), key=lambda s: (s.order, s.name))
