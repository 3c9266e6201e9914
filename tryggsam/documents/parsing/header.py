"""The head of a document: what kind it is, its title, forum and organisation, and the meeting's date,
time, place and chair."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.attendees import STATUS_LABELS
from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.dates import (
    find_compact_dates,
    find_dates,
    find_time_range,
    is_writing_date,
    month_of_title,
    resolve,
)
from tryggsam.documents.parsing.kinds import names_a_kind, read_kind
from tryggsam.documents.parsing.lines import at_line
from tryggsam.documents.parsing.structure import is_heading_like, match_label, numbered, paragraph_texts
from tryggsam.documents.readers.model import Block, Paragraph, Table

MEETING_LABELS = {
    "time": ["Tidpunkt", "Tid", "Datum och tid", "Datum/tid", "Datum och tidpunkt", "Mötestid", "Tid och datum"],
    "date": ["Datum", "Mötesdatum", "Sammanträdesdatum", "Sammanträdesdag", "Mötesdag"],
    "place": ["Plats", "Lokal", "Mötesplats", "Mötesplats/lokal", "Sammanträdesplats"],
    "chair": ["Ordförande", "Mötesordförande", "Ordf", "Ordf."],
    "other": ["Sekreterare", "Protokollförare", "Mötessekreterare", "Justerare", "Justering", "Paragrafer",
              "Dnr", "Diarienummer", "Bilagor", "Bilaga"],
}  # fmt: skip
_FORUM = re.compile(
    r"(?:(?:[A-ZÅÄÖ][\w-]*\s)?[A-ZÅÄÖ][\w-]*s\s+)?(?:lokala?\s+|lokalt\s+)?"
    r"(?:brottsförebyggande\s+råd(?:et)?|brå\b|lobrå\b|trygghetsråd(?:et)?|samverkansråd(?:et)?|"
    r"trygghetsgrupp(?:en)?|samverkansgrupp(?:en)?|styrgrupp(?:en)?|beredningsgrupp(?:en)?|"
    r"ledningsgrupp(?:en)?|samverkansforum(?:et)?|arbetsgrupp(?:en)?(?:\s+för\s+[\wåäö ]+)?|"
    r"SSPF\b|Samba\b|platssamverkan\s+[\wÅÄÖåäö/-]+)"
    # 'trygghetsrådet i Sjöby', 'Brottsförebyggande rådet i Upplands Väsby': the place names which one
    r"(?:\s+i\s+(?-i:[A-ZÅÄÖ])[\w-]+(?:\s(?-i:[A-ZÅÄÖ])[\w-]+)?)?",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"(?:[A-ZÅÄÖ][\w-]*\s)?[A-ZÅÄÖ][\w-]*s?\s+(?:stadsdelsförvaltning|stadsdelsnämnd|kommun|stad|region|"
    r"lokalpolisområde|polisområde)(?:en)?\b|(?:Lokalpolisområde|Lpo|Polisområde)\s+[A-ZÅÄÖ][\w-]+"
)
_PARTIES = re.compile(r"\b(?:gemensam|mellan|för)\s+(?P<parties>[A-ZÅÄÖ][\w-]*(?:\s+och\s+[\wåäö-]+)+)")
_PERSON = r"[A-ZÅÄÖ][\w'’-]+(?:\s+(?:\"[^\"]+\"|[A-ZÅÄÖ][\w'’-]+)){1,3}"
_CHAIR = re.compile(
    rf"(?i:öppnades\s+av|(?:mötes)?ordförande(?:n)?\s+(?:var|blev)|till\s+(?:mötes)?ordförande\s+valdes)"
    rf"\s+(?i:(?:mötes)?ordförande(?:n)?\s+)?(?P<name>{_PERSON})"
    rf"|(?P<name2>{_PERSON})\s+valdes\s+till\s+(?i:(?:mötes)?ordförande)"
)
_NAME_THEN_DATE = re.compile(r"^(?P<name>[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+){0,2}),?\s+(?:den\s+)?\d")


@dataclass
class Header:
    title: str | None = None
    organisation: str | None = None
    forum: str | None = None
    title_zone: list[str] = field(default_factory=list)
    title_line: int | None = None  # the source line the title was read from
    zone_lines: list[int | None] = field(default_factory=list)  # the source line of each title_zone entry
    date: dt.date | None = None
    date_line: int | None = None  # the source line the meeting's date was read from
    start: str | None = None
    end: str | None = None
    location: str | None = None
    chair: str | None = None
    warnings: list[str] = field(default_factory=list)


def title_zone(blocks: list[Block]) -> list[Paragraph]:
    """The first heading-like paragraphs, before any label, list, table or prose."""
    zone: list[Paragraph] = []
    for block in blocks[:8]:
        if not isinstance(block, Paragraph) or block.bullet or numbered(block):
            break
        if match_label(block.text, MEETING_LABELS) or ":" in block.text.rstrip()[-1:]:
            break
        if zone and not is_heading_like(block):
            break
        if not zone and len(block.text) > 160:
            break
        zone.append(block)
    return zone


def read_header(blocks: list[Block], first_item: int | None) -> Header:
    header = Header()
    zone = title_zone(blocks)
    header.title_zone = [clean_value(p.text) for p in zone]
    if zone:
        header.title = header.title_zone[0] or None
        header.title_line = zone[0].line
        header.zone_lines = [p.line for p in zone]
    joined = " \n".join(header.title_zone)
    forum = _FORUM.search(joined)
    if forum:
        header.forum = _without_kind_word(clean_value(forum.group()))
    header.organisation = _organisation(header.title_zone, forum.group() if forum else None)
    head_blocks = blocks[: first_item if first_item is not None else min(len(blocks), 120)]
    zone_date, zone_line = _zone_date(zone)
    if zone_date is None:
        zone_date, zone_line = _titled_date(head_blocks)
    field_lines: dict[str, int | None] = {}
    fields = _fields(head_blocks, field_lines)
    time_value = " ".join(fields[key] for key in ("time", "date") if fields.get(key))
    if time_value:
        key = "time" if find_dates(fields.get("time", "")) else "date"
        mentions = find_dates(fields.get(key, ""))
        if mentions:
            resolved = resolve(mentions[0], document_date=zone_date, reference_year=None)
            header.date, header.date_line = resolved.date, field_lines.get(key)
            if resolved.warning:
                header.warnings.append(at_line(header.date_line, resolved.warning))
        times = find_time_range(time_value)
        header.start, header.end = times.start, times.end
    if header.date is None:
        header.date, header.date_line = zone_date, zone_line
    if header.date is None:
        header.date, header.date_line = _lone_date(head_blocks, header.title_zone, header.warnings)
    elif zone_date is not None and zone_date != header.date:
        header.warnings.append(
            at_line(
                zone_line,
                _("Datumet i rubriken (%(zone)s) och mötets tidpunkt (%(date)s) skiljer sig; mötets tidpunkt "
                  "används.") % {"zone": zone_date.isoformat(), "date": header.date.isoformat()},
            )
        )  # fmt: skip
    _check_title_month(header)
    _unused_head_dates(head_blocks, header)
    header.location = fields.get("place") or None
    header.chair = _chair(blocks, fields.get("chair"))
    return header


_TITLE_WORDS = re.compile(
    r"^(?:protokoll|minnesanteckningar|anteckningar|mötesanteckningar|kallelse|dagordning|föredragningslista)\b",
    re.IGNORECASE,
)


def _without_kind_word(forum: str) -> str:
    """'Protokoll Centrums trygghetsråd' → 'Centrums trygghetsråd': the word naming the document's kind is
    not part of the forum's name, even where it ends in -s like an owner's genitive."""
    first, _sep, rest = forum.partition(" ")
    return rest if rest and names_a_kind(first) else forum


def _titled_date(blocks: list[Block]) -> tuple[dt.date | None, int | None]:
    """The date in a line that names the document ('Minnesanteckningar 150512', 'Minnesanteckningar från
    medlemsmöte 14/1-20'): such a line states the day of the meeting the notes are of."""
    for block in blocks[:25]:
        if not isinstance(block, Paragraph) or not _TITLE_WORDS.match(block.text.strip()):
            continue
        text = block.text.strip()[:160]
        for mention in find_dates(text) + find_compact_dates(text):
            if mention.year is not None:
                return resolve(mention, document_date=None, reference_year=None).date, block.line
    return None, None


def _lone_date(blocks: list[Block], zone: list[str], warnings: list[str]) -> tuple[dt.date | None, int | None]:
    """A date alone on a line in the head. It is the meeting's only when the title names that month
    ('Anteckningar BRÅ maj 2015' over '2015-05-07'); otherwise it may as well be the day the notes were
    written, and it is a warning."""
    month = next((m for m in (month_of_title(t) for t in zone) if m), None)
    for block in blocks[:15]:
        if not isinstance(block, Paragraph):
            continue
        text = block.text.strip()
        mentions = find_dates(text)
        if len(mentions) != 1 or mentions[0].year is None or len(text) > len(mentions[0].text) + 2:
            continue
        date = resolve(mentions[0], document_date=None, reference_year=None).date
        if date is not None and month == (date.year, date.month):
            return date, block.line
        if date is not None:
            warnings.append(
                at_line(
                    block,
                    _("Datumet %(date)s står ensamt i dokumentets huvud utan att sägas vara mötets; det har inte "
                      "sparats som mötets datum (det kan vara dagen då anteckningarna skrevs).")
                    % {"date": date.isoformat()},
                )
            )  # fmt: skip
        return None, None
    return None, None


_HEAD_DATE_BLOCKS = 3  # the letterhead, title and first line: where writing, sending and justering dates stand
_HEAD_DATE_CHARS = 300


def _unused_head_dates(blocks: list[Block], header: Header) -> None:
    """Each full date in the document's head that was not taken as the meeting's is named in a warning
    with its line: it may be the day of writing, publication or justering, and the coordinator decides."""
    warned = {w for w in header.warnings if "%s" not in w}
    for block in [b for b in blocks if isinstance(b, Paragraph)][:_HEAD_DATE_BLOCKS]:
        text = block.text[:_HEAD_DATE_CHARS]
        for mention in find_dates(text):
            if mention.year is None:
                continue
            date = resolve(mention, document_date=None, reference_year=None).date
            if date is None or date == header.date or any(date.isoformat() in w for w in warned):
                continue
            warning = at_line(
                block,
                _("datumet %(date)s kan vara dagen då dokumentet skrevs, publicerades eller justerades — "
                  "inte sparat som mötets datum.") % {"date": date.isoformat()},
            )  # fmt: skip
            header.warnings.append(warning)
            warned.add(warning)


def _check_title_month(header: Header) -> None:
    """A title that names the meeting's month ('Anteckningar november 2014') rules out a date in another
    month: that date is when the notes were written or sent, and a wrong date is worse than none."""
    if header.date is None:
        return
    month = next((m for m in (month_of_title(t) for t in header.title_zone) if m), None)
    if month is not None and month != (header.date.year, header.date.month):
        header.warnings.append(
            at_line(
                header.date_line,
                _("Rubriken anger mötets månad (%(month)s) men dokumentets datum är %(date)s; datumet har inte "
                  "sparats som mötets.")
                % {"month": f"{month[0]}-{month[1]:02d}", "date": header.date.isoformat()},
            )
        )  # fmt: skip
        header.date = header.date_line = None


def _zone_date(zone: list[Paragraph]) -> tuple[dt.date | None, int | None]:
    for paragraph in zone:
        text = clean_value(paragraph.text)
        if is_writing_date(text):
            continue
        for mention in find_dates(text) + find_compact_dates(text):
            if mention.year is not None:
                return resolve(mention, document_date=None, reference_year=None).date, paragraph.line
    return None, None


def _organisation(zone: list[str], forum: str | None) -> str | None:
    joined = " \n".join(zone)
    explicit = _ORGANISATION.search(joined)
    if explicit:
        return clean_value(explicit.group())
    if forum:
        owner = re.match(r"^(?P<owner>(?:[A-ZÅÄÖ][\w-]*\s)?[A-ZÅÄÖ][\w-]*?)s\s", forum.strip())
        if owner:
            return owner.group("owner")
    for text in zone:
        parties = _PARTIES.search(text)
        if parties:
            return clean_value(parties.group("parties"))
        named = _NAME_THEN_DATE.match(text)
        if named and find_dates(text):
            return named.group("name")
    return None


def _fields(blocks: list[Block], lines: dict[str, int | None]) -> dict[str, str]:
    """Meeting fields in the head of the document: 'Tid: …' on one line, 'Plats:' with its value on the
    next line, or rows of a two-column table ('Datum | 2019-02-22')."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for c in row if c]
                if len(cells) >= 2:
                    label = match_label(cells[0], MEETING_LABELS)
                    if label and not label.value and label.key not in fields:
                        fields[label.key] = clean_value(" ".join(cells[1:]))
                        lines[label.key] = block.line
            i += 1
            continue
        label = match_label(block.text, MEETING_LABELS)
        if label is None or not (label.colon or not label.value or block.level is not None):
            i += 1
            continue
        value = label.value
        j = i + 1
        following: list[Paragraph] = []
        if not value:
            while j < len(blocks) and isinstance(blocks[j], Paragraph) and len(following) < 3:
                nxt = blocks[j]
                assert isinstance(nxt, Paragraph)
                if (
                    nxt.level is not None
                    or numbered(nxt)
                    or match_label(nxt.text, MEETING_LABELS)
                    or match_label(nxt.text, STATUS_LABELS)
                ):
                    break
                if following and (nxt.gap_before or nxt.text.rstrip().endswith(":")):
                    break
                following.append(nxt)
                j += 1
            value = " ".join(paragraph_texts(following))
        if value and label.key not in fields:
            fields[label.key] = clean_value(value)
            dated = [p for p in following if find_dates(p.text)]
            lines[label.key] = block.line if label.value or not following else (dated or following)[0].line
        i = j
    return fields


def _chair(blocks: list[Block], field_value: str | None) -> str | None:
    if field_value:
        name = re.match(r"^[A-ZÅÄÖ][\w'’-]+(?:\s+(?:\"[^\"]+\"|[A-ZÅÄÖ][\w'’-]+)){1,3}", field_value)
        if name:
            return name.group()
    for text in paragraph_texts(b for b in blocks[:400]):
        m = _CHAIR.search(text)
        if m:
            person = m.group("name") or m.group("name2")
            if person and person[:1].isupper():
                return person
    return None


def document_kind(zone: list[str], *, has_attendees: bool, items: int, focus_areas: int, meeting: bool) -> str:
    """The document's kind from its title lines and structure (see `kinds.read_kind`)."""
    return read_kind(
        zone, has_attendees=has_attendees, meeting=meeting, items=items, labelled_focus_areas=focus_areas
    ).kind
