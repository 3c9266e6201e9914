"""Text whose layout was lost: a whole page on one line, numbers alone on their line, site chrome.

PDF-to-text and document-viewer sites give minutes as one long line per page ("PROTOKOLL … Sammanträdesdag
2015-02-17 Tid: 9:00 – 11.15 Plats: … Närvarande Anna Ek, rektor … 1. Mötets öppnande …"). Swedish minutes
are written as labels followed by their value and as numbered items, so the line is cut back into those
parts where a known label or the next item number stands inside it; every parser then reads the parts
as if the document had kept its lines. Chrome ('Lyssna', 'Sök', 'Publicerad …', viewer controls) is
dropped. Work is linear in the text: one pass of a few regexes per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tryggsam.documents.parsing.attendees import STATUS_LABELS
from tryggsam.documents.parsing.clean import is_chrome
from tryggsam.documents.parsing.dates import MONTHS
from tryggsam.documents.parsing.header import MEETING_LABELS
from tryggsam.documents.readers.model import Block, Paragraph, Table

FLAT_MIN = 120  # a shorter line holds one label or one item already
AGENDA_LABELS = ("Föredragningslista", "Dagordning", "Ärendelista", "Ärenden", "Informationsärenden",
                 "Beslutsärenden", "Anmälningsärenden", "Övriga ärenden")  # fmt: skip
_AGENDA_FOLDED = frozenset(a.casefold() for a in AGENDA_LABELS)
# Role labels that also close a signature ('Anna Ek Ordförande Bo Berg Sekreterare'): after a name
# they are the name's title, not a label of what follows.
_ROLE_LABELS = frozenset({"ordförande", "sekreterare", "justerare", "protokollförare", "mötesordförande"})
_REFERENCE_WORDS = frozenset({"punkt", "punkterna", "punkter", "§", "paragraf", "sida", "sidan", "kap", "kapitel",
                              "bilaga", "nr", "nummer", "steg", "t.o.m.", "tom", "till", "och", "från", "version",
                              "plan", "rum", "vecka", "v.", "år", "kl", "kl.", "klockan"})  # fmt: skip
_JOINERS = frozenset({"för", "i", "från", "mot", "på", "och", "mellan", "med", "om", "av", "till", "vid", "inom",
                      "samt", "kring", "under", "hos", "enligt", "inför", "efter", "över"})  # fmt: skip
_MONTH_WORDS = frozenset(MONTHS)


def _label_pattern() -> re.Pattern[str]:
    names = {n for group in (MEETING_LABELS, STATUS_LABELS) for values in group.values() for n in values}
    names |= {"Sammanträdesdag", "Mötesdag", "Sammanträdestid", "Adjungerade", "Adjungerad", "Beslutande",
              "Beslutande ledamöter", "Ledamöter", "Ersättare", "Tjänstemän", "Tjänstepersoner"}  # fmt: skip
    names |= set(AGENDA_LABELS) | {"Beslut"}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # A label is a capitalised word standing alone: followed by a colon, or by a capitalised word or a
    # digit (its value). Only the first letter is case-tested below; the rest may be in any case.
    return re.compile(rf"(?<![\w/-])(?P<label>{alternatives})(?P<colon>\s*:)?(?=\s*$|\s+[A-ZÅÄÖÉÜ0-9*]|(?<=:))",
                      re.IGNORECASE)  # fmt: skip


_LABEL = _label_pattern()
_ITEM_NUMBER = re.compile(
    r"(?<![\w.,/:§-])(?:(?P<para>§\s*\d{1,3})|(?P<num>\d{1,2})(?P<mark>[.)])?)\s+(?=[A-ZÅÄÖÉÜ\"”])"
)
_DIARY_NUMBER = re.compile(
    r"(?<![\w-])(?:[A-ZÅÄÖ]{2,5}[ -]?(?:19|20)\d{2}/[\d:.-]*|Dnr\s+[\w.-]+/[\d.-]+)(?=\s+[A-ZÅÄÖ])"
)
_TRAILING_DIARY = re.compile(r"\s+(?:[A-ZÅÄÖ]{2,5}[ -]?(?:19|20)\d{2}/[\d:.-]*|Dnr\s+\S+)$")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüß'’-]+$")
_NUMBER_ONLY = re.compile(r"^(?:§\s*\d{1,3}|\d{1,2}\s*[.)])$")


@dataclass
class _State:
    expected: int = 1  # the next item number
    agenda: bool = False  # an agenda label has been seen: bare numbers ('3 Ekonomi') are items


def unflatten(blocks: list[Block]) -> list[Block]:
    """The blocks with chrome removed, flattened lines cut at labels and item numbers, and item numbers
    standing alone on a line joined to the heading on the next line."""
    state = _State()
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if isinstance(block, Table):
            out.append(block)
            continue
        text = block.text.strip()
        if is_chrome(text):
            continue
        if _NUMBER_ONLY.match(text) and i < len(blocks):
            nxt = blocks[i]
            if isinstance(nxt, Paragraph) and nxt.text[:1].isupper() and len(nxt.text) <= 150:
                number = re.sub(r"\D", "", text)
                block = replace(block, text=f"{number}. {nxt.text.strip()}")
                text = block.text
                i += 1
        if len(text) < FLAT_MIN:
            _track(text, state)
            out.append(block)
            continue
        out.extend(_split(block, state))
    return out


def _track(text: str, state: _State) -> None:
    m = re.match(r"^(?:§\s*)?(\d{1,3})\s*[.)]?\s+[A-ZÅÄÖ]", text)
    if m and int(m.group(1)) == state.expected:
        state.expected += 1
    if any(text.casefold().startswith(label.casefold()) for label in AGENDA_LABELS):
        state.agenda = True


def _split(block: Paragraph, state: _State) -> list[Paragraph]:
    text = block.text
    cuts: list[tuple[int, int, str]] = []  # (start, end of the marker, normalised marker)
    for m in _LABEL.finditer(text):
        if not _is_label(text, m):
            continue
        label = m.group("label")
        agenda_label = label.casefold() in _AGENDA_FOLDED  # a heading over items, not a label with a value
        cuts.append((m.start(), m.end(), label + ("" if agenda_label else ":")))
    for m in _ITEM_NUMBER.finditer(text):
        cuts.append((m.start(), m.end(), "#item"))
    for m in _DIARY_NUMBER.finditer(text):
        cuts.append((m.end(), m.end(), "#diary"))
    cuts.sort()
    pieces: list[tuple[int | None, str, bool]] = []  # (item number, text, is an item)
    position = 0
    pending: tuple[int | None, str, bool] = (None, "", False)
    paragraphs: set[int] = set()  # numbers written '§ 31': kept so, they need not start at 1
    last_end = -1
    for start, end, marker in cuts:
        if start < last_end:
            continue
        if marker == "#item":
            number = _item_number(text, start, end, state)
            if number is None:
                continue
            if "§" in text[start:end]:
                paragraphs.add(number)
            pieces.append((pending[0], pending[1] + text[position:start], pending[2]))
            pending, position = (number, "", True), end
        elif marker == "#diary":
            if not state.agenda:
                continue
            pieces.append((pending[0], pending[1] + text[position:start], pending[2]))
            pending, position = (None, "", True), end
        else:
            if marker[-1:] != ":":
                state.agenda = True
            pieces.append((pending[0], pending[1] + text[position:start], pending[2]))
            pending, position = (None, marker + " ", False), end
        last_end = end
    pieces.append((pending[0], pending[1] + text[position:], pending[2]))
    if len(pieces) <= 2 and not pieces[0][1].strip():
        return [block]  # only a number at its start: a long item line, not a flattened page
    _number_gaps(pieces)
    out: list[Paragraph] = []
    for number, piece, is_item in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if is_item and number is not None:
            heading, body = _cut_heading(piece)
            heading = _TRAILING_DIARY.sub("", heading) or heading
            mark = f"§ {number}" if number in paragraphs else f"{number}."
            out.append(replace(block, text=f"{mark} {heading}", gap_before=True))
            if body:
                out.append(replace(block, text=body, gap_before=True))
        else:
            out.append(replace(block, text=piece, gap_before=True))
    return out or [block]


def _is_label(text: str, m: re.Match[str]) -> bool:
    label = m.group("label")
    if not label[:1].isupper():
        return False
    if m.group("colon"):
        return True
    if label.casefold() in _ROLE_LABELS:
        before = text[max(0, m.start() - 60) : m.start()].split()
        if len(before) >= 2 and all(_NAME_WORD.match(w.rstrip(",")) for w in before[-2:]):
            return False  # 'Anna Ek Ordförande': a signature, the role belongs to the name before it
    return True


def _item_number(text: str, start: int, end: int, state: _State) -> int | None:
    """The number of the item that starts at `start`, or None when the number is something else."""
    marker = text[start:end]
    digits = int(re.sub(r"\D", "", marker))
    before = text[max(0, start - 30) : start].split()
    if before and before[-1].casefold().rstrip(":") in _REFERENCE_WORDS:
        return None  # 'under punkt 3. Gällande …' refers to an item
    after = text[end : end + 20].split()
    first = after[0].strip(".,:") if after else ""
    if first.casefold() in _MONTH_WORDS:
        return None  # '8 mars' is a date
    bare = "§" not in marker and not re.search(r"[.)]", marker)
    if bare:
        if not state.agenda or (not _NAME_WORD.match(first) and first[:1] not in '"”'):
            return None  # a bare number is an item only in an agenda, before a capitalised word
    elif first.isupper() and len(first) > 3:
        return None  # '1. HUDDINGE BROTTSFÖREBYGGANDE RÅD': a page number before a running head
    if "§" in marker and state.expected == 1:
        state.expected = digits  # paragraph numbers run on through the year
    if digits == state.expected or (bare is False and digits == 1 and state.expected > 2 and not state.agenda):
        state.expected = digits + 1
        return digits
    if state.agenda and state.expected < digits <= state.expected + 3:
        state.expected = digits + 1
        return digits  # numbers lost in the text layer between two numbered items
    return None


def _number_gaps(pieces: list[tuple[int | None, str, bool]]) -> None:
    """Unnumbered agenda entries (cut at a diary number) between items 7 and 11 are items 8, 9 and 10
    when they fill the gap exactly; otherwise they stay part of the item before them."""
    k = 0
    while k < len(pieces):
        number, _text, is_item = pieces[k]
        if not (is_item and number is not None):
            k += 1
            continue
        j = k + 1
        while j < len(pieces) and pieces[j][2] and pieces[j][0] is None:
            j += 1
        unnumbered = j - k - 1
        following = pieces[j][0] if j < len(pieces) else None
        if unnumbered and following is not None and following - number - 1 == unnumbered:
            for offset in range(1, unnumbered + 1):
                _n, piece, _item = pieces[k + offset]
                pieces[k + offset] = (number + offset, piece, True)
        elif unnumbered:
            merged = " ".join(p[1] for p in pieces[k:j])
            pieces[k:j] = [(number, merged, True)]
            j = k + 1
        k = j


def _cut_heading(piece: str) -> tuple[str, str]:
    """'Mötets öppnande och godkännande av dagordning Områdeschef Anna Ek hälsar …' as the heading and
    the text after it: the heading ends at a sentence end, a colon, or a capitalised word that does not
    follow a preposition or conjunction ('Tillsammans för Vårby' stays one heading)."""
    words = piece.split(" ")
    for k, word in enumerate(words):
        if k >= 15:
            return " ".join(words[:k]), " ".join(words[k:])
        if k >= 1 and _NAME_WORD.match(word.strip('"”(),')) and words[k - 1].casefold() not in _JOINERS:
            return " ".join(words[:k]), " ".join(words[k:])
        if word.endswith((".", ":", "!", "?")) and k >= 1 and len(word) > 3:
            return " ".join(words[: k + 1]).rstrip(".:"), " ".join(words[k + 1 :])
    return piece, ""
