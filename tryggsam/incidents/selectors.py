"""Reads of incidents, always through `incidents_visible_to`, so lists and counts agree with the policy:
a restricted incident is neither listed nor counted for a user who may not read it. Anonymous users
see only open incidents (the police feed is public data); the pages themselves require a login."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import Organisation, Role
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.incidents.models import (
    AWAITING_REVIEW,
    Incident,
    IncidentCategory,
    IncidentSource,
    ReviewStatus,
    counted_q,
)
from tryggsam.places.models import Area, AreaLevel


def reporting_organisations(user: Reader) -> QuerySet[Organisation]:
    """The organisations `user` may report for (accounts.permissions.reporting_organisations_q)."""
    return Organisation.objects.filter(permissions.reporting_organisations_q(user))


def incidents_visible_to(user: Reader) -> QuerySet[Incident]:
    """Every incident `user` may read, by its classification and, for one awaiting review, by the
    review queue's rule (`permissions.awaiting_review_visible_q`): the one source of every output."""
    awaiting = Q(review_status__in=AWAITING_REVIEW)
    return Incident.objects.filter(
        permissions.visible_q(user, Incident), permissions.awaiting_review_visible_q(user, awaiting)
    )


def incidents_counted(user: Reader) -> QuerySet[Incident]:
    """The visible incidents that count in figures (the situation picture, counts per category): a
    resident's tip is listed for the user who may see it but counted only once it has been reviewed,
    and a duplicate never, like the roll-ups (`models.counted_q`)."""
    return incidents_visible_to(user).filter(counted_q())


def incidents_mapped(user: Reader) -> QuerySet[Incident]:
    """The visible incidents a map of the situation draws (points, hotspots, public cells): not a
    dismissed tip (judged not to be an incident at all) nor a duplicate (its original is drawn), so no
    place looks busier than it is. Both stay in the list for those who may read them; a tip awaiting
    review is drawn for those the review queue shows it to, as it is listed for them."""
    return incidents_visible_to(user).exclude(review_status=ReviewStatus.DISMISSED).filter(duplicate_of__isnull=True)


def tips_awaiting_review(user: Reader) -> QuerySet[Incident]:
    """The review queue, oldest first: for those who review tips every incident awaiting review; for
    a member, those sent to an organisation they act for."""
    waiting = (
        incidents_visible_to(user).filter(review_status__in=AWAITING_REVIEW).filter(permissions.review_queue_q(user))
    )
    return (
        waiting.select_related("district", "place", "routed_to")
        .prefetch_related("categories")
        .order_by("reported_at", "id")
    )


POLICE_QUEUE_DAYS = 30


def installation_municipality() -> str:
    """The municipality this installation serves (the police feed's events are located against it)."""
    return str(getattr(settings, "INCIDENTS_MUNICIPALITY", "Stockholm"))


def police_events_in_review(user: Reader, *, now: dt.datetime | None = None) -> QuerySet[Incident]:
    """The review queue's tab of police events, newest first: those of the installation's municipality
    from the last `POLICE_QUEUE_DAYS` days that still count and are linked to no problem. Those who
    review tips see all of them (also those already sent on); a member those sent to an organisation
    they act for. Older events stay in the list and the picture; the queue is for what is new."""
    if not permissions.can_see_review_queue(user):
        return Incident.objects.none()
    since = (now or timezone.now()) - dt.timedelta(days=POLICE_QUEUE_DAYS)
    events = incidents_visible_to(user).filter(
        counted_q(),
        source=IncidentSource.POLICE_EVENT,
        municipality=installation_municipality(),
        problem__isnull=True,
        occurred_at__gte=since,
    )
    if not permissions.can_review_tips(user):
        events = events.filter(routed_to__in=_acting_organisations(user))
    return (
        events.select_related("district", "place", "routed_to")
        .prefetch_related("categories")
        .order_by("-occurred_at", "-id")
    )


def _acting_organisations(user: Reader) -> set[int]:
    return permissions.organisations_with_role(user, Role.MEMBER)


DUPLICATE_STATUS = "duplicate"
FILTER_STATUSES = (*ReviewStatus.values, DUPLICATE_STATUS)


def status_of(review_status: str, duplicate_of_id: int | None) -> str:
    """The status the list page filters on: the review status, or `DUPLICATE_STATUS` for a duplicate."""
    return DUPLICATE_STATUS if duplicate_of_id is not None else review_status


def located_in_q(area: Area, within: Q | None = None) -> Q:
    """The incidents located in `area` (as their place, district or district area), and matching
    `within` (e.g. a period of `occurred_at`) if given. The condition is repeated inside each branch of
    the OR: SQLite plans an OR with one index per branch, and only a range inside the branch reaches
    the (district, occurred_at) indexes; outside the OR it read every incident of a district since the
    first (the map data's 30 days of a district at 1 M incidents: 38 ms of SQL, 0.2 ms with it inside)."""
    within = within if within is not None else Q()
    return (Q(place=area) & within) | (Q(district=area) & within) | (Q(district_area=area) & within)


