"""Focus areas of an action plan or collaboration agreement: a name followed by labelled fields (Mål,
Syfte, Målgrupp, Åtgärd, Ansvarig, Samverkansforum, Prioriterade aktiviteter, Polisens kontakt and
åtagande, Stadsdelsförvaltningens kontakt and åtagande, Övriga aktörer, Finansiering, Kommunikation,
Uppföljning).

The fields come as 'Label: value', as 'Label Value' in a two-column layout flattened by PDF extraction,
with a label wrapped over two lines ('Stadsdelsförvaltningens' / 'kontakt'), or as rows of a two-column
table. Every area starts at its goal ('Mål'); its name is the heading-like line just above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.clean import clean_value, ends_sentence, join_two, looks_continued, starts_lower
from tryggsam.documents.parsing.structure import is_heading_like, match_label, paragraph_texts
from tryggsam.documents.readers.model import Block, Table

FIELDS = (
    "goal", "purpose", "target_group", "measure", "responsible", "forum", "activities", "police_contact",
    "police_commitment", "district_contact", "district_commitment", "other_actors", "funding", "communication",
    "follow_up",
)  # fmt: skip
LOOSE_LABELS = {
    "goal": ["Mål", "Målsättning", "Effektmål"],
    "purpose": ["Syfte"],
    "target_group": ["Målgrupp", "Målgrupper"],
    "measure": ["Åtgärd"],
    "responsible": ["Ansvarig", "Ansvariga", "Huvudansvarig"],
    "forum": ["Samverkansforum"],
    "activities": ["Prioriterade aktiviteter", "Prioriterade insatser"],
    "police_contact": ["Polisens kontakt", "Polisens kontaktperson", "Kontaktperson polis"],
    "police_commitment": ["Polisens åtagande", "Polisens åtaganden"],
    "district_contact": ["Stadsdelsförvaltningens kontakt", "Stadsdelsförvaltningens kontaktperson",
                         "Förvaltningens kontakt", "Kommunens kontakt", "Kommunens kontaktperson"],
    "district_commitment": ["Stadsdelsförvaltningens åtagande", "Stadsdelsförvaltningens åtaganden",
                            "Förvaltningens åtagande", "Kommunens åtagande", "Kommunens åtaganden"],
    "other_actors": ["Tänkbara övriga aktörer", "Övriga aktörer", "Andra aktörer", "Övriga samverkansparter"],
    "funding": ["Finansiering"],
    "communication": ["Kommunikation"],
    "follow_up": ["Uppföljning", "Uppföljning och utvärdering"],
}  # fmt: skip
FIELD_NAMES = {key: names[0] for key, names in LOOSE_LABELS.items()}
STRICT_LABELS = {
    "purpose": ["Syftet"],
    "measure": ["Åtgärder", "Insats", "Insatser"],
    "responsible": ["Ansvar"],
    "forum": ["Forum", "Arbetsgrupp", "Mötesforum"],
    "activities": ["Aktiviteter"],
    "funding": ["Kostnad", "Kostnader", "Budget", "Resurser"],
    "follow_up": ["Utvärdering"],
    "name": ["Fokusområde", "Prioriterat område", "Insatsområde", "Område"],
}
_LABEL_WORDS = {w.casefold() for names in LOOSE_LABELS.values() for n in names for w in n.split()}


@dataclass
class _Line:
    text: str
    bullet: bool  # starts a list item
    indented: bool  # the indentation a lost bullet glyph leaves in PDF-extracted text
    gap: bool
    heading: bool
    heading_like: bool


def _label(text: str) -> tuple[str, str] | None:
    found = match_label(text, LOOSE_LABELS) or match_label(text, STRICT_LABELS, need_colon=True)
    return (found.key, found.value) if found else None


def _lines(blocks: list[Block]) -> list[_Line]:
    lines: list[_Line] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for c in row if c]
                if not cells:
                    continue
                text = (
                    f"{cells[0].rstrip(' :')}: {' '.join(cells[1:])}"
                    if len(cells) > 1 and _label(cells[0])
                    else " ".join(cells)
                )
                lines.append(_Line(text, False, False, True, False, len(cells) == 1 and len(text) < 80))
            continue
        lines.append(
            _Line(
                block.text.strip(),
                block.bullet,
                block.indent > 0,
                block.gap_before,
                block.level is not None,
                is_heading_like(block),
            )
        )
    return _join_wrapped_labels(lines)


def _join_wrapped_labels(lines: list[_Line]) -> list[_Line]:
    """'Stadsdelsförvaltningens' + 'kontakt' → 'Stadsdelsförvaltningens kontakt'."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        words = line.text.rstrip(" :").split()
        if 0 < len(words) <= 3 and all(w.casefold() in _LABEL_WORDS for w in words) and i + 1 < len(lines):
            joined = f"{line.text.rstrip()} {lines[i + 1].text.strip()}"
            if _label(joined) and not _label(line.text):
                out.append(_Line(joined, False, False, line.gap, line.heading, False))
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def _items(first: str, lines: list[_Line], *, hard_breaks: bool) -> list[str]:
    """The value split into list items: a bullet starts one; so does a line after a lost bullet glyph
    or a paragraph break, unless it plainly continues the sentence of the line before."""
    items: list[str] = [first] if first else []
    previous = first
    for line in lines:
        if line.bullet or not items or (line.indented and not starts_lower(line.text)):
            new = True
        elif looks_continued(previous, line.text) or starts_lower(line.text):
            new = False
        else:
            new = line.gap or hard_breaks
        if new:
            items.append(line.text)
        else:
            items[-1] = join_two(items[-1], line.text)
        previous = line.text
    return [v for v in (clean_value(i) for i in items) if v]


