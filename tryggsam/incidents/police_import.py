"""Import of the Swedish Police open events feed, from a file or from the live API.

Decisions:
- All or nothing: the whole import runs in one transaction. A file or response that cannot be read
  (network error, HTTP error, timeout, malformed JSON, not a list of events) imports nothing and is
  reported as a fatal Swedish error. Single unusable events are rejected and counted, row by row.
- Files of any size: a file is read element by element as it is imported (`json_stream`), so memory
  is bounded by a batch of events and the ids of the run, not by the file; an error late in the file
  still rolls everything back. Only a URL's response is read whole, within `MAX_BYTES`.
- Deduplication by the police id (source police_event, external_id = id), also within one file,
  asked a batch at a time through the partial unique index (see `_ExistingIds`).
- Each event is checked by the parser and the URL check, not by a model's `full_clean` (what it would
  check beyond the URL, the parser already bounds), and written as a plain row.
- Speed: incidents, their categories and roll-ups are written by `bulk.insert_incident_rows`. The audit
  trail gets ONE row per import run with the counts and the source, not one row per incident: the
  events are public data written by the system, and per-row audit would multiply the write volume
  of the feed by two without telling anyone more.
- Police events are open (public data) and owned by no organisation.
"""

from __future__ import annotations

import io
import json
import logging
import re
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.core.models import Classification
from tryggsam.incidents.bulk import IncidentRow, insert_incident_rows
from tryggsam.incidents.json_stream import NotAnArray, iter_json_array
from tryggsam.incidents.locating import TextLocator
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police import PoliceEvent, Rejected, home_municipality, locate_event, parse_event
from tryggsam.incidents.services import OTHER, ensure_default_categories

logger = logging.getLogger("tryggsam.incidents.police")

USER_AGENT = "TryggSam/0.1 (kommunal brottsförebyggande samverkan)"
DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 500
WRITE_BATCH_SIZE = 1000  # rows per write: an event carries its summary, so fewer than the bulk default
_URL_VALIDATOR = URLValidator()  # what Incident.url's URLField checks
_OPEN = str(Classification.OPEN)  # the plain string: an enum member's comparisons go through Python
_PLAIN_URL = re.compile(r"https://(www\.)?polisen\.se/[A-Za-z0-9/_.~-]*")  # passes it, checked faster


class PoliceFeedError(Exception):
    """The feed could not be read at all; the message is Swedish and nothing was imported."""


@dataclass
class PoliceImportResult:
    read: int = 0
    created: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    fatal: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "created": self.created,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "errors": self.errors,
        }


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch_police_events(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """GET the events with the User-Agent the open-data rules ask for. Raises PoliceFeedError."""
    if not is_url(url):
        raise PoliceFeedError(_("Adressen måste börja med http:// eller https://: %(url)s") % {"url": url})
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked above)
            body: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise PoliceFeedError(
            _("Polisens händelser kunde inte hämtas från %(url)s: servern svarade med HTTP-status %(status)d.")
            % {"url": url, "status": exc.code}
        ) from exc
    except TimeoutError as exc:
        raise PoliceFeedError(
            _("Polisens händelser kunde inte hämtas från %(url)s: inget svar inom %(seconds)s sekunder.")
            % {"url": url, "seconds": f"{timeout:g}"}
        ) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise PoliceFeedError(
                _("Polisens händelser kunde inte hämtas från %(url)s: inget svar inom %(seconds)s sekunder.")
                % {"url": url, "seconds": f"{timeout:g}"}
            ) from exc
        raise PoliceFeedError(
            _("Polisens händelser kunde inte hämtas från %(url)s: %(reason)s") % {"url": url, "reason": exc.reason}
        ) from exc
    except (OSError, ValueError) as exc:
        raise PoliceFeedError(
            _("Polisens händelser kunde inte hämtas från %(url)s: %(reason)s") % {"url": url, "reason": exc}
        ) from exc
    if len(body) > MAX_BYTES:
        raise PoliceFeedError(_("Svaret från %(url)s är för stort.") % {"url": url})
    return body


