"""Import of the Swedish Police open events feed, from a file or from the live API.

Decisions:
- All or nothing: the whole import runs in one transaction. A file or response that cannot be read
  (network error, HTTP error, timeout, malformed JSON, not a list of events) imports nothing and is
  reported as a fatal Swedish error. Single unusable events are rejected and counted, row by row.
- Deduplication by the police id (source police_event, external_id = id), also within one file.
- Speed: incidents, their categories and roll-ups are written by `bulk.insert_incident_rows`. The audit
  trail gets ONE row per import run with the counts and the source, not one row per incident: the
  events are public data written by the system, and per-row audit would multiply the write volume
  of the feed by two without telling anyone more.
- Police events are open (public data) and owned by no organisation.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_bulk
from tryggsam.core.models import Classification
from tryggsam.incidents.bulk import IncidentRow, insert_incident_rows
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police import PoliceEvent, Rejected, locate_event, parse_event
from tryggsam.incidents.services import OTHER, ensure_default_categories

logger = logging.getLogger("tryggsam.incidents.police")

USER_AGENT = "TryggSam/0.1 (kommunal brottsförebyggande samverkan)"
DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 500


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


def read_source(source: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    if is_url(source):
        return fetch_police_events(source, timeout=timeout)
    path = Path(source)
    if not path.is_file():
        raise PoliceFeedError(_("Filen finns inte: %(path)s") % {"path": source})
    if path.stat().st_size > MAX_BYTES:
        raise PoliceFeedError(_("Filen är för stor: %(path)s") % {"path": source})
    return path.read_bytes()


def decode_events(body: bytes) -> list[Any]:
    """The JSON list of events; PoliceFeedError when the body is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise PoliceFeedError(_("Händelserna är inte text i UTF-8.")) from exc
    except json.JSONDecodeError as exc:
        raise PoliceFeedError(
            _("Händelserna är inte giltig JSON (fel på rad %(line)d, kolumn %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except RecursionError as exc:  # nesting deeper than the parser's recursion limit
        raise PoliceFeedError(_("Händelserna är för djupt nästlad JSON; det är inte polisens format.")) from exc
    if not isinstance(data, list):
        raise PoliceFeedError(_("Händelserna ska vara en JSON-lista av händelser."))
    return data


def _incident(event: PoliceEvent) -> Incident:
    location = locate_event(event)
    return Incident(
        source=IncidentSource.POLICE_EVENT,
        external_id=event.external_id,
        original_type=event.event_type,
        occurred_at=event.occurred,
        reported_at=event.published,
        title=event.name or event.event_type,
        description=event.summary,
        url=event.url,
        municipality=event.municipality,
        classification=Classification.OPEN,
        **location.area_fields(),
    )


def _text(value: str) -> str:
    """PostgreSQL text cannot hold NUL characters; they carry nothing in the feed, so they go."""
    return value.replace("\x00", "")


def _row(incident: Incident, category_id: int) -> IncidentRow:
    return IncidentRow(
        occurred_at=incident.occurred_at,
        category_ids=(category_id,),
        district_id=incident.district_id,
        district_area_id=incident.district_area_id,
        place_id=incident.place_id,
        classification=incident.classification,
        external_id=incident.external_id,
        original_type=_text(incident.original_type),
        title=_text(incident.title),
        description=_text(incident.description),
        url=_text(incident.url),
        municipality=_text(incident.municipality),
        reported_at=incident.reported_at,
        lat=incident.lat,
        lon=incident.lon,
        precision=incident.precision,
    )


def _existing_ids(ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        found.update(
            Incident.objects.filter(source=IncidentSource.POLICE_EVENT, external_id__in=chunk).values_list(
                "external_id", flat=True
            )
        )
    return found


def import_events(
    raw_events: list[Any], *, source_label: str, actor: Actor | None = None, dry_run: bool = False
) -> PoliceImportResult:
    """Import parsed-JSON events in one transaction; see the module docstring. With `dry_run` the
    counts are computed and everything is rolled back."""
    result = PoliceImportResult(read=len(raw_events))
    events: list[PoliceEvent] = []
    for index, raw in enumerate(raw_events, start=1):
        parsed = parse_event(raw, index=index)
        if isinstance(parsed, Rejected):
            result.rejected += 1
            result.errors.append(parsed.reason)
        else:
            events.append(parsed)
    with transaction.atomic():
        categories = ensure_default_categories()
        existing = _existing_ids([e.external_id for e in events])
        new: list[tuple[Incident, str]] = []
        for event in events:
            if event.external_id in existing:
                result.duplicates += 1
                continue
            existing.add(event.external_id)
            incident = _incident(event)
            try:
                incident.full_clean(exclude=["categories"], validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                result.rejected += 1
                result.errors.append(
                    _("Händelse med id %(id)s: %(reason)s")
                    % {"id": event.external_id, "reason": "; ".join(exc.messages)}
                )
                continue
            new.append((incident, event.category_code))
        other = categories[OTHER].pk
        insert_incident_rows(
            (_row(incident, categories[code].pk if code in categories else other) for incident, code in new),
            source=IncidentSource.POLICE_EVENT,
        )
        result.created = len(new)
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
        raw_events = decode_events(read_source(source, timeout=timeout))
    except PoliceFeedError as exc:
        logger.error("%s", exc)
        return PoliceImportResult(errors=[str(exc)], fatal=True)
    result = import_events(raw_events, source_label=source, actor=actor, dry_run=dry_run)
    logger.info(
        "Polisens händelser från %s: %d lästa, %d nya, %d dubbletter, %d avvisade.",
        source,
        result.read,
        result.created,
        result.duplicates,
        result.rejected,
    )
    return result
