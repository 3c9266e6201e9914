"""Reads of incidents, always through `incidents_visible_to`, so lists and counts agree with the policy:
a restricted incident is neither listed nor counted for a user who may not read it. Anonymous users
see only open incidents (the police feed is public data); the pages themselves require a login."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.models import Organisation, Role
from tryggsam.incidents.models import Incident, IncidentCategory, ReviewStatus
from tryggsam.places.models import Area, AreaLevel


def reporting_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations `user` may report for: those where the user is a reporter or more."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Organisation.objects.all()
    ids = [
        org_id
        for org_id, role in permissions.roles_by_organisation(user).items()
        if permissions.ROLE_RANK[Role(role)] >= permissions.ROLE_RANK[Role.REPORTER]
    ]
    return Organisation.objects.filter(pk__in=ids)


def incidents_visible_to(user: Any) -> QuerySet[Incident]:
    return Incident.objects.filter(permissions.visible_q(user, Incident))


def incidents_counted(user: Any) -> QuerySet[Incident]:
    """The visible incidents that count in figures (the situation picture, counts per category): a
    resident's tip is listed for the user who may see it but counted only once it has been reviewed,
    like the roll-ups."""
    return incidents_visible_to(user).exclude(review_status=ReviewStatus.PENDING)


def tips_awaiting_review(user: Any) -> QuerySet[Incident]:
    """Residents' tips that wait for review, oldest first, for those who may review them."""
    if not permissions.can_review_tips(user):
        return Incident.objects.none()
    return incidents_visible_to(user).filter(review_status=ReviewStatus.PENDING).order_by("reported_at", "id")


def incidents_listed(
    user: Any, *, district: Area | None = None, category: IncidentCategory | None = None
) -> QuerySet[Incident]:
    """The visible incidents of the list page and its exports, newest first, with what a row shows."""
    qs = incidents_visible_to(user)
    if district is not None:
        qs = qs.filter(district=district)
    if category is not None:
        qs = qs.filter(categories=category)
    return (
        qs.select_related("district", "district_area", "place", "reporting_organisation")
        .prefetch_related("categories")
        .order_by("-occurred_at", "-id")
    )


def latest_incidents(
    user: Any,
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
)


def incidents_for_export(
    user: Any,
    *,
    district: Area | None = None,
    category: IncidentCategory | None = None,
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
        incidents_listed(user, district=district, category=category)
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
    user: Any, *, district: Area | None = None, days: int = 30, now: dt.datetime | None = None
) -> list[CategoryCount]:
    """Visible incidents per category in the last `days` days (one GROUP BY on the visible set); an
    incident with two categories counts once in each."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    visible = incidents_counted(user).filter(occurred_at__gte=since)
    if district is not None:
        visible = visible.filter(district=district)
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
