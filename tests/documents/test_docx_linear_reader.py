"""The linear .docx reader (document.xml read directly, issue 13 item 8) gives exactly what the
python-docx reader gives: the same blocks, texts, levels, list numbers, bold and tables; a document it
does not know is left to python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.documents.builders import build_docx
from tryggsam.documents.readers import read_document
from tryggsam.documents.readers.docx import _blocks, _python_docx_items, read_plain_docx
from tryggsam.documents.readers.model import Paragraph, Table


def _both(raw: bytes) -> tuple[list, list | None]:
    archive = zipfile.ZipFile(io.BytesIO(raw))
    plain = read_plain_docx(archive)
    return _blocks(_python_docx_items(raw)), (_blocks(plain) if plain is not None else None)


def _save(document, path: Path) -> bytes:
    document.save(str(path))
    return path.read_bytes()


def _rich_document():
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("Minnesanteckningar från samverkansgruppen", level=0)
    document.add_paragraph("Datum: 3 mars 2024 kl. 18.00")
    document.add_heading("Närvarande", level=1)
    for name in ("Lisa Marklund, fältassistent", "Bengt Ås, kommunpolis"):
        document.add_paragraph(name, style="List Bullet")
    document.add_heading("Dagordning", level=2)
    for heading in ("Läget i området", "Belysningen vid torget", "Övrigt"):
        document.add_paragraph(heading, style="List Number")
    paragraph = document.add_paragraph()
    paragraph.add_run("Beslut:").bold = True
    paragraph.add_run(" rådet ska skriva till fastighetsägaren.")
    bold = document.add_paragraph()
    bold.add_run("Helt fet rad").bold = True
    broken = document.add_paragraph("Första raden")
    broken.add_run().add_break()
    broken.add_run("andra raden efter radbrytning")
    broken.add_run().add_break(WD_BREAK.PAGE)
    broken.add_run("efter sidbrytning")
    document.add_paragraph("Namn\tRoll\tOrganisation")
    document.add_paragraph("Eva Lund\tOrdförande\tStadsdelsförvaltningen")
    document.add_paragraph("")
    document.add_paragraph("   indragen rad med mellanslag")
    document.add_paragraph("• en punkt skriven för hand")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Cell {r}-{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # a cell spanning two columns
    table.cell(2, 2).add_paragraph("andra stycket i cellen")
    document.add_paragraph("Nästa möte: 14 april 2024.", style="Title")
    quote = document.add_paragraph("Ett citat i egen stil", style="Quote")
    quote.paragraph_format.left_indent = 100
    return document


def test_linear_reader__gives_the_python_docx_blocks_for_paragraphs_lists_breaks_and_tables(tmp_path):
    raw = _save(_rich_document(), tmp_path / "rich.docx")
    reference, plain = _both(raw)
    assert plain is not None  # read by the linear reader
    assert plain == reference
    texts = [b.text for b in plain if isinstance(b, Paragraph)]
    assert "1. Läget i området" in texts and "3. Övrigt" in texts
    assert "andra raden efter radbrytningefter sidbrytning" in texts  # a page break is no text (python-docx)
    assert any(isinstance(b, Table) and b.rows[0][0] == "Cell 0-0 Cell 0-1" for b in plain)
    assert any(isinstance(b, Table) and b.rows[0] == ("Namn", "Roll", "Organisation") for b in plain)
    assert [b.level for b in plain if isinstance(b, Paragraph) and b.text == "Närvarande"] == [1]
    assert [b.bold for b in plain if isinstance(b, Paragraph) and b.text == "Helt fet rad"] == [True]


def test_linear_reader__is_what_read_document_returns(tmp_path):
    path = tmp_path / "rich.docx"
    _save(_rich_document(), path)
    reference, _plain = _both(path.read_bytes())
    assert read_document(path).blocks == reference


@pytest.mark.parametrize(
    "blocks",
    [
        [Paragraph("Protokoll", level=1), Paragraph("§ 12 Ekonomi"), Paragraph("Text", bullet=True)],
        [Table(rows=(("A", "B"), ("1", ""), ("", "2"))), Paragraph("Efter tabellen", bold=True)],
    ],
)
def test_linear_reader__equal_on_the_test_builders_documents(tmp_path, blocks):
    raw = build_docx(blocks, tmp_path / "built.docx").read_bytes()
    reference, plain = _both(raw)
    assert plain == reference


def test_linear_reader__leaves_vertically_merged_cells_and_tracked_changes_to_python_docx(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Sammanslagen"
    table.cell(0, 0).merge(table.cell(1, 0))
    raw = _save(document, tmp_path / "merged.docx")
    assert read_plain_docx(zipfile.ZipFile(io.BytesIO(raw))) is None
    assert read_document(tmp_path / "merged.docx").blocks == _blocks(_python_docx_items(raw))

    document = docx.Document()
    paragraph = document.add_paragraph("Före ")
    inserted = paragraph._p.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ins", {})
    paragraph._p.append(inserted)
    raw = _save(document, tmp_path / "changes.docx")
    assert read_plain_docx(zipfile.ZipFile(io.BytesIO(raw))) is None


def test_linear_reader__equal_on_every_docx_the_tests_and_bench_make(tmp_path):
    """The benchmark's minutes (one paragraph per line) read the same both ways."""
    import docx

    document = docx.Document()
    for line in ["Minnesanteckningar Trygghetsrådet", "", "Närvarande:", "Anna Berg, Rektor", "", "1. Lägesbild"]:
        document.add_paragraph(line)
    raw = _save(document, tmp_path / "bench.docx")
    reference, plain = _both(raw)
    assert plain is not None and plain == reference
