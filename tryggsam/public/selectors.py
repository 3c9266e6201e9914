"""What the public may read about an area (issue 16): its open problems and measures with their latest
follow-up, the decided citizen promises, the published minutes and the suppressed situation picture.

Every list is read with an anonymous user through the owning app's selectors, so the policy module
decides what is open: a member looking at an area page sees the same public page as a resident (the
members' own pages are elsewhere). Nothing here filters on classification itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.casework.models import FollowUp, Measure, Problem
from tryggsam.casework.selectors import follow_ups_visible_to, measures_visible_to, problems_visible_to
from tryggsam.meetings.models import Meeting
from tryggsam.places.models import Area
from tryggsam.places.selectors import subtree_ids
from tryggsam.plans.models import ActionPlan, PlanKind, PlanStatus
from tryggsam.plans.selectors import follow_ups_of, plans_visible_to
from tryggsam.situation.forms import SituationForm
from tryggsam.situation.selectors import SituationPicture, situation_areas_for, situation_for
from tryggsam.statutory.models import StatutoryDocument
from tryggsam.statutory.selectors import published_documents

LIST_LIMIT = 50
FEED_LIMIT = 50


def visitor() -> AnonymousUser:
    """The reader of every public list: the policy module's anonymous user, never a shortcut."""
    return AnonymousUser()


def _in_area(ids: list[int], prefix: str = "") -> Q:
    """Located in the area itself, or (when it has no place of its own) run by a forum of the area."""
    return Q(**{f"{prefix}area__in": ids}) | Q(**{f"{prefix}area__isnull": True, f"{prefix}forum__area__in": ids})


def open_problems(ids: list[int]) -> QuerySet[Problem]:
    return (
        problems_visible_to(visitor())
        .filter(_in_area(ids), is_closed=False)
        .select_related("area")
        .order_by("position", "id")
    )


def open_measures(ids: list[int]) -> QuerySet[Measure]:
    """The public measures of the area's open problems, each with its public follow-ups (newest first)
    in `public_follow_ups`."""
    follow_ups = follow_ups_visible_to(visitor()).order_by("-date", "-id")
    return (
        measures_visible_to(visitor())
        .filter(_in_area(ids, "problem__"), problem__is_closed=False)
        .select_related("problem", "responsible_organisation")
        .prefetch_related(Prefetch("follow_ups", queryset=follow_ups, to_attr="public_follow_ups"))
        .order_by("position", "id")
    )


@dataclass
class MeasureRow:
    measure: Measure
    latest: FollowUp | None


@dataclass
class PromiseRow:
    plan: ActionPlan
    # Follow-ups of the promise, once the plans app records them (issue 16: another change adds them);
    # until then the promise is shown with its focus areas only. See `promise_follow_ups`.
    follow_ups: list[Any] = field(default_factory=list)


def promise_follow_ups(plan: ActionPlan) -> list[str]:
    """The follow-ups of a citizen promise the public may read (the plan was read as the visitor, and
    its follow-ups share its classification), newest first, as "date: what was done"."""
    return [f"{f.date:%Y-%m-%d}: {f.summary}" if f.summary else f"{f.date:%Y-%m-%d}" for f in follow_ups_of(plan)]


def citizen_promises(ids: list[int]) -> list[PromiseRow]:
    """Decided citizen promises of the area that the public may read."""
    plans = (
        plans_visible_to(visitor())
        .filter(_in_area(ids), kind=PlanKind.CITIZEN_PROMISE, status=PlanStatus.DECIDED)
        .prefetch_related("focus_areas")
        .order_by("-decided_on", "-id")[:LIST_LIMIT]
    )
    return [PromiseRow(plan=p, follow_ups=promise_follow_ups(p)) for p in plans]


