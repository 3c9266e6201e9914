"""Word (.docx): paragraphs with their heading level, lists (with Word's own numbering restored, since
agenda items are often auto-numbered), bold paragraphs and tables, in document order."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.parsing.clean import normalise_space, strip_bullet, strip_markup
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|överskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik", "titel"})
_LIST_STYLE = re.compile(r"^(?:list|liststycke|punktlista|numrerad lista)", re.IGNORECASE)
_MAX_TABLE_CELLS = 20000


def read_docx(raw: bytes, archive: zipfile.ZipFile) -> DocumentText:
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(raw))
        numbering = _Numbering(document)
        styles = _Styles()
        blocks: list[Block] = []
        pending_tab_rows: list[tuple[str, ...]] = []
        gap = False
        for item in document.iter_inner_content():
            if isinstance(item, DocxTable):
                _flush(blocks, pending_tab_rows)
                rows = _table_rows(item)
                if rows:
                    blocks.append(Table(rows=rows, gap_before=gap))
                    gap = False
                continue
            paragraphs = _paragraphs(item, numbering, styles)
            if not paragraphs:
                gap = gap or bool(blocks or pending_tab_rows)  # an empty paragraph is a blank line
                continue
            if gap:
                paragraphs[0] = replace(paragraphs[0], gap_before=True)
                gap = False
            for paragraph in paragraphs:
                if "\t" in paragraph.text.strip():
                    pending_tab_rows.append(tuple(normalise_space(c) for c in paragraph.text.split("\t")))
                else:
                    _flush(blocks, pending_tab_rows)
                    blocks.append(paragraph)
        _flush(blocks, pending_tab_rows)
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on damaged files
        raise UnreadableDocument(_("Word-filen är skadad och kan inte läsas.")) from exc
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise UnreadableDocument(_("Word-filen innehåller ingen text."))
    return DocumentText(blocks=blocks, source_format="docx", hard_breaks=True)


def _flush(blocks: list[Block], rows: list[tuple[str, ...]]) -> None:
    if rows:
        blocks.append(Table(rows=tuple(rows)))
        rows.clear()


class _Numbering:
    """Word's automatic list numbering: which lists are numbered, and the running numbers."""

    def __init__(self, document: Any):
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[str, tuple[str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                levels[lvl.get(f"{_W}ilvl", "0")] = (
                    fmt.get(f"{_W}val", "") if fmt is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val", ""), {}).items():
                self.formats[(num.get(f"{_W}numId", ""), ilvl)] = spec

    def label(self, num_id: str, ilvl: str) -> tuple[str | None, bool]:
        """(number text or None, is a list item) for a paragraph in list `num_id` at level `ilvl`."""
        fmt, start = self.formats.get((num_id, ilvl), ("bullet", 1))
        if fmt != "decimal":
            return None, fmt != "none"
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for other in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[other]
        return str(self.counters[key]), False


class _Styles:
    """A paragraph's style name and the numbering its style gives, looked up once per style: python-docx
    finds a paragraph's style by scanning every style of the document, for every paragraph."""

    def __init__(self) -> None:
        self.known: dict[str | None, tuple[str, Any]] = {}

    def of(self, paragraph: Any) -> tuple[str, Any]:
        try:
            style_id = paragraph._p.style
        except (AttributeError, ValueError):
            style_id = None
        if style_id not in self.known:
            try:
                style = paragraph.style
                name = (style.name or "") if style is not None else ""
            except (KeyError, AttributeError, ValueError):
                style, name = None, ""
            self.known[style_id] = (name, _style_numbering(style))
        return self.known[style_id]


def _paragraphs(paragraph: Any, numbering: _Numbering, styles: _Styles) -> list[Paragraph]:
    text = paragraph.text or ""
    if not text.strip():
        return []
    style_name, style_num_pr = styles.of(paragraph)
    level = None
    heading = _HEADING_STYLE.match(style_name.strip())
    if heading:
        level = max(1, min(6, int(heading.group(1))))
    elif style_name.strip().lower() in _TITLE_STYLES:
        level = 1
    bullet = bool(_LIST_STYLE.match(style_name.strip()))
    number = None
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None:
        num_pr = style_num_pr
    if num_pr is not None and num_pr.numId is not None:
        ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        number, bullet = numbering.label(str(num_pr.numId.val), ilvl)
    if level is None and ppr is not None:
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None and (outline.get(f"{_W}val") or "").isdigit() and int(outline.get(f"{_W}val")) < 6:
            level = int(outline.get(f"{_W}val")) + 1
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    result = []
    for k, part in enumerate(text.split("\n")):
        indent = len(part) - len(part.lstrip(" "))
        clean = strip_markup(part.strip(" "))
        clean, had_bullet = strip_bullet(clean)
        clean = clean.strip(" ")
        if not clean.strip():
            continue
        if k == 0 and number:
            clean = f"{number}. {clean}"
        result.append(
            Paragraph(
                text=clean,
                level=level,
                bullet=(bullet or had_bullet) and level is None,
                indent=indent,
                bold=bold,
            )
        )
    return result


def _style_numbering(style: Any) -> Any:
    """The list numbering a paragraph takes from its style ('List Number') or the style it is based on."""
    for _depth in range(10):
        if style is None:
            return None
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


def _table_rows(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    seen_cells = 0
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            seen_cells += 1
            if seen_cells > _MAX_TABLE_CELLS:
                raise UnreadableDocument(_("Word-filen har en orimligt stor tabell och läses inte."))
            if cell._tc is previous:
                continue  # a cell merged across columns is listed once per column
            previous = cell._tc
            parts = [strip_bullet(strip_markup(p.text).strip())[0] for p in cell.paragraphs]
            cells.append(normalise_space(" ".join(p for p in parts if p)))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)
