"""Proposed dates from a forum's cadence, as the coordinator writes it: "fyra gånger per år",
"varje månad", "varannan vecka", "två gånger per termin", or relative to the parent forum's meetings:
"onsdagen före rådet". Proposals keep the weekday and time of the forum's last meeting, on a working
day (not a weekend, public holiday or eve: `core.holidays`); the coordinator confirms each one
(nothing is scheduled by itself)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from tryggsam.core.holidays import working_day_on_or_after, working_day_on_or_before
from tryggsam.core.text import fold
from tryggsam.forums.models import Forum
from tryggsam.meetings.models import Meeting

WEEKDAYS = {"mandag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lordag": 5, "sondag": 6}
NUMBERS = {"en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "atta": 8, "tio": 10, "tolv": 12}


@dataclass(frozen=True)
class Proposal:
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    reason: str


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _same_weekday_near(day: dt.date, weekday: int) -> dt.date:
    """The given weekday in the same week as `day` (Monday–Sunday)."""
    return day + dt.timedelta(days=weekday - day.weekday())


def _weekday_near(day: dt.date) -> dt.date:
    """A meeting is proposed on a working day: a Saturday moves to the Friday before, a Sunday to the
    Monday after (the cadence or the last meeting may point at a weekend, e.g. a Saturday walk), and a
    public holiday or eve (juldagen, midsommarafton, …) to the next working day."""
    if day.weekday() == 5:
        day -= dt.timedelta(days=1)
    elif day.weekday() == 6:
        day += dt.timedelta(days=1)
    return working_day_on_or_after(day)


def interval(cadence: str) -> tuple[str, int] | None:
    """("days", n) or ("months", n) between meetings, from the cadence text."""
    text = fold(cadence)
    if "varannan vecka" in text:
        return ("days", 14)
    if re.search(r"\b(varje|en gang i|en gang per) vecka", text):
        return ("days", 7)
    if "varannan manad" in text:
        return ("months", 2)
    if re.search(r"\b(varje|en gang i|en gang per) manad|manatlig", text):
        return ("months", 1)
    if "kvartal" in text:
        return ("months", 3)
    if "termin" in text:
        m = re.search(r"(\w+) gang(?:er)? per termin", text)
        times = NUMBERS.get(m.group(1), int(m.group(1)) if m and m.group(1).isdigit() else 1) if m else 1
        return ("months", max(1, 6 // times))
    m = re.search(r"(\w+) gang(?:er)? (?:per|om|i) (?:ar|aret)", text)
    if m:
        word = m.group(1)
        times = NUMBERS.get(word) or (int(word) if word.isdigit() else 0)
        if times:
            return ("months", max(1, 12 // times))
    return None


def _weekday_before_parent(forum: Forum) -> int | None:
    """The weekday of "onsdagen före rådet": the forum meets before its parent forum's meetings."""
    m = re.search(r"(mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag)\w* (?:fore|innan)", fold(forum.cadence))
    if not m or forum.parent_id is None:
        return None
    return WEEKDAYS[m.group(1)]


def _before_parent(forum: Forum, after: dt.date, count: int) -> list[Proposal]:
    weekday = _weekday_before_parent(forum)
    if weekday is None or forum.parent_id is None:
        return []
    proposals = []
    for parent_meeting in Meeting.objects.filter(forum_id=forum.parent_id, date__gt=after).order_by("date")[:count]:
        day = parent_meeting.date - dt.timedelta(days=1)
        while day.weekday() != weekday:
            day -= dt.timedelta(days=1)
        day = working_day_on_or_before(day)  # "lördagen före", a holiday: the working day before it
        if day > after:
            proposals.append(Proposal(day, None, None, f"före {parent_meeting.forum} {parent_meeting.date:%Y-%m-%d}"))
    return proposals


def propose_dates(forum: Forum, *, count: int = 4, today: dt.date | None = None) -> list[Proposal]:
    today = today or timezone.localdate()
    step = interval(forum.cadence)
    if step is None and _weekday_before_parent(forum) is None:
        return []  # a cadence that names no rhythm (or none at all): nothing to read
    # The last meeting's date and times (as values: nothing else of it is used).
    last = Meeting.objects.filter(forum=forum).order_by("-date").values_list("date", "start_time", "end_time").first()
    existing = set(Meeting.objects.filter(forum=forum, date__gt=today).values_list("date", flat=True))
    relative = _before_parent(forum, max(today, last[0] if last else today), count)
    if relative:
        return [p for p in relative if p.date not in existing]
    if step is None:
        return []
    anchor = last[0] if last else today
    start, end = (last[1], last[2]) if last else (None, None)
    proposals: list[Proposal] = []
    day = anchor
    while len(proposals) < count:
        day = day + dt.timedelta(days=step[1]) if step[0] == "days" else _add_months(day, step[1])
        if step[0] == "months":
            day = _same_weekday_near(day, anchor.weekday())
        proposed = _weekday_near(day)
        if proposed > today and proposed not in existing and all(p.date != proposed for p in proposals):
            proposals.append(Proposal(proposed, start, end, forum.cadence))
    return proposals