@dataclass(frozen=True)
class IncidentFilter:
    """What the list page, its exports and its paging filter on; every field optional."""

    district: Area | None = None  # any area level: the incidents located in it
    category: IncidentCategory | None = None
    source: str = ""
    status: str = ""  # a ReviewStatus, or DUPLICATE_STATUS
    start: dt.date | None = None
    end: dt.date | None = None

    def apply(self, qs: QuerySet[Incident]) -> QuerySet[Incident]:
        period = Q()
        if self.start is not None:
            period &= Q(occurred_at__gte=_day_start(self.start))
        if self.end is not None:
            period &= Q(occurred_at__lt=_day_start(self.end + dt.timedelta(days=1)))
        qs = qs.filter(period if self.district is None else located_in_q(self.district, period))
        if self.category is not None:
            qs = qs.filter(categories=self.category)
        if self.source:
            qs = qs.filter(source=self.source)
        if self.status == DUPLICATE_STATUS:
            qs = qs.filter(duplicate_of__isnull=False)
        elif self.status:
            qs = qs.filter(review_status=self.status, duplicate_of__isnull=True)
        return qs


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def incidents_listed(
    user: Reader,
    *,
    district: Area | None = None,
    category: IncidentCategory | None = None,
    filters: IncidentFilter | None = None,
) -> QuerySet[Incident]:
    """The visible incidents of the list page and its exports, newest first, with what a row shows."""
    filters = filters or IncidentFilter(district=district, category=category)
    qs = filters.apply(incidents_visible_to(user))
    return (
        qs.select_related("district", "district_area", "place", "reporting_organisation")
        .prefetch_related("categories")
        .order_by("-occurred_at", "-id")
    )


def latest_incidents(
    user: Reader,
    *,
    district: Area | None = None,
    category: IncidentCategory | None = None,
    limit: int = 50,
) -> list[Incident]:
    return list(incidents_listed(user, district=district, category=category)[:limit])


EXPORT_FIELDS = (
    "pk",
    "classification",
    "occurred_at",
    "reported_at",
    "original_type",
    "title",
    "description",
    "place__name",
    "district__name",
    "district_area__name",
    "municipality",
    "precision",
    "lat",
    "lon",
    "source",
    "reporting_organisation__name",
    "url",
    "review_status",
    "duplicate_of_id",
)


def incidents_for_export(
    user: Reader,
    *,
    district: Area | None = None,
    category: IncidentCategory | None = None,
    filters: IncidentFilter | None = None,
    limit: int,
    chunk_size: int = 2000,
) -> Iterator[tuple[Any, list[str]]]:
    """The list page's incidents (newest first, at most `limit`) for a file export: one named row of
    `EXPORT_FIELDS` and the category names per incident. Plain rows read in chunks, not model objects,
    and each chunk's categories from one query of the link table: tens of thousands of rows stay fast."""
    names = {c.pk: c.name for c in IncidentCategory.objects.order_by("position", "name")}
    order = {pk: i for i, pk in enumerate(names)}
    link = Incident.categories.through
    rows = (
        incidents_listed(user, district=district, category=category, filters=filters)
        .prefetch_related(None)
        .values_list(*EXPORT_FIELDS, named=True)[:limit]
    )

    def with_categories(batch: list[Any]) -> Iterator[tuple[Any, list[str]]]:
        linked: dict[int, list[int]] = {}
        pairs = link.objects.filter(incident_id__in=[r.pk for r in batch]).values_list(
            "incident_id", "incidentcategory_id"
        )
        for incident_id, category_id in pairs:
            linked.setdefault(incident_id, []).append(category_id)
        for row in batch:
            yield row, [names[c] for c in sorted(linked.get(row.pk, []), key=order.__getitem__)]

    batch: list[Any] = []
    for row in rows.iterator(chunk_size=chunk_size):
        batch.append(row)
        if len(batch) >= chunk_size:
            yield from with_categories(batch)
            batch = []
    if batch:
        yield from with_categories(batch)


@dataclass(frozen=True)
class CategoryCount:
    category: IncidentCategory
    count: int


def counts_by_category(
    user: Reader, *, district: Area | None = None, days: int = 30, now: dt.datetime | None = None
) -> list[CategoryCount]:
    """Visible incidents per category in the last `days` days (one GROUP BY on the visible set); an
    incident with two categories counts once in each."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    visible = incidents_counted(user).filter(occurred_at__gte=since)
    visible = IncidentFilter(district=district).apply(visible)
    rows = (
        IncidentCategory.objects.annotate(
            n=Count("incidents", filter=Q(incidents__in=visible.values("pk")), distinct=True)
        )
        .filter(Q(active=True) | Q(n__gt=0))
        .order_by("position", "name")
    )
    return [CategoryCount(category, int(getattr(category, "n", 0))) for category in rows]


def districts_with_names() -> QuerySet[Area]:
    return Area.objects.filter(level=AreaLevel.DISTRICT).order_by("name")


def active_categories() -> QuerySet[IncidentCategory]:
    return IncidentCategory.objects.filter(active=True).order_by("position", "name")


def incident_for(user: Reader, pk: int) -> Incident:
    """One incident the user may read, with what its page shows, or Http404 (the same for one that
    does not exist and one the user may not read). Reading a restricted one is audited."""
    visible = (
        incidents_visible_to(user)
        .select_related(
            "place",
            "district",
            "district_area",
            "reporting_organisation",
            "reporter",
            "owner_organisation",
            "routed_to",
            "duplicate_of",
            "problem",
        )
        .prefetch_related("categories")
    )
    return one_visible_or_404(user, visible, pk)


def duplicates_visible(user: Reader, incident: Incident) -> QuerySet[Incident]:
    """The incidents marked as duplicates of this one that the user may read."""
    return incidents_visible_to(user).filter(duplicate_of=incident).order_by("-occurred_at", "-id")
