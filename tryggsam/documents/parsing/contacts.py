"""Contact details: the 'Kontakt:' block of a document (name, phone, e-mail over one or more lines) and
any other e-mail address with the name and phone written beside it.

`find_contacts` also says which fields of each contact came from a contact block: those are the contacts
the document itself publishes (the officials who answer for it); the import's personal-data guard keeps
them and masks what was only found elsewhere in the text."""

from __future__ import annotations

import re

from tryggsam.core.contact_patterns import EMAIL, normalise, phone_numbers
from tryggsam.documents.parsing.attendees import is_name
from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.structure import match_label
from tryggsam.documents.readers.model import Block, Paragraph, Table

_CONTACT_LABELS = {
    "contact": ["Kontakt", "Kontaktperson", "Kontaktpersoner", "Kontaktuppgifter", "Frågor besvaras av",
                "Mer information", "Ytterligare information", "Handläggare", "Kontakta"],
}  # fmt: skip
_NOISE = re.compile(r"\b(?:tel(?:efon)?|tfn|mobil|mob|e-?post|e-?mail|mail|epost)\b\.?:?", re.IGNORECASE)
_MAX_BLOCK_LINES = 6


def _texts(blocks: list[Block]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend((" ".join(c for c in row if c), True) for row in block.rows)
        elif isinstance(block, Paragraph):
            out.append((block.text, block.gap_before or block.level is not None))
    return out


def _without_phones(text: str) -> str:
    """`text` (normalised) with its phone numbers blanked."""
    for m in reversed(list(phone_numbers(text))):
        text = text[: m.start()] + " " + text[m.end() :]
    return text


def _name_in(text: str) -> str | None:
    stripped = EMAIL.sub(" ", _without_phones(normalise(text)))
    stripped = _NOISE.sub(" ", stripped)
    for part in re.split(r"[,;|()\t]|\s{2,}", stripped):
        candidate = clean_value(part)
        if candidate and is_name(candidate):
            return candidate
    return None


def _phone(text: str) -> str | None:
    """The first phone number in `text`, as it is written there."""
    blanked = EMAIL.sub(lambda m: " " * len(m.group()), normalise(text))  # positions stay those of `text`
    m = next(phone_numbers(blanked), None)
    return clean_value(text[m.start() : m.end()]) if m else None


def _emails(text: str) -> list[str]:
    return [m.group().lower() for m in EMAIL.finditer(normalise(text))]


def parse_contacts(blocks: list[Block]) -> list[dict[str, str | None]]:
    return [contact for contact, _published in find_contacts(blocks)]


def find_contacts(blocks: list[Block]) -> list[tuple[dict[str, str | None], set[str]]]:
    """The contacts, each with the names of its fields that were read from a contact block."""
    contacts: list[tuple[dict[str, str | None], set[str]]] = []
    lines = _texts(blocks)
    used: set[int] = set()

    by_email: dict[str, int] = {}  # indexes into `contacts`, so that adding is not a scan of all of them
    by_phone: dict[str, int] = {}

    def index(k: int) -> None:
        existing = contacts[k][0]
        if existing["email"]:
            by_email.setdefault(existing["email"], k)
        if existing["phone"]:
            by_phone.setdefault(existing["phone"], k)

    def add(contact: dict[str, str | None], *, in_block: bool = False) -> None:
        if not any(contact.values()):
            return
        same = [
            k for k in (by_email.get(contact["email"] or ""), by_phone.get(contact["phone"] or "")) if k is not None
        ]
        if same:
            existing, published = contacts[min(same)]
            for key, value in contact.items():
                if value and not existing[key]:
                    existing[key] = value
                    if in_block:
                        published.add(key)
            index(min(same))
            return
        contacts.append((contact, {k for k, v in contact.items() if v} if in_block else set()))
        index(len(contacts) - 1)

    for i, (text, _gap) in enumerate(lines):
        label = match_label(text, _CONTACT_LABELS, need_colon=True)
        if label is None:
            continue
        current: dict[str, str | None] = {"name": None, "phone": None, "email": None}
        parts = [label.value]
        used.add(i)
        for j in range(i + 1, min(len(lines), i + _MAX_BLOCK_LINES)):
            following, gap = lines[j]
            if gap or match_label(following, _CONTACT_LABELS, need_colon=True):
                break
            if not (_emails(following) or _phone(following) or _name_in(following) == clean_value(following)):
                break
            parts.append(following)
            used.add(j)
        for part in parts:
            name = _name_in(part)
            if name and current["name"] and name != current["name"]:
                add(current, in_block=True)
                current = {"name": None, "phone": None, "email": None}
            current["name"] = current["name"] or name
            current["phone"] = current["phone"] or _phone(part)
            current["email"] = current["email"] or next(iter(_emails(part)), None)
        add(current, in_block=True)
    for i, (text, _gap) in enumerate(lines):
        if i in used:
            continue
        addresses = _emails(text)
        if addresses:  # the name and phone beside them are read once per line, not once per address
            name, phone = _name_in(text), _phone(text)
            for address in addresses:
                add({"name": name, "phone": phone, "email": address})
    return contacts
