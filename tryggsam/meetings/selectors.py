from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.casework.models import Measure, Problem
from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.meetings.models import AgendaItem, Decision, Meeting
from tryggsam.plans.models import ActionPlan, PlanStatus
from tryggsam.plans.selectors import plans_visible_to
from tryggsam.priorities.models import PriorityList
from tryggsam.priorities.selectors import drafts_to_decide


def meetings_visible_to(user: Reader) -> QuerySet[Meeting]:
    """Every meeting (every version of its minutes) the user may read."""
    return Meeting.objects.filter(permissions.visible_q(user, Meeting)).select_related("forum", "chair")


def current_meetings(user: Reader) -> QuerySet[Meeting]:
    """Visible meetings, each only in its latest version."""
    return meetings_visible_to(user).filter(next_versions__isnull=True)


def meeting_for(user: Reader, pk: int) -> Meeting:
    """One meeting, or 404 if it does not exist or the user may not see it."""
    return one_visible_or_404(user, meetings_visible_to(user).select_related("secretary", "approved_by"), pk)


def upcoming_meetings(
    user: Reader, *, forums: Any = None, today: dt.date | None = None, limit: int = 10
) -> list[Meeting]:
    """The next meetings (today onwards), optionally only of the given forums."""
    qs = current_meetings(user).filter(date__gte=today or timezone.localdate())
    if forums is not None:
        qs = qs.filter(forum__in=forums)
    return list(qs.order_by("date", "start_time")[:limit])


@dataclass(frozen=True)
class ShownMeeting:
    """What the start page's list of next meetings shows of a meeting, read as plain values."""

    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    forum_name: str
    location: str


def next_meetings(user: Reader, *, forums: Any, limit: int) -> list[ShownMeeting]:
    """`upcoming_meetings(user, forums=forums, limit=limit)` as the values the start page and a forum
    page show: the same policy queryset, without the meeting, forum and chair instances."""
    qs = current_meetings(user).filter(date__gte=timezone.localdate(), forum__in=forums)
    return [
        ShownMeeting(*row)
        for row in qs.order_by("date", "start_time").values_list(
            "date", "start_time", "end_time", "forum__name", "location"
        )[:limit]
    ]


def past_meetings(user: Reader, *, today: dt.date | None = None, limit: int = 50) -> list[Meeting]:
    qs = current_meetings(user).filter(date__lt=today or timezone.localdate())
    return list(qs.order_by("-date", "-start_time")[:limit])


@dataclass(frozen=True)
class ShownDecision:
    """A decision as a reader may see it: plain values, and the measures only when readable."""

    text: str
    follow_up_date: dt.date | None
    created_measure: Measure | None
    changed_measure: Measure | None
    decided_plan: ActionPlan | None = None


@dataclass
class AgendaRow:
    item: AgendaItem
    decisions: list[ShownDecision] = field(default_factory=list)
    hidden_decisions: int = 0


@dataclass
class Agenda:
    rows: list[AgendaRow]
    hidden_items: int  # items the reader may not see (the public version: items that are not open)


def agenda_for(user: Reader, meeting: Meeting, *, public: bool = False) -> Agenda:
    """The agenda items and decisions of a meeting that `user` may read: the one way the meeting
    page and the minutes (HTML, PDF, DOCX, public and published) get them. `public=True` is the
    public version: only open items, read as an anonymous visitor, whoever asks. A decision that
    created or changed a measure the reader may not read is counted, not shown."""
    reader = AnonymousUser() if public else user
    items = meeting.items.select_related(
        "meeting", "partnership", "problem", "measure", "focus_area__plan"
    ).prefetch_related("decisions__created_measure", "decisions__changed_measure", "decisions__decided_plan")
    rows, hidden = [], 0
    for item in items:
        item.meeting = meeting  # one meeting object, so its sharing is read once
        readable = permissions.in_public_minutes if public else (lambda i: permissions.can_view_agenda_item(reader, i))
        if not readable(item):
            hidden += 1
            continue
        row = AgendaRow(item=item)
        for decision in item.decisions.all():
            if permissions.can_view_decided_measures(reader, decision):
                row.decisions.append(_shown(decision))
            else:
                row.hidden_decisions += 1
        rows.append(row)
    return Agenda(rows=rows, hidden_items=hidden)


