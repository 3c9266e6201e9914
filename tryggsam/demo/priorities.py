"""The council's prioritisation in the demo: a priority list for the last ended tertial, started from
the suggested ranking (the three areas it puts first, each with the ranking's reasons, or a sentence
of our own where the rule gave none). It is decided in the council's latest meeting that has already
been held and whose minutes are still open (demo.held_meeting: the minutes are approved after this),
under the standard agenda's situation item, or under an item of its own if the agenda has none;
without such a meeting the list stays a draft for the coming meeting to decide."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.forums.models import Forum
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.services import decision_decide_priorities, item_add
from tryggsam.priorities.models import PriorityList
from tryggsam.priorities.periods import Rhythm, last_ended
from tryggsam.priorities.selectors import priority_table
from tryggsam.priorities.services import priority_list_create
from tryggsam.priorities.table import council_areas

DEMO_ENTRIES = 3


def create_demo_priorities(*, council: Forum, today: dt.date) -> PriorityList | None:
    period = last_ended(Rhythm.TERTIAL, today)
    existing = PriorityList.objects.filter(council=council, year=period.year, number=period.number).first()
    if existing is not None:
        return existing
    table = priority_table(DEMO_SYSTEM, council, period)
    areas = {a.pk: a for a in council_areas(council)}
    chosen = sorted(table.rows, key=lambda r: r.suggested_rank)[:DEMO_ENTRIES]
    if not chosen:
        return None
    entries = [
        (areas[row.area_id], "; ".join(row.reasons or []) or _("Rådet vill följa området närmare under perioden."))
        for row in chosen
    ]
    draft = priority_list_create(actor=DEMO_SYSTEM, council=council, period=period, entries=entries, today=today)
    held = Meeting.objects.filter(forum=council, date__lt=today, approved_at__isnull=True).order_by("-date").first()
    if held is None:
        return draft
    item = held.items.filter(depth=0, heading=_("Lägesbild och prioriterade områden")).first()
    if item is None:
        item = item_add(actor=DEMO_SYSTEM, meeting=held, heading=_("Prioriterade områden för kommande period"))
    decision_decide_priorities(actor=DEMO_SYSTEM, item=item, priority_list=draft)
    draft.refresh_from_db()
    return draft
