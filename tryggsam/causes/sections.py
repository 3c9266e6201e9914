"""What the cause analysis shows on the pages of lower apps (core/sections.py, forums/sections.py):
the tree, compactly, on a problem's page and in each focus area of a plan, and a link to the causes
without measures (and measures without a cause) on a forum's and a plan's page."""

from __future__ import annotations

from typing import Any

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.causes import selectors
from tryggsam.causes.links import tree_url
from tryggsam.core.sections import PageSection
from tryggsam.forums.sections import AFTER_DESCRIPTION, ForumSection


def _tree_context(user: Reader, owner: Any) -> dict[str, Any] | None:
    """The owner's tree as the user may read it; None (no section) when there is nothing to show and
    nothing the user could add."""
    if user is None or not permissions.can_view_causes(user, owner):
        return None
    tree = selectors.tree_view(user, owner)
    if not tree.nodes and not tree.can_edit:
        return None
    return {"cause_tree": tree, "cause_tree_url": tree_url(owner)}


def _plan_context(user: Reader, plan: Any) -> dict[str, Any] | None:
    if user is None or not permissions.is_collaboration_member(user) or not permissions.can_view(user, plan):
        return None
    return {"causes_plan": plan}


def _forum_context(user: Reader, forum: Any, can_manage: bool) -> dict[str, Any]:
    return {"causes_gaps_link": bool(permissions.is_collaboration_member(user))}


PROBLEM_TREE = PageSection(
    place="casework:problem", name="causes", template="causes/_section_tree.html", context=_tree_context, order=10
)
FOCUS_AREA_TREE = PageSection(
    place="plans:focus_area", name="causes", template="causes/_section_tree.html", context=_tree_context, order=10
)
PLAN_GAPS = PageSection(place="plans:plan", name="causes", template="causes/_section_plan.html", context=_plan_context)
FORUM_GAPS = ForumSection(
    name="causes", slot=AFTER_DESCRIPTION, template="causes/_section_forum.html", context=_forum_context
)
