"""OpenDocument text (.odt): headings, paragraphs, lists and tables from content.xml.

content.xml is parsed with a hardened lxml parser (no entities, no network, no huge trees) after the
archive has passed the size checks.
"""

from __future__ import annotations

import zipfile

from django.utils.translation import gettext as _
from lxml import etree

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.parsing.clean import normalise_space, strip_bullet, strip_markup
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_MAX_REPEAT = 64
_SKIPPED = frozenset({f"{{{TEXT}}}note", f"{{{TEXT}}}tracked-changes", f"{{{OFFICE}}}annotation"})


def read_odt(archive: zipfile.ZipFile) -> DocumentText:
    from tryggsam.documents.readers import read_zip_member

    content = read_zip_member(archive, "content.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(_("ODT-filen är skadad och kan inte läsas.")) from exc
    if root is None:
        raise UnreadableDocument(_("ODT-filen är skadad och kan inte läsas."))
    bold_styles = _bold_styles(root)
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise UnreadableDocument(_("Filen är inget textdokument (.odt)."))
    walker = _Walker(bold_styles)
    walker.walk(body, in_list=False)
    walker.flush_tab_rows()
    blocks = walker.blocks
    if not blocks:
        raise UnreadableDocument(_("ODT-filen innehåller ingen text."))
    return DocumentText(blocks=blocks, source_format="odt", hard_breaks=True)


def _bold_styles(root: etree._Element) -> set[str]:
    names = set()
    for style in root.iter(f"{{{STYLE}}}style"):
        props = style.find(f"{{{STYLE}}}text-properties")
        if props is not None and props.get(f"{{{FO}}}font-weight") in ("bold", "700", "800", "900"):
            names.add(style.get(f"{{{STYLE}}}name", ""))
    return names


class _Walker:
    """Collects blocks in document order; an empty paragraph marks a blank line before the next block."""

    def __init__(self, bold_styles: set[str]):
        self.bold_styles = bold_styles
        self.blocks: list[Block] = []
        self.gap = False
        self.tab_rows: list[tuple[str, ...]] = []

    def walk(self, node: etree._Element, *, in_list: bool) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in (f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
                level = None
                if tag == f"{{{TEXT}}}h":
                    raw_level = child.get(f"{{{TEXT}}}outline-level", "1")
                    level = max(1, min(6, int(raw_level))) if raw_level.isdigit() else 1
                self.paragraph(child, level=level, bullet=in_list)
            elif tag == f"{{{TEXT}}}list":
                self.walk(child, in_list=True)
            elif tag in (f"{{{TEXT}}}list-item", f"{{{TEXT}}}list-header", f"{{{TEXT}}}section"):
                self.walk(child, in_list=in_list)
            elif tag == f"{{{TABLE}}}table":
                self.flush_tab_rows()
                rows = _table_rows(child)
                if rows:
                    self.blocks.append(Table(rows=rows, gap_before=self.gap))
                    self.gap = False

    def flush_tab_rows(self) -> None:
        if self.tab_rows:
            self.blocks.append(Table(rows=tuple(self.tab_rows), gap_before=self.gap))
            self.tab_rows = []
            self.gap = False

    def paragraph(self, element: etree._Element, *, level: int | None, bullet: bool) -> None:
        text = _text(element)
        if not text.strip():
            self.gap = self.gap or bool(self.blocks or self.tab_rows)
            return
        if "\t" in text.strip():
            self.tab_rows.append(tuple(normalise_space(strip_markup(c)) for c in text.split("\t")))
            return
        self.flush_tab_rows()
        bold = element.get(f"{{{TEXT}}}style-name", "") in self.bold_styles or _all_spans_bold(
            element, self.bold_styles
        )
        for part in text.split("\n"):
            indent = len(part) - len(part.lstrip(" "))
            clean, had_bullet = strip_bullet(strip_markup(part.strip()))
            clean = clean.strip()
            if clean:
                self.blocks.append(
                    Paragraph(
                        text=clean,
                        level=level,
                        bullet=(bullet or had_bullet) and level is None,
                        indent=indent,
                        bold=bold,
                        gap_before=self.gap,
                    )
                )
                self.gap = False


def _all_spans_bold(element: etree._Element, bold_styles: set[str]) -> bool:
    if (element.text or "").strip():
        return False
    spans = [c for c in element if isinstance(c.tag, str)]
    if not spans:
        return False
    for span in spans:
        plain = span.tag != f"{{{TEXT}}}span" or span.get(f"{{{TEXT}}}style-name", "") not in bold_styles
        if plain and _text(span).strip():
            return False
        if (span.tail or "").strip():
            return False
    return True


def _text(element: etree._Element) -> str:
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIPPED:
                if tag == f"{{{TEXT}}}s":
                    count = child.get(f"{{{TEXT}}}c", "1")
                    parts.append(" " * min(int(count) if count.isdigit() else 1, _MAX_REPEAT))
                elif tag == f"{{{TEXT}}}tab":
                    parts.append("\t")
                elif tag == f"{{{TEXT}}}line-break":
                    parts.append("\n")
                else:
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return "".join(parts)


def _table_rows(table: etree._Element) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.iter(f"{{{TABLE}}}table-row"):
        if row.getparent() is not None and _owning_table(row) is not table:
            continue
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
                continue
            if cell.tag == f"{{{TABLE}}}covered-table-cell":
                continue
            paragraphs = [
                strip_bullet(strip_markup(_text(p)).strip())[0] for p in cell.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")
            ]
            value = normalise_space(" ".join(p for p in paragraphs if p))
            repeat = cell.get(f"{{{TABLE}}}number-columns-repeated", "1")
            count = min(int(repeat) if repeat.isdigit() else 1, _MAX_REPEAT)
            cells.extend([value] * (count if value else 1))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


def _owning_table(row: etree._Element) -> etree._Element | None:
    node = row.getparent()
    while node is not None and node.tag != f"{{{TABLE}}}table":
        node = node.getparent()
    return node
