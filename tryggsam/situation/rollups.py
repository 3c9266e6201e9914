"""Keeping the daily roll-ups of incidents. Called by the incident writes inside their transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident
from tryggsam.situation.models import IncidentRollup

# (area, day, category, source, classification, owner organisation, audience)
Key = tuple[int, dt.date, int, str, str, int | None, str]


def audience(classification: str, organisation_ids: Iterable[int]) -> str:
    """The roll-up's `audience` of a restricted incident shared with these organisations: ",3,7,"."""
    if classification != Classification.RESTRICTED:
        return ""
    ids = sorted(set(organisation_ids))
    return f",{','.join(map(str, ids))}," if ids else ""


def _keys(incident: Incident, category_ids: Iterable[int]) -> list[Key]:
    day = timezone.localtime(incident.occurred_at).date()
    areas = [a for a in (incident.place_id, incident.district_id, incident.district_area_id) if a]
    shared = (
        audience(incident.classification, incident.shared_with.values_list("pk", flat=True))
        if incident.classification == Classification.RESTRICTED
        else ""
    )
    return [
        (area, day, category, incident.source, incident.classification, incident.owner_organisation_id, shared)
        for area in areas
        for category in category_ids
    ]


def _upsert_sql(with_owner: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(IncidentRollup._meta.db_table)
    key = "area_id, day, category_id, source, classification"
    target = (
        f"({key}, owner_organisation_id, audience)"
        if with_owner
        else f"({key}, audience) WHERE owner_organisation_id IS NULL"
    )
    return (
        f"INSERT INTO {table} ({key}, owner_organisation_id, audience, {quote('count')}) "  # noqa: S608 (model names)
        f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT {target} "
        f"DO UPDATE SET {quote('count')} = {table}.{quote('count')} + excluded.{quote('count')}"
    )


def upsert_counts(counts: Counter[Key]) -> None:
    """Add the counts to the roll-ups with one upsert per key (INSERT ... ON CONFLICT, SQLite and
    PostgreSQL). Rows without owner use the partial unique index, since NULLs are distinct."""
    if not counts:
        return
    adapt = connection.ops.adapt_datefield_value
    owned: list[tuple[Any, ...]] = []
    unowned: list[tuple[Any, ...]] = []
    for (area, day, category, source, classification, owner, shared), n in counts.items():
        row = (area, adapt(day), category, source, classification, owner, shared, n)
        (owned if owner is not None else unowned).append(row)
    with connection.cursor() as cursor:
        if owned:
            cursor.executemany(_upsert_sql(True), owned)
        if unowned:
            cursor.executemany(_upsert_sql(False), unowned)


def add_incidents(rows: Iterable[tuple[Incident, Iterable[int]]]) -> None:
    """Count new incidents (each with its category ids) into the roll-ups."""
    counts: Counter[Key] = Counter()
    for incident, category_ids in rows:
        counts.update(_keys(incident, list(category_ids)))
    upsert_counts(counts)


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up from the raw incidents; returns the number of roll-up rows."""
    IncidentRollup.objects.all().delete()
    through = Incident.categories.through
    counts: Counter[Key] = Counter()
    # Restricted incidents shared with other organisations are few: counted one by one with their audience.
    shared = Incident.objects.filter(classification=Classification.RESTRICTED, shared_with__isnull=False).distinct()
    for incident in shared.prefetch_related("categories"):
        counts.update(_keys(incident, [c.pk for c in incident.categories.all()]))
    for level in ("incident__place_id", "incident__district_id", "incident__district_area_id"):
        rows = (
            through.objects.filter(**{f"{level}__isnull": False})
            .exclude(incident__in=shared)
            .values(
                level,
                "incident__occurred_at__date",
                "incidentcategory_id",
                "incident__source",
                "incident__classification",
                "incident__owner_organisation_id",
            )
            .annotate(n=Count("id"))
        )
        for r in rows:
            key = (
                r[level],
                r["incident__occurred_at__date"],
                r["incidentcategory_id"],
                r["incident__source"],
                r["incident__classification"],
                r["incident__owner_organisation_id"],
                "",
            )
            counts[key] += r["n"]
    upsert_counts(counts)
    return IncidentRollup.objects.count()
