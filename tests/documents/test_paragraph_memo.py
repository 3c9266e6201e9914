"""`paragraph_lines` remembers its answer for recent blocks (several parsers ask for the same ones,
issue 13 item 8): the remembered answer is the one computed afresh, and a caller cannot change it."""

from __future__ import annotations

from tryggsam.documents.parsing.structure import _paragraph_lines, paragraph_lines, paragraph_texts
from tryggsam.documents.readers.model import Paragraph, Table


def _blocks():
    return [
        Paragraph("Protokoll från mötet", level=1),
        Paragraph("Rådet diskuterade belysningen vid"),
        Paragraph("torget och buskagen."),
        Table(rows=(("Namn", "Roll"), ("Eva Lund", "Ordförande"))),
        Paragraph("Nästa möte i maj.", bullet=True),
    ]


def test_paragraph_lines__remembered_answer_equals_a_fresh_one():
    fresh = list(_paragraph_lines.__wrapped__(tuple(_blocks())))
    first = paragraph_lines(_blocks())
    first.append(("ändrat av en anropare", None))  # the caller's list is its own
    assert paragraph_lines(_blocks()) == fresh
    assert paragraph_texts(_blocks())[0] == "Protokoll från mötet"
    assert "Eva Lund | Ordförande" in paragraph_texts(_blocks())


def test_paragraph_lines__a_table_with_lists_of_rows_is_read_afresh():
    blocks = [Paragraph("Deltagare"), Table(rows=[["Eva Lund", "Ordförande"]])]  # type: ignore[arg-type]
    assert paragraph_texts(blocks) == ["Deltagare", "Eva Lund | Ordförande"]
