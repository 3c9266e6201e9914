"""Build DOCX, PDF and ODT files at test time from the blocks of a text document, the way a coordinator's
Word file, its PDF export and a LibreOffice file of the same minutes would look: headings as headings,
bullets as lists, tab-separated rows as real tables, blank lines as empty paragraphs or space."""

from __future__ import annotations

import html
from pathlib import Path

from tryggsam.documents.readers.model import Block, Paragraph, Table
from tryggsam.documents.readers.text import decode, text_to_blocks


def blocks_of(path: Path) -> list[Block]:
    return text_to_blocks(decode(path.read_bytes()))


def _shown(paragraph: Paragraph) -> str:
    # A bullet glyph lost in PDF extraction leaves only indentation; keep it as a leading space.
    return (" " if paragraph.indent and not paragraph.bullet else "") + paragraph.text


def build_docx(blocks: list[Block], target: Path) -> Path:
    import docx

    document = docx.Document()
    for block in blocks:
        if block.gap_before:
            document.add_paragraph("")
        if isinstance(block, Table):
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif block.level is not None:
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.bullet:
            document.add_paragraph(block.text, style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(_shown(block)).bold = block.bold or None
    document.save(str(target))
    return target


def build_odt(blocks: list[Block], target: Path) -> Path:
    from odfdo import Cell, Document, Header, List, ListItem, Row
    from odfdo import Paragraph as OdfParagraph
    from odfdo import Table as OdfTable

    document = Document("text")
    body = document.body
    body.clear()
    pending: list[str] = []

    def flush() -> None:
        if pending:
            items = List()
            for text in pending:
                items.append(ListItem(text))
            body.append(items)
            pending.clear()

    for n, block in enumerate(blocks):
        if not (isinstance(block, Paragraph) and block.bullet) or block.gap_before:
            flush()
        if block.gap_before:
            body.append(OdfParagraph(""))
        if isinstance(block, Table):
            table = OdfTable(f"Tabell{n}")
            for row in block.rows:
                odf_row = Row()
                for cell in row:
                    odf_row.append(Cell(cell))
                table.append(odf_row)
            body.append(table)
        elif block.level is not None:
            body.append(Header(min(block.level, 6), block.text))
        elif block.bullet:
            pending.append(block.text)
        else:
            body.append(OdfParagraph(_shown(block)))
    flush()
    document.save(str(target))
    return target


def to_html(blocks: list[Block]) -> str:
    parts = [
        "<html><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 2cm } body { font-family: sans-serif; font-size: 10pt; line-height: 1.25 }"
        "p, li { margin: 0.45em 0 0 0 } .gap { margin-top: 1.6em } ul { margin: 0; padding-left: 1.5em }"
        "h1, h2, h3, h4, h5, h6 { margin: 0.8em 0 0.3em 0 } h1 { font-size: 18pt } h2 { font-size: 15pt }"
        "h3 { font-size: 13pt } h4, h5, h6 { font-size: 12pt }"
        "table { border-collapse: collapse; width: 100%; margin-top: 0.8em } "
        "tr { break-inside: avoid } td { border: 0.6pt solid black; padding: 2pt 3pt; vertical-align: top; font-size: 9pt }"
        "</style></head><body>"
    ]
    in_list = False
    for block in blocks:
        gap = " class='gap'" if block.gap_before else ""
        if in_list and not (isinstance(block, Paragraph) and block.bullet and not block.gap_before):
            parts.append("</ul>")
            in_list = False
        if isinstance(block, Table):
            width = max(len(r) for r in block.rows)
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in (*row, *[""] * (width - len(row)))) + "</tr>"
                for row in block.rows
            )
            parts.append(f"<table{gap}>{rows}</table>")
        elif block.level is not None:
            level = min(block.level, 6)
            parts.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif block.bullet:
            if not in_list:
                parts.append(f"<ul{gap}>")
                in_list = True
            parts.append(f"<li>{html.escape(block.text)}</li>")
        else:
            text = html.escape(block.text)
            if block.bold:
                text = f"<b>{text}</b>"
            indent = " style='padding-left: 1.2em'" if block.indent and not block.bullet else ""
            parts.append(f"<p{gap}{indent}>{text}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def build_pdf(blocks: list[Block], target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=to_html(blocks)).write_pdf(str(target))
    return target
