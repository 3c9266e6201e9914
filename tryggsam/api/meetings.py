"""Meetings and their minutes through the API, read through the meetings' selectors: the meetings
the caller may see, and the minutes as the web shows them. The public (a visitor, or anyone asking
for `public=true`) reads only published minutes, in their open version: the same rule and the same
content as the published minutes' page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Query, Router, Schema

from tryggsam.accounts import permissions
from tryggsam.api.auth import require_read_scope
from tryggsam.api.paging import DEFAULT_LIMIT, page_by_id
from tryggsam.api.params import Cursor, FromDate, Id, PageLimit, ToDate
from tryggsam.meetings.minutes.context import minutes_context
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.selectors import current_meetings, meeting_for, published_meeting

router = Router(tags=["möten"])


class MeetingOut(Schema):
    id: int
    forum_id: int
    forum_name: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    location: str
    status: str
    version: int
    previous_version_id: int | None
    approved_at: dt.datetime | None
    published_at: dt.datetime | None
    classification: str

    @staticmethod
    def resolve_forum_name(obj: Meeting) -> str:
        return obj.forum.name


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class PersonOut(Schema):
    name: str
    description: str


class TableOut(Schema):
    heading: str
    columns: list[str]
    rows: list[list[str]]


class ItemOut(Schema):
    number: str
    heading: str
    depth: int
    intro: str
    paragraphs: list[str]
    decisions: list[str]
    tables: list[TableOut]
    situation: list[str]


class MinutesOut(Schema):
    meeting_id: int
    public: bool
    title: str
    status_label: str
    version: int
    when: str
    place: str
    left_out: list[str]
    attendance_heading: str
    attendees: list[PersonOut]
    items: list[ItemOut]


@router.get("/", response=MeetingPage, summary="Möten som du får se (senaste versionen), sida för sida")
def list_meetings(
    request: HttpRequest,
    forum: Id | None = None,
    start: FromDate = None,
    end: ToDate = None,
    published: bool | None = Query(None, description="true: bara möten med publicerat protokoll"),
    cursor: Cursor = None,
    limit: PageLimit = DEFAULT_LIMIT,
) -> dict:
    require_read_scope(request)
    qs = current_meetings(request.user)
    if forum is not None:
        qs = qs.filter(forum_id=forum)
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    if published is not None:
        qs = qs.filter(published_at__isnull=not published)
    return page_by_id(qs, cursor=cursor, limit=limit)


@router.get("/{meeting_id}", response=MeetingOut, summary="Ett möte")
def get_meeting(request: HttpRequest, meeting_id: Id) -> Meeting:
    require_read_scope(request)
    return meeting_for(request.user, meeting_id)


@router.get(
    "/{meeting_id}/minutes",
    response=MinutesOut,
    summary="Ett mötes minnesanteckningar",
    description=(
        "Utan inloggning, eller med `public=true`: bara publicerade protokoll, i den offentliga versionen "
        "(det som är öppet). Inloggade i samverkan och nycklar med `read` får protokollet som webben visar dem."
    ),
)
def get_minutes(request: HttpRequest, meeting_id: Id, public: bool = False) -> dict[str, Any]:
    require_read_scope(request)
    public = public or permissions.sees_public_picture(request.user)
    if public:
        meeting = published_meeting(meeting_id)
        context = minutes_context(meeting, AnonymousUser(), public=True)
    else:
        meeting = meeting_for(request.user, meeting_id)
        context = minutes_context(meeting, request.user, public=False)
    return {
        "meeting_id": meeting.pk,
        "public": public,
        "title": context["title"],
        "status_label": str(context["status_label"]),
        "version": context["version"],
        "when": context["when"],
        "place": context["place"],
        "left_out": [str(n) for n in context["left_out"]],
        "attendance_heading": str(context["attendance_heading"]),
        "attendees": [{"name": p.name, "description": p.description} for p in context["attendees"]],
        "items": [
            {
                "number": i.number,
                "heading": i.heading,
                "depth": i.depth,
                "intro": i.intro,
                "paragraphs": i.paragraphs,
                "decisions": i.decisions,
                "tables": [{"heading": t.heading, "columns": t.columns, "rows": t.rows} for t in i.tables],
                "situation": i.situation,
            }
            for i in context["items"]
        ],
    }
