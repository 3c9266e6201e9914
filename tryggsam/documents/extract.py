"""`extract(path)`: the structure of an old minutes, action plan or agreement, for review before saving.

The result has exactly the keys of the import format (issue 3): kind, title, organisation, forum,
meeting, attendees, items, decisions, work_tables, focus_areas, next_meetings, places, contacts and
warnings. Only an unreadable file raises (`UnreadableDocument`); anything in a readable file that
cannot be read with confidence is left out and said in `warnings`, never guessed. Personal data is
masked before the result leaves here (`personal_data`), with a warning per place. Nothing is written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.db import DatabaseError
from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.parsing.attendees import parse_attendees
from tryggsam.documents.parsing.contacts import find_contacts
from tryggsam.documents.parsing.flattened import unflatten
from tryggsam.documents.parsing.focus_areas import parse_focus_areas, parse_listed_focus_areas
from tryggsam.documents.parsing.header import MEETING_LABELS, Header, read_header
from tryggsam.documents.parsing.items import parse_decisions, parse_items
from tryggsam.documents.parsing.kinds import head_lines, names_a_kind, read_kind
from tryggsam.documents.parsing.lines import at_line
from tryggsam.documents.parsing.meetings import parse_next_meetings
from tryggsam.documents.parsing.promises import parse_citizen_promise
from tryggsam.documents.parsing.structure import find_items
from tryggsam.documents.parsing.titles import fallback_title, is_weak_title
from tryggsam.documents.parsing.work_tables import parse_work_tables
from tryggsam.documents.personal_data import mask_extracted
from tryggsam.documents.readers import DocumentText, read_document
from tryggsam.documents.review import unread_lines
from tryggsam.places.gazetteer import Gazetteer, current_gazetteer, find_places

__all__ = ["UnreadableDocument", "extract", "extract_text"]

logger = logging.getLogger(__name__)
T = TypeVar("T")


def extract(path: Path | str, *, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Read and parse the document at `path`; raises only UnreadableDocument. A batch passes the
    `gazetteer` it took once (the place names as they were when it started); otherwise the current one
    is looked up."""
    return extract_text(read_document(path), name=Path(path).stem, gazetteer=gazetteer)


def extract_text(
    document: DocumentText, *, name: str | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, Any]:
    return _read(document, name, gazetteer)[0]


def extract_for_review(path: Path | str) -> tuple[dict[str, Any], dict[str, Any]]:
    """`extract(path)` and, for the review screen, where the title and the meeting's date were read
    (their source lines) and the lines that fed no fact ('inte läst'); see `documents.review`."""
    document = read_document(path)
    result, lines = _read(document, Path(path).stem)
    return result, {"lines": lines, "unread": unread_lines(document.blocks, result)}


