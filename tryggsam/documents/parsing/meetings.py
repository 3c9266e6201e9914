"""Next meetings: the dates under 'Kommande möten', 'Nästa möte', 'Tid för möten 2019' and the like,
with their times and place ('Plats:' for the whole section, or the text after the time)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.dates import DateMention, find_dates, find_time_span, resolve, years_mentioned
from tryggsam.documents.parsing.lines import at_line
from tryggsam.documents.parsing.structure import find_items, match_label, numbered, paragraph_lines
from tryggsam.documents.readers.model import Block, Paragraph

_SECTION = re.compile(
    r"^(?:(?:§\s*)?\d{1,3}\s*[.)]?\s+)?(?:kommande\s+(?:möten|sammanträden|mötestider)|nästa\s+(?:möte|sammanträde)t?|"
    r"tid(?:er)?\s+för\s+(?:nästa\s+|kommande\s+)?(?:möten?|sammanträden?)|mötestider|mötesdatum|"
    r"planerade\s+möten|datum\s+för\s+(?:nästa\s+|kommande\s+)?(?:möten?|sammanträden?)|"
    r"möten\s+(?:under\s+)?(?:(?:hösten|våren)\s+)?\d{4})\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:(?:nästa|kommande)\s+(?:möte|sammanträde)t?(?:\s+(?:är|blir|hålls|äger\s+rum))?\s*:?\s*|"
    r"(?:tid|datum|tidpunkt|när|mötesdatum)\s*:\s*|kommande\s+möten\s*:?\s*|[-•*]\s*|"
    r"[A-ZÅÄÖ][\w ]{0,40}:\s*)?",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"^[\s,;]*(?:(?:och|samt|&)\s*)?$", re.IGNORECASE)
_LOCATION_LEAD = re.compile(r"^[\s,;.:–-]*(?:(?:i|på|plats:?|lokal:?)\s+)?", re.IGNORECASE)
_PLACE_LABELS = {"place": ["Plats", "Lokal", "Mötesplats"]}
_YEAR = re.compile(r"(?:19|20)\d{2}")
# 'Onsdagar kl. 15.30–17.30' before a list of dates: the weekday in plural and the time of all of them.
_SHARED_LEAD = re.compile(
    r"(?:(?:alla\s+)?\w+dag(?:ar|en)?\s*,?\s*)?(?P<time>(?:kl\.?|klockan)\s*[\d.:]+(?:\s*[-–]\s*[\d.:]+)?)?\s*:?",
    re.IGNORECASE,
)


def _sections(blocks: list[Block]) -> list[tuple[int, int, int | None]]:
    """(start, end, year in the heading) of every next-meeting section."""
    item_starts = [index for index, _ in find_items(blocks)]
    sections = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = block.text.strip().lstrip("#* ")
        if not _SECTION.match(text):
            continue
        is_heading = block.level is not None or block.bold or numbered(block) is not None or len(text) <= 60
        end = len(blocks)
        for later in item_starts:
            if later > index:
                end = later
                break
        for k in range(index + 1, end):
            other = blocks[k]
            if (
                isinstance(other, Paragraph)
                and other.level is not None
                and (block.level is None or other.level <= block.level)
            ):
                end = k
                break
        if not is_heading:
            end = index + 1
        year = _YEAR.search(text)
        sections.append((index, end, int(year.group()) if year else None))
    return sections


def parse_next_meetings(
    blocks: list[Block], *, document_date: dt.date | None, all_text: str
) -> tuple[list[dict[str, str | None]], list[str]]:
    meetings: list[dict[str, str | None]] = []
    warnings: list[str] = []
    sections = _sections(blocks)
    if not sections:
        return meetings, warnings
    mentioned = years_mentioned(all_text)
    seen: set[tuple[int, int]] = set()
    for start, end, heading_year in sections:
        if (start, end) in seen:
            continue
        seen.add((start, end))
        reference = (
            heading_year or (document_date.year if document_date else None) or (mentioned[0] if mentioned else None)
        )
        section_place: str | None = None
        found: list[dict[str, str | None]] = []
        texts = paragraph_lines(blocks[start:end])
        if texts:
            first, first_line = texts[0]
            heading_only = _SECTION.match(first.lstrip("#* "))
            if heading_only and not find_dates(first[heading_only.end() :]):
                texts = texts[1:]
            elif heading_only:
                texts[0] = (re.sub(r"^(?:\d{1,3}\s*[.)]\s*)", "", first), first_line)
        for text, line in texts:
            label = match_label(text, _PLACE_LABELS)
            if label is not None and label.colon:
                section_place = clean_value(label.value) or None
                continue
            for mention, tail in _leading_dates(text):
                resolved = resolve(mention, document_date=document_date, reference_year=reference, forward=True)
                if resolved.warning:
                    warnings.append(at_line(line, resolved.warning))
                if resolved.date is None:
                    continue
                if document_date is not None and resolved.date <= document_date:
                    warnings.append(
                        at_line(
                            line,
                            _("”%(text)s” ligger inte efter mötets datum och har inte tagits med som kommande möte.")
                            % {"text": mention.text},
                        )
                    )
                    continue
                times, after = find_time_span(tail)
                location = None
                if after:
                    rest = _LOCATION_LEAD.sub("", tail[after:]).strip(" .")
                    if rest and len(rest) <= 150 and not rest[:1].islower():
                        location = clean_value(rest)
                found.append(
                    {"date": resolved.date.isoformat(), "start": times.start, "end": times.end, "location": location}
                )
        for meeting in found:
            if meeting["location"] is None:
                meeting["location"] = section_place
            if meeting not in meetings:
                meetings.append(meeting)
    return meetings, warnings


def _leading_dates(text: str) -> list[tuple[DateMention, str]]:
    """Dates that a line is about: the date that opens it (after 'Nästa möte är', 'Tid:' …) and dates
    listed right after it; each with the text up to the next date. Dates inside prose are not taken."""
    prefix = _PREFIX.match(text)
    offset = prefix.end() if prefix else 0
    mentions = find_dates(text)
    taken: list[DateMention] = []
    lead_time = ""
    for mention in mentions:
        if not taken:
            lead = text[offset : mention.start].strip()
            shared = _SHARED_LEAD.fullmatch(lead)
            if shared and shared.group("time"):
                lead_time = shared.group("time")  # 'Onsdagar kl. 15.30-17.30 8 mars 17 maj': for every date
            elif lead and not re.fullmatch(r"(?:den|[\w]+dag(?:en)?)?", lead, re.IGNORECASE):
                return []
            taken.append(mention)
            continue
        between = text[taken[-1].end : mention.start]
        _, after_time = find_time_span(between)
        if not _BETWEEN.match(between[after_time:] if after_time else between):
            break
        taken.append(mention)
    result = []
    for k, mention in enumerate(taken):
        stop = taken[k + 1].start if k + 1 < len(taken) else len(text)
        tail = text[mention.end : stop]
        if lead_time and find_time_span(tail)[1] == 0:
            tail = f" {lead_time}{tail}"
        result.append((mention, tail))
    return result
