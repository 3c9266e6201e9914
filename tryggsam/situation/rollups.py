"""Keeping the daily roll-ups of incidents. Called by the incident writes inside their transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from tryggsam.incidents.models import Incident
from tryggsam.situation.models import IncidentRollup

Key = tuple[int, dt.date, int, str, str, int | None]


def _keys(incident: Incident, category_ids: Iterable[int]) -> list[Key]:
    day = timezone.localtime(incident.occurred_at).date()
    areas = [a for a in (incident.place_id, incident.district_id, incident.district_area_id) if a]
    return [
        (area, day, category, incident.source, incident.classification, incident.owner_organisation_id)
        for area in areas
        for category in category_ids
    ]


def _apply(counts: Counter[Key]) -> None:
    if not counts:
        return
    areas = {k[0] for k in counts}
    days = {k[1] for k in counts}
    existing = {
        (r.area_id, r.day, r.category_id, r.source, r.classification, r.owner_organisation_id): r
        for r in IncidentRollup.objects.filter(area_id__in=areas, day__in=days)
    }
    changed, new = [], []
    for key, n in counts.items():
        row = existing.get(key)
        if row is None:
            new.append(
                IncidentRollup(
                    area_id=key[0],
                    day=key[1],
                    category_id=key[2],
                    source=key[3],
                    classification=key[4],
                    owner_organisation_id=key[5],
                    count=n,
                )
            )
        else:
            row.count += n
            changed.append(row)
    IncidentRollup.objects.bulk_update(changed, ["count"], batch_size=1000)
    IncidentRollup.objects.bulk_create(new, batch_size=1000)


def add_incidents(rows: Iterable[tuple[Incident, Iterable[int]]]) -> None:
    """Count new incidents (each with its category ids) into the roll-ups."""
    counts: Counter[Key] = Counter()
    for incident, category_ids in rows:
        counts.update(_keys(incident, list(category_ids)))
    _apply(counts)


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up from the raw incidents; returns the number of roll-up rows."""
    IncidentRollup.objects.all().delete()
    through = Incident.categories.through
    counts: Counter[Key] = Counter()
    for level in ("incident__place_id", "incident__district_id", "incident__district_area_id"):
        rows = (
            through.objects.filter(**{f"{level}__isnull": False})
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
            )
            counts[key] += r["n"]
    _apply(counts)
    return IncidentRollup.objects.count()
