"""Keeping the daily and monthly roll-ups of incidents. Called by the incident writes inside their transaction."""

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
from tryggsam.situation.models import IncidentRollup, IncidentRollupMonth, RollupCounts

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


def executemany(sql: str, rows: list[tuple[Any, ...]]) -> None:
    """`cursor.executemany` (with %s placeholders); on SQLite straight on the sqlite3 connection, which
    skips Django's cursor wrapper and its per-call rewriting of the parameters (errors are still
    Django's). Inside the caller's transaction."""
    if not rows:
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.wrap_database_errors:
            connection.connection.executemany(sql.replace("%s", "?"), rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# The roll-up tables: the daily one and the monthly one, with the column of their period and, for the
# merge of a bulk import's deltas on SQLite, the expression that turns a delta's day into that period.
TABLES: list[tuple[type[RollupCounts], str, str]] = [
    (IncidentRollup, "day", "day"),
    (IncidentRollupMonth, "month", "substr(day, 1, 8) || '01'"),
]


def _conflict_target(period: str, with_owner: bool) -> str:
    key = f"area_id, {period}, category_id, source, classification"
    return (
        f"({key}, owner_organisation_id, audience)"
        if with_owner
        else f"({key}, audience) WHERE owner_organisation_id IS NULL"
    )


def _upsert_sql(model: type[RollupCounts], period: str, with_owner: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    return (
        f"INSERT INTO {table} (area_id, {period}, category_id, source, classification, "  # noqa: S608 (model names)
        f"owner_organisation_id, audience, {quote('count')}) "
        f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT {_conflict_target(period, with_owner)} "
        f"DO UPDATE SET {quote('count')} = {table}.{quote('count')} + excluded.{quote('count')}"
    )


def _rows(counts: Counter[Key]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The counts as parameter rows, with and without owner, each in index order."""
    adapt = connection.ops.adapt_datefield_value
    owned: list[tuple[Any, ...]] = []
    unowned: list[tuple[Any, ...]] = []
    for (area, day, category, source, classification, owner, shared), n in counts.items():
        row = (area, adapt(day), category, source, classification, owner, shared, n)
        (owned if owner is not None else unowned).append(row)
    owned.sort()
    unowned.sort()
    return owned, unowned


def by_month(counts: Counter[Key]) -> Counter[Key]:
    """The daily counts summed per calendar month (keyed by its first day)."""
    months: Counter[Key] = Counter()
    for (area, day, *rest), n in counts.items():
        months[(area, day.replace(day=1), *rest)] += n  # type: ignore[index]
    return months


def upsert_counts(counts: Counter[Key]) -> None:
    """Add the counts to the daily and the monthly roll-ups with one upsert per key (INSERT ... ON
    CONFLICT, SQLite and PostgreSQL). Rows without owner use the partial unique index, since NULLs are
    distinct. The keys are written in index order, so that each index page is visited once rather than
    at random."""
    if not counts:
        return
    for (model, period, _expression), period_counts in zip(TABLES, (counts, by_month(counts)), strict=True):
        owned, unowned = _rows(period_counts)
        executemany(_upsert_sql(model, period, True), owned)
        executemany(_upsert_sql(model, period, False), unowned)


DELTA_TABLE = "tryggsam_rollup_delta"
DELTA_COLUMNS = "area_id, day, category_id, source, classification, owner_organisation_id, audience"


class PendingCounts:
    """The roll-up deltas of one bulk import, added batch by batch and written by `merge()`, inside the
    caller's transaction.

    On SQLite they are appended to a temporary table (no index, so appending is cheap and memory stays
    flat) and merged with one sorted `INSERT ... SELECT ... GROUP BY ... ON CONFLICT` per owner kind: the
    deltas of a large import fall on every area and day, so upserting them batch by batch would rewrite
    nearly every page of the roll-up indexes once per batch, and merging once writes each page once.
    Elsewhere they are summed in memory and upserted whenever more than `max_keys` keys are pending."""

    def __init__(self, *, max_keys: int = 500_000) -> None:
        self.max_keys = max_keys
        self.counts: Counter[Key] = Counter()
        self.spilled = False

    def add(self, counts: Counter[Key]) -> None:
        if connection.vendor != "sqlite":
            self.counts.update(counts)
            if len(self.counts) > self.max_keys:
                upsert_counts(self.counts)
                self.counts.clear()
            return
        if not self.spilled:
            connection.ensure_connection()
            raw = connection.connection
            raw.execute(f"DROP TABLE IF EXISTS temp.{DELTA_TABLE}")
            raw.execute(f"CREATE TEMP TABLE {DELTA_TABLE} ({DELTA_COLUMNS}, n)")
            self.spilled = True
        executemany(
            f"INSERT INTO temp.{DELTA_TABLE} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            [(area, day.isoformat(), *rest, n) for (area, day, *rest), n in counts.items()],
        )

    def merge(self) -> None:
        if not self.spilled:
            upsert_counts(self.counts)
            self.counts.clear()
            return
        count = connection.ops.quote_name("count")
        raw = connection.connection
        for model, period, expression in TABLES:
            table = connection.ops.quote_name(model._meta.db_table)
            columns = f"area_id, {expression}, category_id, source, classification, owner_organisation_id, audience"
            for with_owner in (True, False):
                with connection.wrap_database_errors:
                    raw.execute(
                        f"INSERT INTO {table} (area_id, {period}, category_id, source, classification, "  # noqa: S608
                        f"owner_organisation_id, audience, {count}) "
                        f"SELECT {columns}, SUM(n) FROM temp.{DELTA_TABLE} "
                        f"WHERE owner_organisation_id IS {'NOT ' if with_owner else ''}NULL "
                        f"GROUP BY {columns} ORDER BY {columns} "
                        f"ON CONFLICT {_conflict_target(period, with_owner)} "
                        f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
                    )
        raw.execute(f"DROP TABLE temp.{DELTA_TABLE}")
        self.spilled = False


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
    IncidentRollupMonth.objects.all().delete()
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