def _read(
    document: DocumentText, name: str | None, gazetteer: Gazetteer | None = None
) -> tuple[dict[str, Any], dict[str, int | None]]:
    warnings: list[str] = list(document.warnings)
    blocks = unflatten(document.blocks)  # chrome dropped, flattened lines cut at labels and items

    def guarded(part: str, parse: Callable[[], T], fallback: Any) -> T:
        """A parser that fails on some odd input loses its part of the result, not the whole import."""
        try:
            return parse()
        except Exception:
            logger.exception("document parser %s failed", part)
            warnings.append(_("Delen ”%(part)s” kunde inte läsas ur dokumentet.") % {"part": part})
            return fallback

    item_starts = guarded("punkter", lambda: find_items(blocks), [])
    first_item = item_starts[0][0] if item_starts else None
    header = guarded("mötesuppgifter", lambda: read_header(blocks, first_item), Header())
    warnings.extend(header.warnings)
    attendees, attendee_warnings = guarded(
        "deltagare", lambda: parse_attendees(blocks, stop_labels=MEETING_LABELS), ([], [])
    )
    warnings.extend(attendee_warnings)
    work_tables, table_blocks = guarded(
        "arbetstabeller", lambda: parse_work_tables(blocks, from_text=document.source_format == "text"), ([], set())
    )
    focus_areas, focus_warnings = guarded(
        "fokusområden", lambda: parse_focus_areas(blocks, hard_breaks=document.hard_breaks), ([], [])
    )
    warnings.extend(focus_warnings)
    plain = document.plain_text()
    next_meetings, meeting_warnings = guarded(
        "kommande möten", lambda: parse_next_meetings(blocks, document_date=header.date, all_text=plain), ([], [])
    )
    warnings.extend(meeting_warnings)
    lines = plain.splitlines()
    reading = read_kind(
        lines,
        has_attendees=bool(attendees),
        items=len(item_starts),
        labelled_focus_areas=len(focus_areas),
        meeting=bool(header.date or header.location or header.chair or next_meetings),
    )
    kind = reading.kind
    warnings.extend(reading.warnings)
    plan: dict[str, Any] | None = None
    if kind == "citizen_promise":
        promises, plan, promise_warnings = guarded(
            "löften", lambda: parse_citizen_promise(blocks, title_lines=head_lines(lines)), ([], None, [])
        )
        warnings.extend(promise_warnings)
        focus_areas = promises or focus_areas
    elif not focus_areas:
        focus_areas = guarded("fokusområden", lambda: parse_listed_focus_areas(blocks), [])
    items = (
        guarded("punkter", lambda: parse_items(blocks, table_blocks), []) if kind == "minutes" or item_starts else []
    )
    decisions = guarded("beslut", lambda: parse_decisions(blocks, items), [])
    contacts = guarded("kontakter", lambda: find_contacts(blocks), [])
    places = guarded("platser", lambda: _places(plain, warnings, gazetteer), [])
    if kind == "minutes" and header.date is None:
        warnings.append(_("Mötets datum hittades inte i dokumentet."))
    title, title_line = _title(header, kind, name, warnings)
    result = {
        "kind": kind,
        "title": title,
        "organisation": header.organisation,
        "forum": header.forum,
        "meeting": {
            "date": header.date.isoformat() if header.date else None,
            "start": header.start,
            "end": header.end,
            "location": header.location,
            "chair": header.chair,
        },
        "attendees": [a.as_dict() for a in attendees],
        "items": items,
        "decisions": decisions,
        "work_tables": [t.as_dict() for t in work_tables],
        "focus_areas": focus_areas,
        "next_meetings": next_meetings,
        "places": places,
        "contacts": [contact for contact, _published in contacts],
        "warnings": list(dict.fromkeys(warnings)),
    }
    if plan is not None:
        result["plan"] = plan
    masked = mask_extracted(result, published_contact_fields=[published for _contact, published in contacts])
    return masked, {"title": title_line, "date": header.date_line}


def _title(header: Header, kind: str, name: str | None, warnings: list[str]) -> tuple[str | None, int | None]:
    """The first line of the title zone that can be a title; else one made of what was read."""
    for k, (text, line) in enumerate(zip(header.title_zone, header.zone_lines, strict=False)):
        forum_word = bool(header.forum and header.forum in text)
        if not is_weak_title(text, forum_word=forum_word) and (k == 0 or forum_word or names_a_kind(text)):
            if k:
                warnings.append(
                    at_line(header.title_line, _("”%(text)s” är ingen rubrik; rubriken togs från rad %(line)s.")
                            % {"text": (header.title or "")[:80], "line": line})
                )  # fmt: skip
            return text, line
    date = header.date.isoformat() if header.date else None
    title = fallback_title(kind=kind, forum=header.forum, date=date, file_name=name)
    if header.title:
        message = _(
            "”%(text)s” kan inte vara dokumentets rubrik (en hälsning, en avbruten rad eller sidans "
            "navigering); rubriken blev ”%(title)s”."
        ) % {"text": header.title[:80], "title": title or ""}
        warnings.append(at_line(header.title_line, message))  # fmt: skip
    elif title:
        warnings.append(_("Dokumentet har ingen rubrik som kunde läsas; rubriken blev ”%(title)s”.") % {"title": title})
    return title, None


def _places(text: str, warnings: list[str], gazetteer: Gazetteer | None) -> list[dict[str, Any]]:
    try:
        if gazetteer is None:
            gazetteer = current_gazetteer()
        if not gazetteer.by_name:
            return []  # no areas imported yet: no name can be resolved
        matches = find_places(text, gazetteer=gazetteer)
    except DatabaseError:
        warnings.append(_("Platserna kunde inte slås upp i ortsregistret."))
        return []
    places: dict[int, dict[str, Any]] = {}
    for match in matches:
        places.setdefault(match.area_id, {"name": match.name, "area_id": match.area_id})
    return list(places.values())
