"""Reads of the prioritisation, always as the user: who may see what is decided by the policy
(accounts.permissions: can_view_priority_table, can_view_priority_list); what the table counts is
read through the incidents' and casework's own selectors (see `table`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.core.compiled import CompiledQueries
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.priorities import ranking
from tryggsam.priorities.models import PriorityList, PrioritySettings, PriorityStatus
from tryggsam.priorities.periods import Period, Rhythm, last_ended
from tryggsam.priorities.table import AreaRow, PriorityTable, build_table


def councils_visible_to(user: Reader) -> QuerySet[Forum]:
    """The councils whose prioritisation the user may see (none for a visitor)."""
    if not permissions.is_collaboration_member(user):
        return Forum.objects.none()
    return Forum.objects.filter(permissions.visible_q(user, Forum), kind=ForumKind.COUNCIL).order_by("name", "id")


def council_for(user: Reader, pk: int) -> Forum:
    """A council whose table the user may see, or 404 (a forum of another kind and one the user may
    not read answer the same)."""
    council = one_visible_or_404(user, councils_visible_to(user).select_related("area"), pk)
    if not permissions.can_view_priority_table(user, council):
        raise Http404
    return council


def rhythm_of(council: Forum) -> str:
    """The council's rhythm: its setting, or tertial when none is stored."""
    setting = PrioritySettings.objects.filter(council=council).values_list("rhythm", flat=True).first()
    return setting or Rhythm.TERTIAL


def default_period(council: Forum, today: dt.date | None = None) -> Period:
    """The period just ended in the council's rhythm."""
    return last_ended(rhythm_of(council), today or timezone.localdate())


def priority_table(user: Reader, council: Forum, period: Period) -> PriorityTable:
    """The council's areas for `period` with counts, tests, partners' reports, surveys, open problems
    and measures as the user may count them, and the suggested ranking with its reasons. Refused
    (PermissionDenied) for a user who may not see the council's table, anonymous visitors included."""
    if not permissions.can_view_priority_table(user, council):
        raise PermissionDenied(_("Du har inte behörighet att se rådets prioriteringsunderlag."))
    return ranking.rank(build_table(user, council, period))


SORT_KEYS: dict[str, Callable[[AreaRow], Any]] = {
    "omrade": lambda r: (r.name.casefold(), r.area_id),
    "antal": lambda r: (r.count, r.name),
    "per-1000": lambda r: None if r.rate is None else (r.rate, r.name),
    "foregaende": lambda r: (r.count - r.previous.before, r.name),
    "forra-aret": lambda r: (r.count - r.last_year.before, r.name),
    "partner": lambda r: (r.partner_reports, r.name),
    "problem": lambda r: (r.open_problems, r.name),
    "atgarder": lambda r: (r.open_measures, r.name),
    "utan-atgard": lambda r: (r.problems_without_measure, r.name),
    "forslag": lambda r: (r.suggested_rank, r.name),
}
"""The table's sortable columns, by the key in their link (`?sortera=antal&ordning=fallande`). A key
that gives None (a rate without a population) puts the row last in either order."""

SORT_ORDERS = ("stigande", "fallande")


class SortError(ValueError):
    """A sort key or order that the table does not have (the message is Swedish, for the user)."""


def sorted_rows(table: PriorityTable, key: str, order: str) -> list[AreaRow]:
    """The rows sorted by a column of `SORT_KEYS`, ascending ("stigande") or descending ("fallande")."""
    if key not in SORT_KEYS:
        raise SortError(_("Tabellen kan inte sorteras på ”%(key)s”.") % {"key": key[:40]})
    if order not in SORT_ORDERS:
        raise SortError(_("Ordningen måste vara stigande eller fallande."))
    by = SORT_KEYS[key]
    known = [row for row in table.rows if by(row) is not None]
    unknown = sorted((row for row in table.rows if by(row) is None), key=lambda r: (r.name.casefold(), r.area_id))
    return sorted(known, key=by, reverse=order == "fallande") + unknown


def priority_lists_of(user: Reader, council: Forum) -> QuerySet[PriorityList]:
    """The council's lists that the user may read, newest period first."""
    if not permissions.can_view_priority_table(user, council):
        return PriorityList.objects.none()
    return PriorityList.objects.filter(permissions.visible_q(user, PriorityList), council=council).order_by(
        "-year", "-number", "-id"
    )


