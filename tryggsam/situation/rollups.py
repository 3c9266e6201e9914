"""Keeping the daily and monthly roll-ups of incidents. The incident writes announce what they add and
change (`incidents.counting`); `RollupCounter`, registered in `SituationConfig.ready`, writes the
roll-ups from those announcements inside the writing transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.core.db import executemany, insert_rows, set_based_writes
from tryggsam.core.models import Classification
from tryggsam.incidents.counting import BatchCounts, IncidentRows
from tryggsam.incidents.models import Incident, counted_q
from tryggsam.situation.models import DailyRollup, MonthlyRollup, RollupCounts

# (area, day, category, source, classification, owner organisation or 0, audience)
Key = tuple[int, dt.date, int, str, str, int, str]


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
        (area, day, category, incident.source, incident.classification, incident.owner_organisation_id or 0, shared)
        for area in areas
        for category in category_ids
    ]


# The roll-up tables, with the column of their period.
TABLES: list[tuple[type[RollupCounts], str]] = [(DailyRollup, "day"), (MonthlyRollup, "month")]
KEY = "area_id, {period}, category_id, source, classification, owner, audience"


# The PostgreSQL array types of the key columns and the count, in the order of KEY.
ARRAY_TYPES = ("bigint[]", "date[]", "bigint[]", "varchar[]", "varchar[]", "bigint[]", "varchar[]", "integer[]")


def _upsert_sql(model: type[RollupCounts], period: str, *, arrays: bool = False) -> str:
    """The upsert of one key (%s per column), or with `arrays` of many keys given as one array per
    column (PostgreSQL's `unnest`; the keys must be distinct)."""
    quote = connection.ops.quote_name
    table, count = quote(model._meta.db_table), quote("count")
    key = KEY.format(period=period)
    values = (
        f"SELECT * FROM unnest({', '.join(f'%s::{t}' for t in ARRAY_TYPES)})"  # noqa: S608 (fixed types)
        if arrays
        else "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
    )
    return (
        f"INSERT INTO {table} ({key}, {count}) {values} "
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    )


def by_month(counts: Counter[Key]) -> Counter[Key]:
    """The daily counts summed per calendar month (keyed by its first day)."""
    months: Counter[Key] = Counter()
    first: dict[dt.date, dt.date] = {}
    for (area, day, *rest), n in counts.items():
        month = first.get(day) or first.setdefault(day, day.replace(day=1))
        months[(area, month, *rest)] += n  # type: ignore[index]
    return months


def _period_rows(counts: dict[Key, int]) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The daily and the monthly upsert rows of the counts, dates as the backend stores them, each list
    sorted in key order (a bulk import's keys run to hundreds of thousands: plain tuples, no Counter)."""
    adapt = connection.ops.adapt_datefield_value
    days, months = {}, {}
    for day in {key[1] for key in counts}:  # few distinct days
        days[day], months[day] = adapt(day), adapt(day.replace(day=1))
    daily: list[tuple[object, ...]] = []
    monthly: dict[tuple[object, ...], int] = {}
    get = monthly.get
    for (area, day, category, source, classification, owner, shared), n in counts.items():
        daily.append((area, days[day], category, source, classification, owner, shared, n))
        key = (area, months[day], category, source, classification, owner, shared)
        monthly[key] = get(key, 0) + n
    daily.sort()
    return daily, sorted([(*key, n) for key, n in monthly.items()])


# From this many keys on, PostgreSQL gets the counts by COPY (`_copy_upsert`) rather than as arrays.
COPY_MIN_KEYS = 2000


def upsert_counts(counts: dict[Key, int]) -> None:
    """Add the counts to the daily and the monthly roll-ups with one upsert per key (INSERT ... ON
    CONFLICT on the primary key, SQLite and PostgreSQL), written in key order so that each page of the
    table is visited once rather than at random."""
    if not counts:
        return
    if set_based_writes() and len(counts) >= COPY_MIN_KEYS:
        _copy_upsert(counts)
        return
    for (model, period), rows in zip(TABLES, _period_rows(counts), strict=True):
        if set_based_writes():
            # One statement over arrays instead of a statement per key (PostgreSQL).
            with connection.cursor() as cursor:
                cursor.execute(
                    _upsert_sql(model, period, arrays=True), [list(column) for column in zip(*rows, strict=True)]
                )
        else:
            executemany(_upsert_sql(model, period), rows)


def _copy_upsert(counts: dict[Key, int]) -> None:
    """The upsert of many keys on PostgreSQL: the daily deltas go by binary COPY into a temporary table
    (dropped at the end), from which one statement upserts the days and one the months, summed on the
    server, both in key order. The arrays of the small case cost the client about 20 us per key (Django's
    cursor quotes every element) and sorting and summing by month in Python as much again."""
    quote = connection.ops.quote_name
    temp = "tryggsam_rollup_deltas"
    columns = [*KEY.format(period="day").split(", "), "count"]
    with transaction.atomic(), connection.cursor() as cursor:  # the table lives until the commit at most
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "  # noqa: S608 (fixed names)
            f"SELECT {', '.join(map(quote, columns))} FROM {quote(DailyRollup._meta.db_table)} WITH NO DATA"
        )
        insert_rows(temp, columns, [(*key, n) for key, n in counts.items()])
        count = quote("count")
        month = "date_trunc('month', day::timestamp)::date"  # `day` is a date: no time zone involved
        # The days are distinct keys already; the months are summed.
        selects = (
            f"{KEY.format(period='day')}, {count} FROM {temp}",
            f"{KEY.format(period=month)}, SUM({count}) FROM {temp} GROUP BY 1, 2, 3, 4, 5, 6, 7",
        )
        for (model, period), select in zip(TABLES, selects, strict=True):
            key, table = KEY.format(period=period), quote(model._meta.db_table)
            cursor.execute(
                f"INSERT INTO {table} ({key}, {count}) SELECT {select} ORDER BY 1, 2, 3, 4, 5, 6, 7 "
                f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
            )
        cursor.execute(f"DROP TABLE {temp}")


class PendingCounts:
    """The roll-up deltas of one bulk import, added batch by batch and written in key order whenever
    more than `max_keys` are pending and at `merge()`, inside the caller's transaction: a large import's
    deltas fall on every area and day, so upserting them batch by batch would rewrite nearly every page
    of the roll-up tables once per batch. (Appending them to a temporary table and merging with one
    `INSERT ... SELECT ... GROUP BY` took as long on SQLite.)"""

    def __init__(self, *, max_keys: int = 500_000) -> None:
        self.max_keys = max_keys
        self.counts: Counter[Key] = Counter()

    def add(self, batch: BatchCounts, source: str) -> None:
        """A bulk batch's counts (`batch_counts`), added in place."""
        batch_counts(batch, source, into=self.counts)
        if len(self.counts) > self.max_keys:
            self.merge()

    def merge(self) -> None:
        upsert_counts(self.counts)
        self.counts.clear()


def add_incidents(rows: IncidentRows) -> None:
    """Count new incidents (each with its category ids) into the roll-ups; those waiting for review
    are left out until they are reviewed."""
    counts: Counter[Key] = Counter()
    for incident, category_ids in rows:
        if not incident.is_counted:
            continue  # a tip counts once it has been reviewed (`other_sources.tip_review`), a duplicate never
        counts.update(_keys(incident, list(category_ids)))
    upsert_counts(counts)


def remove_incidents(rows: IncidentRows) -> None:
    """Take counted incidents (each with the category ids it was counted under) out of the roll-ups:
    before an incident's categories, classification or owner change (then `add_incidents` counts it
    anew) and when it stops counting (marked as a duplicate). Rows that reach zero are deleted."""
    counts: Counter[Key] = Counter()
    for incident, category_ids in rows:
        if incident.is_counted:
            counts.update(_keys(incident, list(category_ids)))
    if not counts:
        return
    fields = ("area_id", "category_id", "source", "classification", "owner", "audience")
    for (model, period), period_counts in zip(TABLES, (counts, by_month(counts)), strict=True):
        for (area, day, *rest), n in period_counts.items():
            row = model._default_manager.filter(**{period: day}, **dict(zip(fields, (area, *rest), strict=True)))
            row.update(count=Greatest(F("count") - n, 0))
            row.filter(count=0).delete()


# Deltas of a bulk import kept in memory before they are upserted (`PendingCounts`).
MAX_PENDING_KEYS = 500_000


def batch_counts(batch: BatchCounts, source: str, into: dict[Key, int] | None = None) -> dict[Key, int]:
    """A bulk batch's counts spread over its area levels and categories (bulk rows are never shared
    with other organisations, so their audience is empty), added to `into` when given."""
    counts: dict[Key, int] = {} if into is None else into
    get = counts.get
    for (place, district, district_area, day, categories, classification, owner), n in batch.items():
        for area_id in (place, district, district_area):
            if area_id:
                for category_id in categories:
                    key = (area_id, day, category_id, source, classification, owner, "")
                    counts[key] = get(key, 0) + n
    return counts


class RollupCounter:
    """The roll-ups as the counter of incidents (`incidents.counting`), registered in `SituationConfig.ready`."""

    def added(self, rows: IncidentRows) -> None:
        add_incidents(rows)

    def removed(self, rows: IncidentRows) -> None:
        remove_incidents(rows)

    @contextmanager
    def bulk(self, *, source: str) -> Iterator[Callable[[BatchCounts], None]]:
        """The deltas of one bulk import are kept (`PendingCounts`) and written when it ends; not when it
        fails (the transaction is rolled back anyway)."""
        pending = PendingCounts(max_keys=MAX_PENDING_KEYS)
        yield lambda batch: pending.add(batch, source)
        pending.merge()


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up from the raw incidents (those waiting for review left out, as
    `add_incidents` does), with one audit row for the run; returns the number of roll-up rows."""
    DailyRollup.objects.all().delete()
    MonthlyRollup.objects.all().delete()
    through = Incident.categories.through
    counts: Counter[Key] = Counter()
    # Restricted incidents shared with other organisations are few: counted one by one with their audience.
    counted = Incident.objects.filter(counted_q())
    shared = counted.filter(classification=Classification.RESTRICTED, shared_with__isnull=False).distinct()
    for incident in shared.prefetch_related("categories"):
        counts.update(_keys(incident, [c.pk for c in incident.categories.all()]))
    for level in ("incident__place_id", "incident__district_id", "incident__district_area_id"):
        rows = (
            through.objects.filter(**{f"{level}__isnull": False})
            .exclude(incident__in=shared)
            .filter(counted_q("incident__"))
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
                r["incident__owner_organisation_id"] or 0,
                "",
            )
            counts[key] += r["n"]
    upsert_counts(counts)
    rows = DailyRollup.objects.count()
    audit_bulk(
        actor=None,
        action=AuditAction.UPDATE,
        model=DailyRollup,
        object_id="*",
        object_repr=_("Sammanställningarna räknade om från händelserna"),
        changes={"rows": [None, rows]},
    )
    return rows


def organisation_merged(removed_id: int, kept_id: int) -> None:
    """The roll-ups keep organisation ids as numbers (owner, audience), which a merge of organisations
    cannot move as foreign keys: when any roll-up names the removed organisation they are recomputed
    from the incidents, which by now point at the kept one (inside the merge's transaction)."""
    for model in (DailyRollup, MonthlyRollup):
        if model.objects.filter(Q(owner=removed_id) | Q(audience__contains=f",{removed_id},")).exists():
            rebuild_rollups()
            return
