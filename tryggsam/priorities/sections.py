"""What the prioritisation shows on lower apps' pages (core.sections), registered in `PrioritiesConfig.ready`."""

from __future__ import annotations

from typing import Any

from tryggsam.accounts.actors import Reader
from tryggsam.core.sections import PageSection
from tryggsam.priorities.selectors import priorities_for_picture


def _picture_context(user: Reader, picture: Any) -> dict[str, Any] | None:
    """The decided priorities of the councils the picture concerns, as the user may read them."""
    if user is None or picture is None:
        return None
    found = priorities_for_picture(user, getattr(picture, "area", None))
    return {"council_priorities": found} if found else None


PICTURE = PageSection(
    place="situation:picture",
    name="priorities",
    template="priorities/_picture_section.html",
    context=_picture_context,
)
