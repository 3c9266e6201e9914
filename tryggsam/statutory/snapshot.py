"""A document as data: the sections its builders make for one reader, with the title, period,
version and the marking of what it counts. A draft is built live for whoever reads it; deciding a
document stores two of these (the members' version, built as the one who decides, and the public
version, built as an anonymous visitor) in the record, and the DOCX and PDF are rendered from the
stored JSON, so a decided version reads the same whatever happens to the data later."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Reader
from tryggsam.core.models import Classification
from tryggsam.statutory.models import StatutoryDocument
from tryggsam.statutory.sections import DocumentContext, build_sections, section_classification, strictest

SNAPSHOT_FORMAT = 1


def period_of(document: StatutoryDocument, *, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The calendar year, up to today while it runs."""
    today = today or timezone.localdate()
    start, end = dt.date(document.year, 1, 1), dt.date(document.year, 12, 31)
    if start <= today < end:
        end = today
    return start, end


def area_of(document: StatutoryDocument) -> Any:
    if document.area is not None:
        return document.area
    return document.forum.area if document.forum is not None else None


def marking(classification: str) -> str:
    if classification == Classification.RESTRICTED:
        return _("Begränsad – innehåller uppgifter som bara vissa organisationer får läsa; sprids inte vidare")
    if classification == Classification.INTERNAL:
        return _("Intern – för samverkansparterna, sprids inte vidare")
    return _("Öppen")


def build_snapshot(reader: Reader, document: StatutoryDocument, *, now: dt.datetime | None = None) -> dict[str, Any]:
    now = timezone.localtime(now)
    start, end = period_of(document, today=now.date())
    ctx = DocumentContext(reader=reader, document=document, area=area_of(document), start=start, end=end, made=now)
    sections = build_sections(ctx)
    classification = Classification.OPEN if ctx.public else strictest(*map(section_classification, sections))
    return {
        "format": SNAPSHOT_FORMAT,
        "title": _("%(kind)s %(year)s – %(scope)s")
        % {"kind": document.get_kind_display(), "year": document.year, "scope": document.scope_name},
        "kind": document.kind,
        "scope": document.scope_name,
        "area": ctx.area.name if ctx.area is not None else "",
        "year": document.year,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "version": document.version,
        "made": now.isoformat(timespec="minutes"),
        "public": ctx.public,
        "classification": classification,
        "marking": marking(classification),
        "sections": [s.as_json() for s in sections],
    }


def public_snapshot(document: StatutoryDocument, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The public version: the same builders, read as an anonymous visitor (the public picture's rules)."""
    return build_snapshot(AnonymousUser(), document, now=now)
