"""Attendee lists under 'Närvarande', 'Kallade', 'Deltagare', 'Frånvarande' (and their variants):
one person per line or table row ('Namn<TAB>Titel', 'Namn  Titel', 'Namn, titel', 'Namn (titel)'), or
several on the label's own line ('Närvarande: Anna Ek, ordförande; Bo Berg, polisen')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.lines import at_line
from tryggsam.documents.parsing.structure import match_label, numbered
from tryggsam.documents.readers.model import Block, Paragraph, Table

STATUS_LABELS = {
    "present": [
        "Närvarande", "Närvarande ledamöter", "Närvarande ersättare", "Närvarande tjänstepersoner",
        "Övriga närvarande", "Deltagare", "Deltagande", "Mötesdeltagare", "Tjänstgörande ledamöter", "Närvarolista",
        "Beslutande", "Beslutande ledamöter", "Ledamöter", "Adjungerade", "Adjungerad", "Adjungerande",
        "Ordförande", "Mötesordförande", "Sekreterare", "Protokollförare", "Mötessekreterare", "Justerare",
        "Justerande", "Övriga deltagare", "Närvarande tjänstemän",
    ],
    "called": ["Kallade", "Kallade ledamöter", "Inbjudna", "Kallelse till"],
    "absent": ["Frånvarande", "Frånvarande ledamöter", "Anmält förhinder", "Förhinder", "Ej närvarande",
               "Anmäld frånvaro", "Ej närvarande ledamöter"],
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


# Labels that name a role rather than a list: the person under it is present in that role.
_ROLES = (("mötesordförande", "ordförande"), ("ordförande", "ordförande"), ("mötessekreterare", "sekreterare"),
          ("sekreterare", "sekreterare"), ("protokollförare", "sekreterare"), ("justerare", "justerare"),
          ("justerande", "justerare"), ("adjungera", "adjungerad"))  # fmt: skip
_RUN_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüß'’]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüß'’]+)?"
# 'Anna Ek, rektor Bo Berg, polisen': in a flattened list each person is a name followed by a comma.
_RUN_NAME = re.compile(rf"(?<![\w-])(?P<name>{_RUN_WORD}\s+(?:{_PARTICLES}\s+)?{_RUN_WORD})\s*,")
_PAIR = re.compile(r"^(?P<a>.+?)\s+(?:och|&)\s+(?P<b>.+)$")
_NUMBER_WORDS = r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra"
_COUNT = re.compile(
    r"(?P<count>(?:(?:c:a|ca\.?|cirka|omkring|runt|drygt|knappt|ungefär|närmare|över|ett\s+par)\s+)?"
    rf"(?:\d{{1,4}}|ett\s+\w+tal|{_NUMBER_WORDS})\s+(?:personer|deltagare|boende|medlemmar|besökare|"
    r"föräldrar|grannar|åhörare|intresserade|st))\b(?:\s+[\wåäö]+){0,3}?\s+"
    r"(?:deltog|närvarade|kom|var\s+(?:där|närvarande|på\s+plats|med)|hade\s+kommit|slöt\s+upp)\b"
    rf"|(?:deltog|närvarade|kom)\s+(?P<count2>(?:(?:c:a|ca\.?|cirka|omkring|drygt|ungefär)\s+)?"
    rf"(?:\d{{1,4}}|ett\s+\w+tal|{_NUMBER_WORDS})\s+(?:personer|deltagare|boende|medlemmar|besökare))\b",
    re.IGNORECASE,
)
_COLUMN_HEADS = frozenset({"titel", "befattning", "funktion", "roll", "organisation", "företag", "förvaltning",
                           "representerar", "anmärkning", "kommentar", "närvaro", "e-post", "telefon"})  # fmt: skip
_STATUS_WORDS = {"anmält förhinder": "absent", "förhinder": "absent", "ej närvarande": "absent",
                 "frånvarande": "absent", "närvarande": "present", "deltog": "present", "x": "present"}  # fmt: skip


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


def parse_people(parts: list[str], status: str | None) -> list[Attendee]:
    """One line of a list as its people: 'Tore Ek och Per-Olof Berg, Bostadsbolaget' is two people of
    the same organisation."""
    person = parse_person(parts, status)
    if person is not None:
        return [person]
    cleaned = [clean_value(p) for p in parts if clean_value(p)]
    if not cleaned:
        return []
    head, _sep, rest = cleaned[0].partition(",")
    pair = _PAIR.match(head.strip())
    if pair and is_name(pair.group("a")) and is_name(pair.group("b")):
        tail = [rest.strip()] if rest.strip() else []
        tail += cleaned[1:]
        return [p for p in (parse_person([pair.group(x), *tail], status) for x in ("a", "b")) if p]
    return []


# The value of an attendance label that is a number of people, not a list: 'Närvarande: 12 personer',
# 'Deltagare: ett tiotal boende', '8 ledamöter och 3 tjänstepersoner', 'Närvarande: 14'.
_QUANTITY = (
    rf"(?:(?:c:a|ca\.?|cirka|omkring|drygt|knappt|ungefär|närmare|över)\s+)?(?:\d{{1,4}}|ett\s+\w+tal|{_NUMBER_WORDS})"
)
_LABELLED_COUNT = re.compile(
    rf"^(?P<count>{_QUANTITY}(?:\s+[a-zåäö]+)?(?:\s+(?:och|samt|,)\s*{_QUANTITY}(?:\s+[a-zåäö]+)?)*)"
    r"(?:\s+(?:från|i|på|ur)\s+.*)?\.?$",
    re.IGNORECASE,
)
_COUNT_LABEL = re.compile(
    r"^antal\s+(?:deltagare|närvarande|personer|besökare|medlemmar)\s*:?\s*(?P<count>\d{1,4})\b", re.IGNORECASE
)


def attendance_count(text: str) -> str | None:
    """'C:a 40 personer deltog', 'ett tiotal boende var där', 'Antal deltagare: 23': a count of people,
    not a list of them."""
    m = _COUNT.search(text)
    if m:
        return m.group("count") or m.group("count2")
    labelled = _COUNT_LABEL.match(text.strip())
    return labelled.group("count") if labelled else None


def labelled_count(value: str) -> str | None:
    """The count when the value of an attendance label is a number of people ('12 personer')."""
    m = _LABELLED_COUNT.match(value.strip())
    return m.group("count") if m else None


def _role(text: str) -> str | None:
    folded = text.strip().casefold()
    return next((role for prefix, role in _ROLES if folded.startswith(prefix)), None)


def _run_of_people(value: str, status: str | None) -> list[Attendee] | None:
    """A list flattened into one line: 'Anna Ek, rektor Bo Berg, polisen Cilla Dahl, fältassistent'.
    None when the text is not such a run (names do not follow titles without a separator)."""
    matches = list(_RUN_NAME.finditer(value))
    run_on = any(m.start() > 0 and value[: m.start()].rstrip()[-1:] not in ",;" for m in matches)
    if len(matches) < 2 or not run_on:
        return None
    people = []
    for k, m in enumerate(matches):
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(value)
        title = clean_value(value[m.end() : stop]).strip(" ,.") or None
        people.append(Attendee(m.group("name"), title, None, status))
    return people


def _split_line(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text.strip()) if p.strip()]


def _inline(value: str, status: str | None) -> tuple[list[Attendee], list[str]]:
    """'Anna Ek (ordf), Bo Berg, kommunpolis; Cilla Dahl' – names and titles after the label."""
    run = _run_of_people(value, status) if ";" not in value else None
    if run is not None:
        return run, []
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
        count = attendance_count(block.text)
        if count:
            warnings.append(at_line(block, _count_warning(count)))
        if block.text.strip().casefold() in _HEADER_CELLS:
            found, i, table_warnings = _column_table(blocks, i)
            people.extend(found)
            warnings.extend(table_warnings)
            if found:
                continue
        label = match_label(block.text, STATUS_LABELS)
        if label is None or not (label.colon or not label.value or block.level is not None):
            i += 1
            continue
        status = label.key
        role = _role(block.text)
        first_new = len(people)
        if label.value and status == "present" and labelled_count(label.value):
            warnings.append(at_line(block, _count_warning(labelled_count(label.value) or "")))
            i += 1
            continue
        if label.value:
            found, unread = _inline(label.value, status)
            people.extend(found)
            warnings.extend(at_line(block, _unread(u)) for u in unread)
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
                        warnings.append(at_line(block, _unread(" ".join(c for c in row if c))))
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
            found_people = parse_people(_split_line(text), status)
            if not found_people:
                # A line that is not a person (an organisation without a named person) ends the list
                # only if the next line is not a person either.
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if not (
                    isinstance(following, Paragraph)
                    and following.level is None
                    and not numbered(following)
                    and not match_label(following.text.strip(), STATUS_LABELS)
                    and not match_label(following.text.strip(), stop_labels)
                    and parse_people(_split_line(following.text), status)
                ):
                    break
                warnings.append(at_line(block, _unread(text)))
                i += 1
                continue
            people.extend(found_people)
            i += 1
        if role:
            for person in people[first_new:]:
                person.title = f"{role}, {person.title}" if person.title else role
    return _unique(people), warnings


def _unique(people: list[Attendee]) -> list[Attendee]:
    """Each person once: the chair listed among those present and again as 'Ordförande' is one person."""
    seen: dict[str, Attendee] = {}
    for person in people:
        key = person.name.casefold()
        if key in seen:
            first = seen[key]
            first.title = first.title or person.title
            first.organisation = first.organisation or person.organisation
            continue
        seen[key] = person
    return list(seen.values())


def _column_table(blocks: list[Block], start: int) -> tuple[list[Attendee], int, list[str]]:
    """An attendance table that PDF-to-text flattened column by column: 'Namn', every name, then the
    other column headings ('Titel', 'Organisation', 'Anmärkning') and their cells. The cells are matched
    back to the names when their number allows it (a whole column after another, or row by row with the
    remark column only where it is filled); otherwise the names are kept without titles and the
    remarks are counted in a warning. Returns the people, the index after the table and warnings."""
    names: list[str] = []
    j = start + 1
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and is_name(blocks[j].text):  # type: ignore[union-attr]
        names.append(clean_value(blocks[j].text))  # type: ignore[union-attr]
        j += 1
    columns: list[str] = []
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].text.strip().casefold() in _COLUMN_HEADS:  # type: ignore[union-attr]
        columns.append(blocks[j].text.strip().casefold())  # type: ignore[union-attr]
        j += 1
    if len(names) < 3 or not columns:
        return [], start + 1, []
    cells: list[str] = []
    while j < len(blocks):
        block = blocks[j]
        if not isinstance(block, Paragraph) or block.gap_before or block.level is not None:
            break
        text = clean_value(block.text)
        if len(text) > 80 or ":" in text:
            break
        cells.append(text)
        j += 1
    statuses = [c for c in cells if c.casefold() in _STATUS_WORDS]
    values = [c for c in cells if c.casefold() not in _STATUS_WORDS]
    info_columns = [c for c in columns if c not in ("anmärkning", "kommentar", "närvaro")]
    n = len(names)
    people = [Attendee(name, None, None, None) for name in names]
    if len(cells) == n * len(columns):
        for c, column in enumerate(columns):  # column after column
            for k, person in enumerate(people):
                _set_cell(person, column, cells[c * n + k])
        return people, j, []
    if len(values) == n * len(info_columns) and info_columns:
        row, width, seen = 0, len(info_columns), 0  # row after row; a remark belongs to the row before it
        for cell in cells:
            if cell.casefold() in _STATUS_WORDS:
                if seen and row > 0:
                    people[row - 1].status = _STATUS_WORDS[cell.casefold()]
                continue
            _set_cell(people[row], info_columns[seen % width], cell)
            seen += 1
            if seen % width == 0:
                row += 1
        for person in people:
            person.status = person.status or "present"
        return people, j, []
    warning = _(
        "Deltagartabellen kom ut kolumn för kolumn och kunde inte paras ihop rad för rad: %(names)d namn "
        "lästes utan titel och organisation; %(remarks)d anmärkningar (%(words)s) kunde inte knytas till "
        "rätt namn."
    ) % {
        "names": n,
        "remarks": len(statuses),
        "words": ", ".join(f"”{w}”" for w in dict.fromkeys(statuses)) or "–",
    }
    return people, j, [at_line(blocks[start], warning)]


def _set_cell(person: Attendee, column: str, value: str) -> None:
    if column in ("anmärkning", "kommentar", "närvaro"):
        person.status = _STATUS_WORDS.get(value.casefold(), person.status)
    elif column in ("organisation", "företag", "förvaltning", "representerar"):
        person.organisation = value or None
    elif column in ("titel", "befattning", "funktion", "roll"):
        person.title = value or None


def _count_warning(count: str) -> str:
    return _(
        "Dokumentet anger hur många som deltog (”%(count)s”) men inte vilka; antalet har inte sparats som "
        "personer och närvaron är okänd."
    ) % {"count": count}


def _unread(text: str) -> str:
    return _("Raden ”%(text)s” i deltagarlistan kunde inte tolkas som en person och har inte tagits med.") % {
        "text": text[:120]
    }