def _joined(items: list[str]) -> str:
    text = ""
    for item in items:
        text = f"{text} {item}" if not text or ends_sentence(text) else f"{text}; {item}"
    return text.strip()


def parse_focus_areas(blocks: list[Block], *, hard_breaks: bool) -> tuple[list[dict[str, object]], list[str]]:
    lines = _lines(blocks)
    labels = [_label(line.text) for line in lines]
    starts = [i for i, found in enumerate(labels) if found and found[0] == "goal"]
    warnings: list[str] = []
    areas: list[dict[str, object]] = []
    names: list[tuple[int, str]] = [_name(lines, labels, s) for s in starts]
    for n, start in enumerate(starts):
        _name_index, name = names[n]
        end = names[n + 1][0] if n + 1 < len(starts) else len(lines)
        if n + 1 < len(starts):
            end = _before_group_heading(lines, end, names[n + 1][1])
        if not name:
            name = _("Fokusområde %(number)d") % {"number": n + 1}
            warnings.append(_("Fokusområde %(number)d saknar en rubrik som kunde läsas.") % {"number": n + 1})
        area: dict[str, object] = {"name": name, **dict.fromkeys(FIELDS), "activities": []}
        i = start
        while i < end:
            found = labels[i]
            if found is None or found[0] == "name":
                i += 1
                continue
            key, first = found
            j = i + 1
            while j < end and labels[j] is None:
                j += 1
            items = _items(first, lines[i + 1 : j], hard_breaks=hard_breaks)
            if key == "activities":
                area["activities"] = [*area["activities"], *items]  # type: ignore[misc]
            elif items:
                value = _joined(items)
                if area[key]:
                    warnings.append(
                        _(
                            "Fältet ”%(field)s” förekommer två gånger i fokusområdet ”%(name)s”; värdena har slagits ihop."
                        )
                        % {"field": FIELD_NAMES[key], "name": name}
                    )
                    value = f"{area[key]}; {value}"
                area[key] = value
            i = j
        areas.append(area)
    return areas, warnings


def _name(lines: list[_Line], labels: list[tuple[str, str] | None], start: int) -> tuple[int, str]:
    """(index, name) of the heading above the goal line at `start`; (start, '') when there is none."""
    k = start - 1
    if k < 0:
        return start, ""
    found = labels[k]
    if found is not None:
        return (k, clean_value(found[1])) if found[0] == "name" else (start, "")
    line = lines[k]
    text = clean_value(line.text)
    if not text or len(text) > 80 or len(text.split()) > 10 or text.endswith("."):
        return start, ""
    return k, text


