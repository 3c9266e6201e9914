"""Attendee lists under 'Närvarande', 'Kallade', 'Deltagare', 'Frånvarande' (and their variants):
one person per line or table row ('Namn<TAB>Titel', 'Namn  Titel', 'Namn, titel', 'Namn (titel)'), or
several on the label's own line ('Närvarande: Anna Ek, ordförande; Bo Berg, polisen')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.structure import match_label, numbered
from tryggsam.documents.readers.model import Block, Paragraph, Table

STATUS_LABELS = {
    "present": [
        "Närvarande", "Närvarande ledamöter", "Närvarande ersättare", "Närvarande tjänstepersoner",
        "Övriga närvarande", "Deltagare", "Deltagande", "Mötesdeltagare", "Tjänstgörande ledamöter", "Närvarolista",
    ],
    "called": ["Kallade", "Kallade ledamöter", "Inbjudna", "Kallelse till"],
    "absent": ["Frånvarande", "Frånvarande ledamöter", "Anmält förhinder", "Förhinder", "Ej närvarande"],
}  # fmt: skip
_PARTICLES = r"(?:von|van|af|de|der|da|du|la|le|di)"
_WORD = r"(?:[A-ZÅÄÖÉÈÜØÆ][\w'’]*(?:-[A-ZÅÄÖÉÈÜØÆ]?[\w'’]+)*\.?|[A-ZÅÄÖ]\.)"
_NICK = r"(?:\"[^\"]{1,30}\"|”[^”]{1,30}”|“[^”]{1,30}”|'[^']{1,30}')"
NAME = re.compile(rf"^{_WORD}(?:\s+(?:{_WORD}|{_PARTICLES}|{_NICK})){{1,4}}$")
_SPLIT = re.compile(r"\t+|\s{2,}|\s+[–—-]\s+")
_PAREN = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)\s*(?P<rest>.*)$")
_GROUP_LABEL = re.compile(r"^[A-ZÅÄÖ][\w /-]{1,40}:$")
_HEADER_CELLS = frozenset({"namn", "name", "deltagare", "person"})
_NOT_NAMES = frozenset(
    {"stadsdelsförvaltningen", "polisen", "stadsdelsnämnden", "förvaltningen", "kommunen", "skolan", "brand"}
)


@dataclass
class Attendee:
    name: str
    title: str | None
    organisation: str | None
    status: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "title": self.title, "organisation": self.organisation, "status": self.status}


def is_name(text: str) -> bool:
    text = text.strip()
    if not NAME.match(text) or len(text) > 60:
        return False
    return text.split()[0].casefold() not in _NOT_NAMES


def parse_person(parts: list[str], status: str | None) -> Attendee | None:
    parts = [clean_value(p) for p in parts]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if len(parts) == 1:
        paren = _PAREN.match(parts[0])
        if paren and is_name(paren.group("name")):
            rest = paren.group("rest").strip(" ,")
            return Attendee(paren.group("name").strip(), paren.group("title").strip(), rest or None, status)
        pieces = [p.strip() for p in parts[0].split(",")]
        parts = [pieces[0], ", ".join(pieces[1:])] if len(pieces) > 1 else pieces
        parts = [p for p in parts if p]
    name = parts[0]
    if not is_name(name):
        return None
    title = parts[1] if len(parts) > 1 else None
    organisation = ", ".join(parts[2:]) if len(parts) > 2 else None
    return Attendee(name, title, organisation, status)


def _split_line(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text.strip()) if p.strip()]


def _inline(value: str, status: str | None) -> tuple[list[Attendee], list[str]]:
    """'Anna Ek (ordf), Bo Berg, kommunpolis; Cilla Dahl' – names and titles after the label."""
    people: list[Attendee] = []
    unread: list[str] = []
    chunks = [c.strip() for c in re.split(r";", value) if c.strip()]
    for chunk in chunks:
        pieces = [p.strip() for p in re.split(r",|\s+och\s+", chunk) if p.strip()]
        for piece in pieces:
            paren = _PAREN.match(piece)
            if paren and is_name(paren.group("name")):
                people.append(Attendee(paren.group("name").strip(), paren.group("title").strip(), None, status))
            elif is_name(piece):
                people.append(Attendee(piece, None, None, status))
            elif people and people[-1].title is None:
                people[-1].title = piece
            elif people and people[-1].organisation is None:
                people[-1].organisation = piece
            else:
                unread.append(piece)
    return people, unread


def parse_attendees(blocks: list[Block], stop_labels: dict[str, list[str]]) -> tuple[list[Attendee], list[str]]:
    """All attendee lists in the document and warnings for lines under them that are not people."""
    people: list[Attendee] = []
    warnings: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            i += 1
            continue
        label = match_label(block.text, STATUS_LABELS)
        if label is None or not (label.colon or not label.value or block.level is not None):
            i += 1
            continue
        status = label.key
        if label.value:
            found, unread = _inline(label.value, status)
            people.extend(found)
            warnings.extend(_unread(u) for u in unread)
        i += 1
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Table):
                rows = [r for r in block.rows if r and r[0].strip().casefold() not in _HEADER_CELLS]
                found_rows = [parse_person(list(r), status) for r in rows]
                if not any(found_rows):
                    break
                for row, person in zip(rows, found_rows, strict=True):
                    if person:
                        people.append(person)
                    elif any(row):
                        warnings.append(_unread(" ".join(c for c in row if c)))
                i += 1
                continue
            text = block.text.strip()
            if (
                block.level is not None
                or numbered(block)
                or match_label(text, STATUS_LABELS)
                or match_label(text, stop_labels)
            ):
                break
            if _GROUP_LABEL.match(text):
                i += 1
                continue
            person = parse_person(_split_line(text), status)
            if person is None:
                # A line that is not a person (an organisation without a named person) ends the list
                # only if the next line is not a person either.
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if not (
                    isinstance(following, Paragraph)
                    and following.level is None
                    and not numbered(following)
                    and not match_label(following.text.strip(), STATUS_LABELS)
                    and not match_label(following.text.strip(), stop_labels)
                    and parse_person(_split_line(following.text), status) is not None
                ):
                    break
                warnings.append(_unread(text))
                i += 1
                continue
            people.append(person)
            i += 1
    return people, warnings


def _unread(text: str) -> str:
    return _("Raden ”%(text)s” i deltagarlistan kunde inte tolkas som en person och har inte tagits med.") % {
        "text": text[:120]
    }