def published_minutes(ids: list[int]) -> list[Meeting]:
    """Published minutes of the area's forums: only of forums that are open now (the policy's rule for
    the `published` page), whatever the meeting's own classification, since the published version
    holds only what is open."""
    meetings = (
        Meeting.objects.filter(published_at__isnull=False, forum__area__in=ids)
        .select_related("forum")
        .order_by("-published_at", "-id")
    )
    shown: list[Meeting] = []
    for meeting in meetings.iterator(chunk_size=LIST_LIMIT):
        if permissions.can_publish_minutes(meeting):
            shown.append(meeting)
            if len(shown) == LIST_LIMIT:
                break
    return shown


def situation_picture(area: Area) -> SituationPicture | None:
    """The public picture of the default period, for the areas the public may ask about (None for a
    place): the same selector and suppression as the situation page."""
    user = visitor()
    if not situation_areas_for(user).filter(pk=area.pk).exists():
        return None
    start, end = SituationForm.default_period()
    return situation_for(user, area=area, start=start, end=end)


@dataclass
class PublicArea:
    area: Area
    problems: list[Problem]
    measures: list[MeasureRow]
    promises: list[PromiseRow]
    minutes: list[Meeting]
    picture: SituationPicture | None
    documents: list[StatutoryDocument] = field(default_factory=list)


def public_area(area: Area) -> PublicArea:
    ids = subtree_ids(area)
    measures = [
        MeasureRow(measure=m, latest=m.public_follow_ups[0] if m.public_follow_ups else None)  # type: ignore[attr-defined]
        for m in open_measures(ids)[:LIST_LIMIT]
    ]
    return PublicArea(
        area=area,
        problems=list(open_problems(ids)[:LIST_LIMIT]),
        measures=measures,
        promises=citizen_promises(ids),
        minutes=published_minutes(ids),
        picture=situation_picture(area),
        documents=statutory_documents(ids),
    )


def statutory_documents(ids: list[int]) -> list[StatutoryDocument]:
    """The published public versions of the lägesbild, åtgärdsplan and yearly follow-up made for the
    area or by a council of the area, newest first."""
    documents = published_documents(visitor()).filter(Q(area__in=ids) | Q(forum__area__in=ids))
    return list(documents.order_by("-year", "kind", "-version")[:LIST_LIMIT])


@dataclass
class FeedEntry:
    kind: str  # "measure", "follow_up", "minutes"
    title: str
    description: str
    link: str
    updated: dt.datetime


def _to_datetime(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def feed_entries(area: Area) -> list[FeedEntry]:
    """The newest public happenings of the area: open measures, their public follow-ups and published
    minutes, newest first."""
    ids = subtree_ids(area)
    entries: list[FeedEntry] = []
    measures = list(open_measures(ids).order_by("-created_at", "-id")[:FEED_LIMIT])
    for m in measures:
        url = reverse("casework:measure_detail", args=[m.pk])
        entries.append(
            FeedEntry(
                "measure",
                _("Ny åtgärd: %(title)s") % {"title": m.title},
                f"{m.problem.title} – {m.get_status_display()}",
                url,
                m.created_at,
            )
        )
    follow_ups = (
        follow_ups_visible_to(visitor())
        .filter(measure__in=open_measures(ids).values("pk"))
        .select_related("measure")
        .order_by("-date", "-id")[:FEED_LIMIT]
    )
    for f in follow_ups:
        url = reverse("casework:measure_detail", args=[f.measure_id]) + f"#uppfoljning-{f.pk}"
        entries.append(
            FeedEntry(
                "follow_up",
                _("Uppföljning: %(title)s") % {"title": f.measure.title},
                f"{f.get_status_after_display()}: {f.text}",
                url,
                _to_datetime(f.date),
            )
        )
    for meeting in published_minutes(ids)[:FEED_LIMIT]:
        assert meeting.published_at is not None
        entries.append(
            FeedEntry(
                "minutes",
                _("Protokoll: %(forum)s %(date)s") % {"forum": meeting.forum.name, "date": f"{meeting.date:%Y-%m-%d}"},
                _("Det publicerade protokollet."),
                reverse("meetings:published", args=[meeting.pk]),
                meeting.published_at,
            )
        )
    entries.sort(key=lambda e: e.updated, reverse=True)
    return entries[:FEED_LIMIT]
