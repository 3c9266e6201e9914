"""Readers: encodings, Markdown and HTML remnants, tables of every kind, and refusals of unreadable files."""

import io
import zipfile

import docx
import pytest
from weasyprint import HTML

from tests.documents.pdfs import minimal_pdf
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.readers import MAX_FILE_BYTES, read_document
from tryggsam.documents.readers.model import Paragraph, Table

SWEDISH = "Mötet hölls i Årsta; närvarande var Åsa Öberg och Pär Ängström.\n"


def _paragraphs(document):
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _tables(document):
    return [b for b in document.blocks if isinstance(b, Table)]


@pytest.mark.parametrize(
    "raw",
    [
        SWEDISH.encode("utf-8"),
        b"\xef\xbb\xbf" + SWEDISH.encode("utf-8"),
        SWEDISH.encode("cp1252"),
        SWEDISH.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom"],
)
def test_read_document__text_encodings(tmp_path, raw):
    path = tmp_path / "anteckningar.txt"
    path.write_bytes(raw)
    assert _paragraphs(read_document(path))[0].text == SWEDISH.strip()


def test_read_document__markdown_marks_and_remnants(tmp_path):
    path = tmp_path / "m.md"
    path.write_text(
        "## Rådets möte\n\n**3. Läget i parken**\n- punkt med [länk](https://exempel.se/a_b) och utm\\_x\n"
        "<b>Fet</b> text &amp; mer\n   indragen rad\n",
        encoding="utf-8",
    )
    blocks = _paragraphs(read_document(path))
    assert (blocks[0].text, blocks[0].level) == ("Rådets möte", 2)
    assert (blocks[1].text, blocks[1].bold) == ("3. Läget i parken", True)
    assert blocks[1].gap_before
    assert (blocks[2].text, blocks[2].bullet) == ("punkt med länk och utm_x", True)
    assert blocks[3].text == "Fet text & mer"
    assert blocks[4].indent == 3


def test_read_document__tab_pipe_and_aligned_tables(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "A\tB\tC\n1\t2\t3\n\n| Namn | Roll |\n|---|---|\n| Eva Lund | Fältassistent |\n\n"
        "Område        Insats          Ansvarig\n"
        "Torget        Mer ljus        Parkenheten\n"
        "              vid trappan\n"
        "Skolgården    Rastvakter      Rektor\n",
        encoding="utf-8",
    )
    tables = _tables(read_document(path))
    assert tables[0].rows == (("A", "B", "C"), ("1", "2", "3"))
    assert tables[1].rows == (("Namn", "Roll"), ("Eva Lund", "Fältassistent"))
    assert tables[2].rows == (
        ("Område", "Insats", "Ansvarig"),
        ("Torget", "Mer ljus vid trappan", "Parkenheten"),
        ("Skolgården", "Rastvakter", "Rektor"),
    )


def test_read_document__prose_with_double_spaces_is_not_a_table(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(
        "Vi såg  tre saker  i parken.\nDet var lugnt hela kvällen och ingen ringde polisen.\n", encoding="utf-8"
    )
    assert _tables(read_document(path)) == []


def test_read_document__docx_headings_numbering_tables_and_tabs(tmp_path):
    document = docx.Document()
    document.add_heading("Minnesanteckningar", level=1)
    document.add_paragraph("Ordinarie möte", style="List Number")
    document.add_paragraph("Övriga frågor", style="List Number")
    document.add_paragraph("en punkt", style="List Bullet")
    document.add_paragraph("Kim Berg\tKommunpolis")
    document.add_paragraph("Lo Dahl\tFritidsledare")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Plats", "Insats", "Ansvarig"]):
        table.cell(0, c).text = text
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Sammanslagen"
    table.cell(1, 2).text = "Polisen"
    path = tmp_path / "a.docx"
    document.save(path)
    result = read_document(path)
    paragraphs = _paragraphs(result)
    assert (paragraphs[0].text, paragraphs[0].level) == ("Minnesanteckningar", 1)
    assert [p.text for p in paragraphs[1:3]] == ["1. Ordinarie möte", "2. Övriga frågor"]
    assert paragraphs[3].bullet
    tables = _tables(result)
    assert tables[0].rows == (("Kim Berg", "Kommunpolis"), ("Lo Dahl", "Fritidsledare"))
    assert tables[1].rows == (("Plats", "Insats", "Ansvarig"), ("Sammanslagen", "Polisen"))
    assert result.hard_breaks


def test_read_document__pdf_rejoins_wrapped_lines_and_reads_headings(tmp_path):
    long = "Ordet trygghet " * 40
    path = tmp_path / "a.pdf"
    HTML(string=f"<h1>Rubrik</h1><p>{long}</p><p>Kort rad.</p>").write_pdf(path)
    paragraphs = _paragraphs(read_document(path))
    assert (paragraphs[0].text, paragraphs[0].level) == ("Rubrik", 1)
    assert paragraphs[1].text == long.strip()
    assert paragraphs[2].text == "Kort rad."


def test_read_document__renamed_file_is_read_by_content(tmp_path):
    path = tmp_path / "egentligen-pdf.txt"
    path.write_bytes(minimal_pdf("Protokoll"))
    assert read_document(path).source_format == "pdf"


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unreadable(tmp_path, name: str, raw: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    message = caught.value.message
    assert "\n" not in message and message[:1].isupper() and message.endswith((".", ")"))
    return message


def test_read_document__refuses_empty_and_binary(tmp_path):
    assert "tom" in _unreadable(tmp_path, "tom.txt", b"")
    assert "tom" in _unreadable(tmp_path, "blank.md", b"  \n\n ")
    assert "binärdata" in _unreadable(tmp_path, "bild.txt", bytes(range(256)) * 4)
    assert "ingen läsbar text" in _unreadable(tmp_path, "siffror.txt", b"123 456\n")


def test_read_document__refuses_broken_and_protected_pdf(tmp_path):
    assert "krypterad" in _unreadable(tmp_path, "hemlig.pdf", minimal_pdf("Hemligt", encrypt=True))
    assert "skadad" in _unreadable(tmp_path, "trasig.pdf", minimal_pdf("Trasig")[:60])
    assert "giltig PDF" in _unreadable(tmp_path, "fel.pdf", b"inte alls en pdf")


def test_read_document__refuses_pdf_without_text_layer(tmp_path):
    raw = HTML(string="<div style='width:8cm;height:8cm;background:#333'></div>").write_pdf()
    assert "textlager" in _unreadable(tmp_path, "skannad.pdf", raw)


def test_read_document__refuses_corrupt_and_foreign_archives(tmp_path):
    assert "skadad" in _unreadable(tmp_path, "trasig.docx", b"PK\x03\x04" + b"\x00" * 200)
    assert "skadad" in _unreadable(tmp_path, "trasig2.docx", _zip({"word/document.xml": b"<inte xml"}))
    assert "varken" in _unreadable(tmp_path, "arkiv.docx", _zip({"a.txt": b"hej"}))
    assert ".doc" in _unreadable(tmp_path, "gammal.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 600)


def test_read_document__refuses_zip_bomb_before_unpacking(tmp_path):
    bomb = _zip({"word/document.xml": b"\x00" * (30 * 1024 * 1024), "[Content_Types].xml": b"<x/>"})
    assert len(bomb) < 100_000
    assert "zip-bomb" in _unreadable(tmp_path, "bomb.docx", bomb)


def test_read_document__refuses_too_large_file(tmp_path):
    path = tmp_path / "stor.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableDocument, match="för stor"):
        read_document(path)


def test_read_document__refuses_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="finns inte"):
        read_document(tmp_path / "saknas.pdf")
