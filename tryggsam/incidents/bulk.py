"""Bulk import of incidents of any source, announced batch by batch to the counters (the roll-ups) in
the same transaction.

Decisions:
- Speed: rows are plain `IncidentRow` tuples (no model instances), unpacked once per row, written in
  batches with `executemany` (on SQLite straight on the sqlite3 connection, see `core.db.executemany`)
  or, on PostgreSQL, with binary COPY (`core.db.insert_rows`); the ids are reserved up front (PostgreSQL: the
  table's sequence; SQLite: past the highest id ever used, inside the write transaction, so a concurrent
  writer makes the primary key fail loudly rather than mix rows up). Category links likewise. What a
  row adds to the counts is counted once per row in a plain dict (`BatchCounts`, the local day looked
  up per UTC day) and announced once per batch (`counting.bulk_counting`); the roll-ups spread it over
  area levels and categories and upsert it in key order at the end of the run or whenever
  `MAX_PENDING_KEYS` are pending (`situation.rollups.RollupCounter`).
- Validation is the caller's job and is cheap here: the source, classification and precision must be
  valid values and `occurred_at` must be aware; a bad row refuses the whole import (all or nothing).
- `import_incident_rows` writes ONE audit row per run with the count, not one per incident.
- Foreign keys stay checked by the database row by row: on PostgreSQL the deferred checks of the
  incidents' ten keys and the links' two cost about 3 of the server's 7 CPU seconds per 100 000 rows
  (docs/benchmarks.md, item 3). A set query per batch could check and lock the keys as well, but it
  saves nothing unless the rows are written past the per-row triggers, which takes a superuser
  (`session_replication_role`, or disabling the constraint triggers) or dropping the declared
  constraints for hand-written triggers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.core.db import insert_rows
from tryggsam.core.heap import long_lived_objects_frozen
from tryggsam.core.models import Classification
from tryggsam.incidents.counting import BatchCounts, bulk_counting
from tryggsam.incidents.models import Incident, IncidentSource, Precision

BATCH_SIZE = 5000
SQLITE_CACHE_KB = 128 * 1024


class BulkImportError(ValueError):
    """A row cannot be imported; the message is Swedish and nothing was written."""


class IncidentRow(NamedTuple):
    occurred_at: dt.datetime
    category_ids: tuple[int, ...]
    district_id: int | None = None
    district_area_id: int | None = None
    place_id: int | None = None
    classification: str = Classification.OPEN
    owner_organisation_id: int | None = None
    external_id: str = ""
    original_type: str = ""
    title: str = ""
    description: str = ""
    url: str = ""
    municipality: str = ""
    reported_at: dt.datetime | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = Precision.UNKNOWN
    reporting_organisation_id: int | None = None
    reporter_id: int | None = None
    created_by_id: int | None = None


COLUMNS = [
    "id", "created_at", "updated_at", "classification", "owner_organisation_id", "created_by_id", "source",
    "original_type", "occurred_at", "reported_at", "title", "description", "lat", "lon", "precision",
    "place_id", "district_id", "district_area_id", "municipality", "reporting_organisation_id", "reporter_id",
    "external_id", "url",
]  # fmt: skip
CLASSIFICATIONS = frozenset(Classification.values)
PRECISIONS = frozenset(Precision.values)


def _reserve_ids(n: int) -> list[int]:
    table = Incident._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence is looked up once: inside nextval() the (stable) lookup ran for every id.
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [cursor.fetchone()[0], n])
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        top = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            top = max(top, cursor.fetchone()[0])
    return list(range(top + 1, top + 1 + n))


def _check(row: IncidentRow, source: str) -> None:
    """Raise the Swedish error of a row that is not valid (called for the rows the fast test refuses)."""
    if row.classification not in CLASSIFICATIONS or row.precision not in PRECISIONS:
        raise BulkImportError(_("Ogiltig klassning eller precision: %(row)s") % {"row": row.title or row.occurred_at})
    if timezone.is_naive(row.occurred_at):
        raise BulkImportError(_("Tidpunkten saknar tidszon: %(value)s") % {"value": row.occurred_at})
    if not row.category_ids:
        raise BulkImportError(_("Händelsen saknar kategori: %(row)s") % {"row": row.title or row.occurred_at})


class _LocalDays:
    """The local day of a UTC time, looked up per UTC day: `astimezone` per row costs more than the
    rest of a row's Python work. Within a UTC day of one UTC offset the local day changes at most once,
    at local midnight (`cut`); a UTC day with a change of offset is computed row by row."""

    def __init__(self) -> None:
        self.tz = timezone.get_current_timezone()
        self.utc_days: dict[int, tuple[dt.datetime, dt.date, dt.date] | None] = {}

    def _utc_day(self, ordinal: int) -> tuple[dt.datetime, dt.date, dt.date] | None:
        start = dt.datetime.fromordinal(ordinal)
        offset = start.replace(tzinfo=dt.UTC).astimezone(self.tz).utcoffset()
        last = (start + dt.timedelta(days=1, microseconds=-1)).replace(tzinfo=dt.UTC).astimezone(self.tz)
        if offset is None or last.utcoffset() != offset:
            return None
        before = (start + offset).date()
        cut = dt.datetime.combine(before + dt.timedelta(days=1), dt.time()) - offset
        return cut, before, before + dt.timedelta(days=1)

    def day(self, utc: dt.datetime) -> dt.date:
        """The local day of a naive UTC datetime."""
        ordinal = utc.toordinal()
        try:
            known = self.utc_days[ordinal]
        except KeyError:
            known = self.utc_days[ordinal] = self._utc_day(ordinal)
        if known is None:
            return utc.replace(tzinfo=dt.UTC).astimezone(self.tz).date()
        cut, before, after = known
        return before if utc < cut else after


def _write_batch(rows: list[IncidentRow], source: str, now: Any, days: _LocalDays) -> BatchCounts:
    """Write one batch (incidents, then category links) and return what it adds to the counts. The
    per-row work is kept to unpacking the row, one subtraction for UTC and a dict lookup for the local
    day: at a few microseconds per row it is a fair share of what SQLite itself spends on the row."""
    sqlite = connection.vendor == "sqlite"
    adapt_dt = connection.ops.adapt_datetimefield_value
    ids = _reserve_ids(len(rows))
    incidents, links = [], []
    pending: BatchCounts = {}
    get = pending.get
    day_of = days.day
    for pk, row in zip(ids, rows, strict=True):
        (occurred, categories, district, district_area, place, classification, owner, external_id, original_type,
         title, description, url, municipality, reported_at, lat, lon, precision, reporting_organisation, reporter,
         created_by) = row  # fmt: skip
        offset = occurred.utcoffset()
        if offset is None or not categories or classification not in CLASSIFICATIONS or precision not in PRECISIONS:
            _check(row, source)
        utc = occurred.replace(tzinfo=None) - offset  # type: ignore[operator]  # _check refused a naive time
        reported: Any
        stored: Any
        if sqlite:
            # What Django's SQLite backend stores for an aware datetime (UTC, naive, str), without its checks.
            stored = str(utc)
            reported = str(reported_at.replace(tzinfo=None) - reported_at.utcoffset()) if reported_at else now  # type: ignore[operator]
        else:
            stored = adapt_dt(occurred)
            reported = adapt_dt(reported_at) if reported_at else now
        incidents.append(
            (pk, now, now, classification, owner, created_by, source, original_type, stored, reported, title,
             description, lat, lon, precision, place, district, district_area, municipality,
             reporting_organisation, reporter, external_id, url)
        )  # fmt: skip
        if len(categories) == 1:
            links.append((pk, categories[0]))
        else:
            categories = tuple(dict.fromkeys(categories))
            links.extend((pk, category_id) for category_id in categories)
        key = (place, district, district_area, day_of(utc), categories, classification, owner or 0)
        pending[key] = get(key, 0) + 1
    insert_rows(Incident._meta.db_table, COLUMNS, incidents)
    insert_rows(Incident.categories.through._meta.db_table, ["incident_id", "incidentcategory_id"], links)
    return pending


def _batches(rows: Iterable[IncidentRow], size: int) -> Iterator[list[IncidentRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_incident_rows(rows: Iterable[IncidentRow], *, source: str, batch_size: int | None = None) -> int:
    """Write the rows and announce them batch by batch (the roll-ups); call inside a transaction (the
    caller audits). Returns the count. Every `batch_size` (default `BATCH_SIZE`) rows taken are written before the next is
    taken (the police import's duplicate check relies on it); memory holds one batch, so a caller with
    fat rows (long texts) may ask for smaller batches."""
    if source not in IncidentSource.values:
        raise BulkImportError(_("Okänd källa: %(source)s") % {"source": source})
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    days = _LocalDays()
    written = 0
    with long_lived_objects_frozen(), _sqlite_cache(), bulk_counting(source=source) as announce:
        for batch in _batches(rows, batch_size or BATCH_SIZE):
            announce(_write_batch(batch, source, now, days))
            written += len(batch)
    return written


@contextmanager
def _sqlite_cache() -> Iterator[None]:
    """SQLite's default page cache is 2 MB; the index inserts of a large import need more."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(before)}")


@transaction.atomic
def import_incident_rows(
    rows: Iterable[IncidentRow], *, source: str, actor: Actor | None = None, note: str = ""
) -> int:
    """Import the rows all or nothing, keep the roll-ups, and write one audit row for the run."""
    written = insert_incident_rows(rows, source=source)
    audit_bulk(
        actor=actor,
        action=AuditAction.IMPORT,
        model=Incident,
        object_id=source,
        object_repr=_("Massimport av händelser"),
        changes={"created": written},
        note=note,
    )
    return written
