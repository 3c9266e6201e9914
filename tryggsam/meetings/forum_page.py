"""The forum page's next meetings and proposed meeting dates, a section registered with forums
(`forums.sections`) in `MeetingsConfig.ready`: forums sit below meetings and cannot read them themselves."""

from __future__ import annotations

from typing import Any

from tryggsam.accounts.actors import Reader
from tryggsam.forums.models import Forum
from tryggsam.forums.sections import AFTER_FACTS, ForumSection
from tryggsam.meetings.recurrence import propose_dates
from tryggsam.meetings.selectors import next_meetings


def meetings_context(user: Reader, forum: Forum, can_manage: bool) -> dict[str, Any]:
    """The forum's next meetings the user may see; to those who manage an active forum, dates proposed
    from its cadence."""
    return {
        "next_meetings": next_meetings(user, forums=[forum.pk], limit=4),
        "proposals": propose_dates(forum, count=3) if can_manage and forum.is_active else [],
    }


MEETINGS = ForumSection(
    name="meetings",
    slot=AFTER_FACTS,
    template="meetings/_forum_meetings.html",
    context=meetings_context,
)
