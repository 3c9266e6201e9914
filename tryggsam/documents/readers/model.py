"""The normalised text of a document, the same whatever format it was read from.

Readers turn a file into blocks: paragraphs (with heading level, list and emphasis marks) and tables
(rows of cells). Parsers work only on blocks, so a DOCX, a PDF and a pasted text of the same minutes
give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str  # inline markup removed, leading whitespace removed; inner runs of spaces kept
    level: int | None = None  # heading level 1..6 when the source says so
    bullet: bool = False  # a list item (its marker removed)
    indent: int = 0  # leading whitespace in the source: PDF-extracted bullets often keep only this
    bold: bool = False  # the whole paragraph is emphasised (a heading written as bold text)
    gap_before: bool = False  # a blank line or extra space separates it from the block before
    line: int | None = None  # the source line (1-based) in a text file; parsers carry it into warnings


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    gap_before: bool = False
    line: int | None = None  # the source line of the table's first row


Block = Paragraph | Table


@dataclass
class DocumentText:
    blocks: list[Block]
    source_format: str  # "text", "docx", "pdf", "odt"
    # True when every paragraph is a real paragraph (DOCX, ODT); False when a line break may be a
    # wrapped line of a longer paragraph (plain text, especially text extracted from PDF).
    hard_breaks: bool = False
    warnings: list[str] = field(default_factory=list)

    def plain_text(self) -> str:
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                parts.extend("\t".join(row) for row in block.rows)
            else:
                parts.append(block.text)
        return "\n".join(parts)
