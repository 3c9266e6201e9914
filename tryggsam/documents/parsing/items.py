"""Agenda items ('1. Lägesbild', '§ 4 Beslut') with their text, and the decisions of the meeting:
items headed 'Beslut'/'Beslutade insatser', paragraphs labelled 'Beslut:' and sentences saying that the
meeting 'beslutade att …'."""

from __future__ import annotations

import re

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.structure import find_items, heading_text, match_label, paragraph_texts
from tryggsam.documents.readers.model import Block, Paragraph, Table

_DECISION_HEADING = re.compile(r"^(?:beslut|beslutade|beslutas|fattade beslut|beslutspunkter)\b", re.IGNORECASE)
_DECIDED = re.compile(r"\b(?:beslutade|beslutar|beslöt|beslöts|beslutades|fattade\s+beslut)\s+(?:att|om)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])")
MAX_DECISIONS = 300
_DECISION_LABEL = {"decision": ["Beslut", "Beslutades", "Beslutet", "Mötet beslutade", "Rådet beslutade"]}


def parse_items(blocks: list[Block], skip: set[int]) -> list[dict[str, str | None]]:
    """Numbered items; without numbers, the headings of the document (number null)."""
    found = find_items(blocks)
    starts: list[tuple[int, str | None, str, int]] = []
    for index, item in found:
        heading, last = heading_text(blocks, index, item.heading)
        starts.append((index, item.number, heading, last))
    if not starts:
        for index, block in enumerate(blocks):
            if isinstance(block, Paragraph) and block.level is not None and index > 0:
                starts.append((index, None, clean_value(block.text), index))
    items = []
    for k, (_start, number, heading, last) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(blocks)
        body = [b for j, b in enumerate(blocks[last + 1 : end], start=last + 1) if j not in skip]
        items.append({"number": number, "heading": heading, "text": "\n".join(paragraph_texts(body))})
    return items


def parse_decisions(blocks: list[Block], items: list[dict[str, str | None]]) -> list[str]:
    decisions: list[str] = []

    def add(text: str) -> None:
        text = clean_value(text)
        if len(decisions) >= MAX_DECISIONS:
            return  # each new decision is compared with all before it; no minutes has this many
        if text and not any(text in d or d in text for d in decisions):
            decisions.append(text)

    for item in items:
        if _DECISION_HEADING.match(item["heading"] or ""):
            for paragraph in (item["text"] or "").split("\n"):
                label = match_label(paragraph, _DECISION_LABEL)
                add(label.value if label is not None and label.colon else paragraph)
    texts = paragraph_texts(b for b in blocks if not isinstance(b, Table))
    for k, text in enumerate(texts):
        label = match_label(text, _DECISION_LABEL)
        if label is not None and (label.colon or not label.value):
            if label.value:
                add(label.value)
            elif k + 1 < len(texts):
                add(texts[k + 1])
            continue
        for sentence in _SENTENCE.split(text):
            if _DECIDED.search(sentence):
                add(sentence)
    return decisions
