"""Reads of incidents, always through `incidents_visible_to`, so lists and counts agree with the policy:
a restricted incident is neither listed nor counted for a user who may not read it. Anonymous users
see only open incidents (the police feed is public data); the pages themselves require a login."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.models import Organisation, Role
from tryggsam.incidents.models import Incident, IncidentCategory
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


def latest_incidents(
    user: Any,
    *,
    district: Area | None = None,
    category: IncidentCategory | None = None,
    limit: int = 50,
) -> list[Incident]:
    qs = incidents_visible_to(user)
    if district is not None:
        qs = qs.filter(district=district)
    if category is not None:
        qs = qs.filter(categories=category)
    return list(
        qs.select_related("district", "district_area", "place", "reporting_organisation")
        .prefetch_related("categories")
        .order_by("-occurred_at", "-id")[:limit]
    )


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
    visible = incidents_visible_to(user).filter(occurred_at__gte=since)
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