def _shown(decision: Decision) -> ShownDecision:
    return ShownDecision(
        text=decision.text,
        follow_up_date=decision.follow_up_date,
        created_measure=decision.created_measure,
        changed_measure=decision.changed_measure,
        decided_plan=decision.decided_plan,
    )


SEARCH_LIMIT = 20  # hits per search: enough to find a row by a word of its title, small enough to stay fast


def offered_forum(item: AgendaItem) -> Any:
    """The forum whose rows an item's decision form offers: its partnership, else the meeting's forum."""
    return item.partnership if item.partnership_id else item.meeting.forum


def offered_rows(user: Reader, forum: Any) -> tuple[QuerySet[Problem], QuerySet[Measure]]:
    """The open problems and the measures of one forum that the user may read: what a decision form
    offers without a search (every other row the user may read is found by `rows_matching`)."""
    problems = problems_visible_to(user).filter(forum=forum, is_closed=False).select_related("forum")
    measures = measures_visible_to(user).filter(problem__forum=forum).select_related("problem__forum")
    return problems, measures


def rows_matching(user: Reader, kind: str, text: str, *, limit: int = SEARCH_LIMIT) -> list[Problem] | list[Measure]:
    """Open problems (kind "problem") or measures (kind "measure") the user may read whose title
    contains `text`, at most `limit`: the decision and item forms search the register with it."""
    text = text.strip()
    if len(text) < 2:
        return []
    if kind == "problem":
        problems = problems_visible_to(user).filter(is_closed=False, title__icontains=text).select_related("forum")
        return list(problems.order_by("title", "id")[:limit])
    measures = measures_visible_to(user).filter(title__icontains=text).select_related("problem__forum")
    return list(measures.order_by("title", "id")[:limit])


def priority_lists_to_decide(user: Reader, meeting: Meeting) -> list[PriorityList]:
    """The draft priority lists of the meeting's council that the user may decide in this meeting."""
    return drafts_to_decide(user, meeting)


def plans_to_decide(user: Reader, meeting: Meeting) -> list[ActionPlan]:
    """The draft plans of the meeting's forum that the user may decide in this meeting."""
    drafts = plans_visible_to(user).filter(forum=meeting.forum_id, status=PlanStatus.DRAFT).order_by("title", "id")
    return [plan for plan in drafts if permissions.can_decide_plan_in_meeting(user, meeting, plan)]


@dataclass(frozen=True)
class DecisionLink:
    """A decision about a measure, as its reader sees it: the text, the meeting and how to get there."""

    text: str
    meeting: Meeting
    item_pk: int
    item_number: str
    created: bool
    measure_pk: int
    measure_title: str


def decisions_about(user: Reader, measures: Any) -> list[DecisionLink]:
    """The decisions that created or changed any of `measures`, newest meeting first, only those the
    user may read (the agenda item and every record the decision is about): what links a measure back
    to the meeting that decided it."""
    ids = [m.pk for m in measures]
    if not ids:
        return []
    decisions = (
        Decision.objects.filter(Q(created_measure__in=ids) | Q(changed_measure__in=ids))
        .filter(item__meeting__next_versions__isnull=True)  # each meeting once, in its latest minutes
        .select_related("item__meeting__forum", "item__partnership", "item__problem", "item__measure")
        .select_related("item__focus_area__plan", "created_measure", "changed_measure", "decided_plan")
        .order_by("-item__meeting__date", "-id")
    )
    links = []
    for decision in decisions:
        item = decision.item
        if not (permissions.can_view_agenda_item(user, item) and permissions.can_view_decided_measures(user, decision)):
            continue
        measure = decision.created_measure or decision.changed_measure
        links.append(
            DecisionLink(
                text=decision.text,
                meeting=item.meeting,
                item_pk=item.pk,
                item_number=item.number,
                created=decision.created_measure_id is not None,
                measure_pk=measure.pk,  # type: ignore[union-attr]
                measure_title=measure.title,  # type: ignore[union-attr]
            )
        )
    return links


def published_meeting(pk: int) -> Meeting:
    """A meeting whose minutes are published, for anyone (the public version shows only what is open),
    or 404: not published, or its forum is no longer open (see `permissions.can_publish_minutes`)."""
    meeting = Meeting.objects.select_related("forum").filter(pk=pk, published_at__isnull=False).first()
    if meeting is None or not permissions.can_publish_minutes(meeting):
        raise Http404
    return meeting