@contextmanager
def open_source(source: str, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[BinaryIO]:
    """The events' bytes as a stream: a file of any size is read as it is imported; a URL's response
    (the live feed, a few hundred events) is fetched whole first, within `MAX_BYTES`."""
    if is_url(source):
        yield io.BytesIO(fetch_police_events(source, timeout=timeout))
        return
    path = Path(source)
    if not path.is_file():
        raise PoliceFeedError(_("Filen finns inte: %(path)s") % {"path": source})
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise PoliceFeedError(_("Filen kan inte läsas: %(path)s") % {"path": source}) from exc
    with stream:
        yield stream


def iter_police_events(stream: BinaryIO) -> Iterator[Any]:
    """The events of a JSON list, one at a time (`json_stream`); PoliceFeedError when the input is not
    one. Raised while the events are imported, so the import's transaction rolls back."""
    try:
        yield from iter_json_array(stream)
    except UnicodeDecodeError as exc:
        raise PoliceFeedError(_("Händelserna är inte text i UTF-8.")) from exc
    except json.JSONDecodeError as exc:
        raise PoliceFeedError(
            _("Händelserna är inte giltig JSON (fel på rad %(line)d, kolumn %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except RecursionError as exc:  # nesting deeper than the parser's recursion limit
        raise PoliceFeedError(_("Händelserna är för djupt nästlad JSON; det är inte polisens format.")) from exc
    except NotAnArray as exc:
        raise PoliceFeedError(_("Händelserna ska vara en JSON-lista av händelser.")) from exc
    except OSError as exc:
        raise PoliceFeedError(_("Händelserna kunde inte läsas: %(reason)s") % {"reason": exc}) from exc


def _row(event: PoliceEvent, category_ids: tuple[int], locator: TextLocator, home: str) -> IncidentRow:
    """The incident's row. Its texts are the parser's, which has already stripped control characters
    (PostgreSQL text cannot hold NUL)."""
    location = locate_event(event, locator, home=home)
    district, district_area, place = location.district, location.district_area, location.place
    return IncidentRow(
        event.occurred,
        category_ids,
        district.pk if district else None,
        district_area.pk if district_area else None,
        place.pk if place else None,
        _OPEN,
        None,  # owner organisation: none, the events are public
        event.external_id,
        event.event_type,
        event.name or event.event_type,  # title
        event.summary,  # description
        event.url,
        event.municipality,
        event.published,  # reported at
        location.lat,
        location.lon,
        location.precision,
    )  # by position: keywords cost a dict per event


def _invalid_url(event: PoliceEvent) -> str:
    """The reason the event's link is refused, or "" (the parser keeps only links to the police site;
    this is the model's own URL check, the only one of its field checks the parser does not already make)."""
    if not event.url or _PLAIN_URL.fullmatch(event.url):
        return ""
    try:
        _URL_VALIDATOR(event.url)
    except ValidationError as exc:
        return "; ".join(exc.messages)
    return ""


def existing_ids_query(ids: list[str]) -> QuerySet[Incident, str]:
    """The ids among `ids` already imported. The condition `external_id <> ''` repeats the predicate of
    the partial unique index (source, external_id), so that SQLite and PostgreSQL may use it: without it
    neither proves that the index covers the rows asked for, and both scan the table
    (docs/benchmarks.md, issue 17 item 2)."""
    return (
        Incident.objects.filter(source=IncidentSource.POLICE_EVENT, external_id__in=ids)
        .exclude(external_id="")
        .order_by()
        .values_list("external_id", flat=True)
    )


class _ExistingIds:
    """`existing_ids_query` for one run: its SQL is compiled once, for `BATCH_SIZE` ids, and then only
    executed with each batch's ids in place (a shorter batch padded with "", which the query's own
    condition `external_id <> ''` never finds), so the database sees one statement text the whole run.
    Building the query through the ORM for every batch cost more than the search in the index."""

    def __init__(self) -> None:
        markers = [f"\x00{k}" for k in range(BATCH_SIZE)]  # no external id holds NUL (control characters go)
        self._sql, params = existing_ids_query(markers).query.sql_with_params()
        self._params = list(params)
        where = {value: position for position, value in enumerate(self._params) if isinstance(value, str)}
        self._slots = [where[marker] for marker in markers]

    def __call__(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        params = self._params
        slots = self._slots
        with connection.cursor() as cursor:
            for start in range(0, len(ids), BATCH_SIZE):
                chunk = ids[start : start + BATCH_SIZE]
                chunk += [""] * (BATCH_SIZE - len(chunk))
                for slot, value in zip(slots, chunk, strict=True):
                    params[slot] = value
                cursor.execute(self._sql, params)
                found.update(row[0] for row in cursor.fetchall())
        return found


def _new_rows(
    raw_events: Iterable[Any], result: PoliceImportResult, categories: dict[str, Any]
) -> Iterator[IncidentRow]:
    """The rows to write, read and checked a batch at a time (counted in `result` as they go): the
    duplicate check asks the database once per batch, and the ids not yet written are remembered, so that
    an event repeated within the file is a duplicate too."""
    other = categories[OTHER].pk
    category_ids: dict[str, tuple[int]] = {}  # event type → its category, looked up once per type
    locator = TextLocator()  # the gazetteer taken once, each named area read once
    existing_ids = _ExistingIds()
    home = home_municipality()
    # The ids yielded but perhaps not yet written: the bulk writer writes every `WRITE_BATCH_SIZE` rows it
    # has taken, so older ones are in the table, where the duplicate check finds them. Memory stays
    # bounded however long the file.
    recent: deque[str] = deque()
    seen: set[str] = set()
    index = 0
    iterator = iter(raw_events)
    while batch := list(islice(iterator, BATCH_SIZE)):
        events: list[PoliceEvent] = []
        for raw in batch:
            index += 1
            parsed = parse_event(raw, index=index)
            if isinstance(parsed, Rejected):
                result.rejected += 1
                result.errors.append(parsed.reason)
            else:
                events.append(parsed)
        result.read += len(batch)
        existing = existing_ids([e.external_id for e in events if e.external_id not in seen])
        for event in events:
            if event.external_id in seen or event.external_id in existing:
                result.duplicates += 1
                continue
            seen.add(event.external_id)
            if reason := _invalid_url(event):
                result.rejected += 1
                result.errors.append(
                    _("Händelse med id %(id)s: %(reason)s") % {"id": event.external_id, "reason": reason}
                )
                continue  # stays in `seen`: it is never written, and a repeat is still a duplicate
            recent.append(event.external_id)
            if len(recent) > WRITE_BATCH_SIZE:
                seen.discard(recent.popleft())
            ids = category_ids.get(event.event_type)
            if ids is None:
                category = categories.get(event.category_code)
                ids = category_ids[event.event_type] = (category.pk if category is not None else other,)
            result.created += 1
            yield _row(event, ids, locator, home)


def import_events(
    raw_events: Iterable[Any], *, source_label: str, actor: Actor | None = None, dry_run: bool = False
) -> PoliceImportResult:
    """Import parsed-JSON events (a list, or an iterator such as `iter_police_file`, read once) in one
    transaction; see the module docstring. With `dry_run` the counts are computed and everything is
    rolled back. A `PoliceFeedError` raised by the iterator rolls everything back and propagates."""
    result = PoliceImportResult()
    with transaction.atomic():
        categories = ensure_default_categories()
        insert_incident_rows(
            _new_rows(raw_events, result, categories),
            source=IncidentSource.POLICE_EVENT,
            batch_size=WRITE_BATCH_SIZE,
        )
        _audit_run(actor=actor, source_label=source_label, result=result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _audit_run(*, actor: Actor | None, source_label: str, result: PoliceImportResult) -> None:
    audit_bulk(
        actor=actor,
        action=AuditAction.IMPORT,
        model=Incident,
        object_id=IncidentSource.POLICE_EVENT,
        object_repr=_("Import av polisens händelser"),
        changes={k: v for k, v in result.as_dict().items() if k != "errors"},
        note=source_label,
    )


def import_police_source(
    source: str, *, timeout: float = DEFAULT_TIMEOUT, actor: Actor | None = None, dry_run: bool = False
) -> PoliceImportResult:
    """Read a file or URL and import it. A fatal error is logged, returned in `errors` with
    `fatal=True`, and leaves the database unchanged."""
    try:
        with open_source(source, timeout=timeout) as stream:
            result = import_events(iter_police_events(stream), source_label=source, actor=actor, dry_run=dry_run)
    except PoliceFeedError as exc:
        logger.error("%s", exc)
        return PoliceImportResult(errors=[str(exc)], fatal=True)
    logger.info(
        "Polisens händelser från %s: %d lästa, %d nya, %d dubbletter, %d avvisade.",
        source,
        result.read,
        result.created,
        result.duplicates,
        result.rejected,
    )
    return result
