"""Warnings that name the source line they are about ("rad 14: …"), so a coordinator can find the
place in the document. The line travels with each block from the reader (`Paragraph.line`); a parser
that warns about a block passes the block (or its line) here, never looks the text up afterwards."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tryggsam.documents.readers.model import Block


def line_of(block: Block | None) -> int | None:
    return block.line if block is not None else None


def at_line(line: int | Block | None, message: str) -> str:
    """`message` prefixed with the line it is about; unchanged when the reader gave no line (DOCX, PDF)."""
    number = line if isinstance(line, int) or line is None else line.line
    if number is None:
        return message
    return _("rad %(line)d: %(message)s") % {"line": number, "message": message}
