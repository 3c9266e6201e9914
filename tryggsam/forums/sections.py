"""Sections of a forum's page that the apps above forums fill.

A forum's page shows its meetings (the meetings app) and its work tables (casework), but forums sit
below both in the layers (README, "Layers") and cannot import them. So each of those apps registers
its section here in its `AppConfig.ready`, and the page asks every registered section for its part
of the template context and includes its template at the section's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tryggsam.accounts.actors import Reader

if TYPE_CHECKING:
    from tryggsam.forums.models import Forum

# Where on the forum's page a section is included (forums/detail.html).
AFTER_FACTS = "after_facts"  # below the forum's facts, before its description
AFTER_DESCRIPTION = "after_description"  # below the description, before the members
SLOTS = (AFTER_FACTS, AFTER_DESCRIPTION)


@dataclass(frozen=True)
class ForumSection:
    """`context(user, forum, can_manage)` reads what the section shows (as the user, through the
    owning app's selectors, auditing what it must) and returns it as template context; `template`
    renders it with the page's context."""

    name: str
    slot: str
    template: str
    context: Callable[[Any, Forum, bool], dict[str, Any]]


_sections: dict[str, ForumSection] = {}


def register_section(section: ForumSection) -> None:
    """Called from an `AppConfig.ready`; a section registered again under its name replaces the first."""
    if section.slot not in SLOTS:
        raise ValueError(f"unknown slot of the forum page: {section.slot}")
    _sections[section.name] = section


def page_sections(user: Reader, forum: Forum, *, can_manage: bool) -> dict[str, Any]:
    """The registered sections' context for the forum's page, with `sections`: slot → templates."""
    context: dict[str, Any] = {}
    for section in _sections.values():
        context.update(section.context(user, forum, can_manage))
    context["sections"] = {slot: [s.template for s in _sections.values() if s.slot == slot] for slot in SLOTS}
    return context