def _before_group_heading(lines: list[_Line], name_index: int, name: str) -> int:
    """A heading that groups the following areas ('Olovliga bosättningar/påträngande tiggeri' above
    'Olovliga bosättningar') is not part of the area before it."""
    k = name_index - 1
    if k >= 0 and name and lines[name_index].gap and name.casefold() in lines[k].text.casefold():
        return k
    return name_index


# --- focus areas listed under a heading ---------------------------------------------------------------

# A heading or lead-in that announces the areas a plan, agreement or situation picture prioritises.
_ANNOUNCES = re.compile(
    r"(?<!\w)(?:fokusområde\w*|insatsområde\w*|målområde\w*|utvecklingsområde\w*|samverkansområde\w*"
    r"|prioriterade\s+(?:\w+\s+)?\w*område\w*|prioriterade\s+frågor|prioritering\w*"
    r"|\w*områden\s+(?:har\s+)?(?:identifierats|valts|pekats\s+ut))",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10}
# 'De tre fokusområden som är störst är a, b och c': an enumeration whose announced count says it is complete.
_COUNTED = re.compile(
    r"(?<!\w)(?P<count>två|tre|fyra|fem|sex|sju|åtta|nio|tio|[2-9])\s+(?:\w+\s+){0,2}?"
    r"(?:fokusområden\w*|insatsområden\w*|prioriterade\s+områden\w*)(?P<between>[^.:;]{0,60})"
    r"(?<!\w)(?:är|blir|handlar\s+om|gäller)\s*:?\s+(?P<list>[^.:;()]{3,400})",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r",\s*|\s+(?:och|samt)\s+")
_MAX_LEAD_IN = 2  # prose paragraphs allowed between the announcing heading and its list
_NAME_LENGTH = 120


def _area_from_item(text: str) -> dict[str, object] | None:
    text = clean_value(text).rstrip(" .;")
    if not text:
        return None
    name = text
    if len(name) > _NAME_LENGTH:
        cut = name[:_NAME_LENGTH].rsplit(" ", 1)[0]
        name = f"{cut}…"
    area: dict[str, object] = {"name": name[:1].upper() + name[1:], **dict.fromkeys(FIELDS), "activities": []}
    if name != text:
        area["goal"] = text
    return area


def parse_listed_focus_areas(blocks: list[Block]) -> list[dict[str, object]]:
    """Focus areas written as a list under a heading or lead-in that announces them ('Fokusområden',
    'Prioriterade områden', 'där tre områden har identifierats:'), or as a counted enumeration in a
    sentence ('De tre fokusområdena är a, b och c'). Each item is an area with only its name."""
    areas: list[dict[str, object]] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        area = _area_from_item(text)
        if area is not None and str(area["name"]).casefold() not in seen:
            seen.add(str(area["name"]).casefold())
            areas.append(area)

    announced_at: int | None = None
    lead_ins = 0
    in_list = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            announced_at, in_list = None, False
            continue
        text = block.text.strip()
        if block.bullet or (in_list and re.match(r"^\d{1,2}\s*[.)]\s", text)):
            if announced_at is not None:
                in_list = True
                add(re.sub(r"^\d{1,2}\s*[.)]\s*", "", text))
            continue
        if in_list:
            announced_at, in_list = None, False
        if _ANNOUNCES.search(text) and (is_heading_like(block) or text.endswith(":")):
            announced_at, lead_ins = index, 0
            continue
        numbered_item = re.match(r"^\d{1,2}\s*[.)]\s+(?P<first>\S)", text)
        if announced_at is not None and numbered_item and numbered_item.group("first").isupper():
            in_list = True
            add(re.sub(r"^\d{1,2}\s*[.)]\s*", "", text))
            continue
        if announced_at is not None:
            lead_ins += 1
            if lead_ins > _MAX_LEAD_IN or is_heading_like(block):
                announced_at = None
    for paragraph in paragraph_texts(blocks):
        for m in _COUNTED.finditer(paragraph):
            count = m.group("count").casefold()
            wanted = _NUMBER_WORDS.get(count) or int(count)
            items = [i for i in _LIST_SPLIT.split(m.group("list").strip()) if i.strip()]
            if len(items) == wanted:
                for item in items:
                    add(item)
    return areas