def priority_list_for(user: Reader, pk: int) -> PriorityList:
    """One list the user may read, or 404; the read of a restricted list is audited."""
    visible = PriorityList.objects.filter(permissions.visible_q(user, PriorityList)).select_related(
        "council", "decided_at_meeting"
    )
    priority_list = one_visible_or_404(user, visible, pk)
    if not permissions.can_view_priority_list(user, priority_list):
        raise Http404
    return priority_list


def drafts_to_decide(user: Reader, meeting: Any) -> list[PriorityList]:
    """The draft lists of the meeting's council that the user may decide in this meeting."""
    drafts = PriorityList.objects.filter(
        permissions.visible_q(user, PriorityList), council_id=meeting.forum_id, status=PriorityStatus.DRAFT
    ).select_related("council")
    return [p for p in drafts if permissions.can_decide_priorities_in_meeting(user, meeting, p)]


@dataclass(frozen=True)
class PriorityItem:
    position: int
    area_id: int
    area_name: str
    justification: str


@dataclass(frozen=True)
class CurrentPriorities:
    """A council's decided priorities, as plain values (for the picture, the agenda and the
    statutory documents)."""

    list_id: int
    council_id: int
    council_name: str
    period: Period
    decided_on: dt.date
    meeting_id: int | None
    items: list[PriorityItem]


def _as_current(priority_list: PriorityList) -> CurrentPriorities:
    assert priority_list.decided_on is not None  # a decided list has its date (a check constraint)
    return CurrentPriorities(
        list_id=priority_list.pk,
        council_id=priority_list.council_id,
        council_name=priority_list.council.name,
        period=priority_list.period,
        decided_on=priority_list.decided_on,
        meeting_id=priority_list.decided_at_meeting_id,
        items=[
            PriorityItem(e.position, e.area_id, e.area.name, e.justification)
            for e in priority_list.entries.select_related("area").order_by("position", "id")
        ],
    )


def current_priorities(user: Reader, council: Forum) -> CurrentPriorities | None:
    """The council's latest decided priorities (by period, then decision) that the user may read, or
    None: nothing decided, or nothing this user may see."""
    decided = (
        priority_lists_of(user, council)
        .filter(status=PriorityStatus.DECIDED)
        .select_related("council")
        .order_by("-year", "-number", "-decided_on", "-id")
    )
    for priority_list in decided:
        if permissions.can_view_priority_list(user, priority_list):
            return _as_current(priority_list)
    return None


def _decided_lists(user: Reader) -> QuerySet[PriorityList]:
    """The decided lists the user may read of the councils the user may see, per council (in the
    councils' order) newest first, as `current_priorities` takes them."""
    return PriorityList.objects.filter(
        permissions.visible_q(user, PriorityList), council__in=councils_visible_to(user), status=PriorityStatus.DECIDED
    ).order_by("council__name", "council_id", "-year", "-number", "-decided_on", "-id")


# The statement of `_decided_lists` (its ids), compiled once per reader audience: the picture asks on
# every request and most councils have nothing decided.
_DECIDED_IDS = CompiledQueries(maxsize=256)


def priorities_for_picture(user: Reader, area: Any) -> list[CurrentPriorities]:
    """The current decided priorities of the councils the user may see whose areas include the
    picture's area (its own area, one above it, or one of the prioritised areas); for a drawn polygon
    (no area) those of every council the user may see. What `current_priorities` gives for each
    council, read in one statement for all of them."""
    ids = _DECIDED_IDS.rows(
        permissions.reading_audience(user), lambda: _decided_lists(user).values_list("pk", "council_id")
    )
    if not ids:
        return []
    result = []
    above: set[int] | None = None  # the picture's area and those above it, read when needed
    seen: set[int] = set()
    for priority_list in _decided_lists(user).filter(pk__in=[pk for pk, _council in ids]).select_related("council"):
        council = priority_list.council
        if council.pk in seen or not permissions.can_view_priority_list(user, priority_list):
            continue
        seen.add(council.pk)  # the council's current list: its newest that the user may read
        current = _as_current(priority_list)
        if area is not None and council.area_id is not None:
            if above is None:
                above = {area.pk, *(a.pk for a in area.ancestors())}
            if council.area_id not in above and not any(item.area_id in above for item in current.items):
                continue
        result.append(current)
    return result
