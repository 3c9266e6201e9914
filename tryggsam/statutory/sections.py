"""The parts a statutory document is made of, and the list of section builders per document kind.

A document is a list of sections; a section is a heading and blocks (paragraphs, bullet lists,
tables and images), every table and image with the source and date of its figures and the
classification of what it counts. A section builder reads as the context's reader through the
selectors of the app that owns the data and returns a `Section`, or None when there is nothing to say
(the section is then left out). The same builders make the members' and the public version: only the
reader differs (an anonymous visitor gets the public picture's suppression).

Builders are added with `add_section_builder(kind, key, build, before=...)`; the analysis apps'
parts (causes, goals, effects, priorities) are added this way."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.core.models import Classification
from tryggsam.places.models import Area

Block = dict[str, Any]


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "blocks": self.blocks}


@dataclass(frozen=True)
class DocumentContext:
    """What a builder reads for: who reads (the members' version is read as its author, the public
    one as an anonymous visitor), the document, its area and period, and when it is made."""

    reader: Reader
    document: Any  # statutory.models.StatutoryDocument
    area: Area | None
    start: dt.date
    end: dt.date
    made: dt.datetime

    @property
    def public(self) -> bool:
        return permissions.sees_public_picture(self.reader)

    @property
    def forum_ids(self) -> list[int]:
        """The council and the forums under it (working groups, place partnerships)."""
        forum = self.document.forum
        if forum is None:
            return []
        return [forum.pk, *forum.children.values_list("pk", flat=True)]

    def count(self, n: int) -> str:
        """A count as the reader may see it ("<3" for the public under the limit)."""
        shown = permissions.count_for(self.reader, n)
        return f"<{permissions.PUBLIC_MIN_COUNT}" if shown is None else str(shown)


SectionBuilder = Callable[[DocumentContext], Section | None]


def paragraph(text: str) -> Block:
    return {"type": "paragraph", "text": text}


def bullets(items: list[str]) -> Block:
    return {"type": "bullets", "items": items}


def source_line(ctx: DocumentContext, sources: str, classification: str, *, as_of: dt.date | None = None) -> str:
    """ "Källa: …; uttag …; klassificering: …" under every figure."""
    return _("Källa: %(sources)s. Uttag ur TryggSam %(date)s. Klassificering: %(class)s.") % {
        "sources": sources,
        "date": f"{as_of or ctx.made.date():%Y-%m-%d}",
        "class": classification_label(Classification.OPEN if ctx.public else classification),
    }


def table(caption: str, columns: list[str], rows: list[list[str]], source: str, classification: str) -> Block:
    return {
        "type": "table",
        "caption": caption,
        "columns": columns,
        "rows": rows,
        "source": source,
        "classification": classification,
    }


def image(caption: str, png: bytes, source: str, classification: str) -> Block:
    return {
        "type": "image",
        "caption": caption,
        "png": base64.b64encode(png).decode(),
        "source": source,
        "classification": classification,
    }


def classification_label(classification: str) -> str:
    return str(dict(Classification.choices).get(classification, classification))


def strictest(*classifications: str) -> str:
    return permissions.strictest_classification(Classification.OPEN, *classifications)


# --- the builders of each kind ---------------------------------------------------------------------

_BUILDERS: dict[str, list[tuple[str, SectionBuilder]]] = {}


def add_section_builder(kind: str, key: str, build: SectionBuilder, *, before: str | None = None) -> None:
    """Add a section to every document of `kind` (a `DocumentKind` value): `build(ctx)` returns the
    section or None. It goes before the section `before` (e.g. "conclusions"), or last. Adding a key
    again replaces the earlier builder (so a module may be reloaded)."""
    builders = [(k, b) for k, b in _BUILDERS.setdefault(kind, []) if k != key]
    position = next((i for i, (k, _b) in enumerate(builders) if k == before), len(builders))
    builders.insert(position, (key, build))
    _BUILDERS[kind] = builders


def section_keys(kind: str) -> list[str]:
    return [key for key, _build in _BUILDERS.get(kind, [])]


def build_sections(ctx: DocumentContext) -> list[Section]:
    sections = []
    for _key, build in _BUILDERS.get(ctx.document.kind, []):
        section = build(ctx)
        if section is not None and section.blocks:
            sections.append(section)
    return sections


def section_classification(section: Section) -> str:
    return strictest(*(b.get("classification", Classification.OPEN) for b in section.blocks))
