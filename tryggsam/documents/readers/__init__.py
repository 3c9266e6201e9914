"""Read a document file into normalised text: `read_document(path) -> DocumentText`.

The format is decided by the file's content (PDF and zip signatures), not only by its name, so a
renamed file is read as what it is and a damaged one is refused with one Swedish sentence
(`UnreadableDocument`). Sizes are checked before any parser sees the file: the file itself, and for
DOCX/ODT the uncompressed size and compression ratio of the archive (zip bombs).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument, check_text_size
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRY_RATIO = 200
MAX_ZIP_ENTRIES = 5000
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".csv", ".tsv", ""})
_OLD_FORMATS = {".doc": "Word 97–2003 (.doc)", ".rtf": "RTF", ".odf": "ODF", ".pages": "Pages", ".xls": "Excel"}

__all__ = ["Block", "DocumentText", "Paragraph", "Table", "UnreadableDocument", "read_document"]


def read_document(path: Path | str) -> DocumentText:
    """The text of the file at `path`, refused (UnreadableDocument) if it is unreadable or has more text
    than the parsers take (MAX_TEXT_CHARS)."""
    document = _read(Path(path))
    check_text_size(
        sum(
            len(b.text) if isinstance(b, Paragraph) else sum(len(c) for row in b.rows for c in row)
            for b in document.blocks
        )
    )
    return document


def _read(path: Path) -> DocumentText:
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    if raw.startswith(b"%PDF-") or raw[:1024].lstrip().startswith(b"%PDF-"):
        from tryggsam.documents.readers.pdf import read_pdf

        return read_pdf(raw)
    if raw.startswith(b"PK\x03\x04"):
        return _read_package(raw)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(
            _("Filen är i Words gamla format (.doc) eller är krypterad; spara den som .docx och försök igen.")
        )
    if suffix == ".pdf":
        raise UnreadableDocument(_("Filen är ingen giltig PDF-fil."))
    if suffix in (".docx", ".odt"):
        raise UnreadableDocument(_("Filen är ingen giltig %(format)s-fil.") % {"format": suffix[1:].upper()})
    if suffix in _OLD_FORMATS:
        raise UnreadableDocument(
            _("Formatet %(format)s kan inte läsas; spara dokumentet som .docx, .pdf, .odt eller .txt.")
            % {"format": _OLD_FORMATS[suffix]}
        )
    from tryggsam.documents.readers.text import read_text

    return read_text(raw)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(_("Filen finns inte eller kan inte öppnas: %(name)s") % {"name": path.name}) from exc
    if not path.is_file():
        raise UnreadableDocument(_("Sökvägen är ingen fil: %(name)s") % {"name": path.name})
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(
            _("Filen är för stor (%(size)d MB); största tillåtna storlek är %(max)d MB.")
            % {"size": size // (1024 * 1024), "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise UnreadableDocument(_("Filen är tom."))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(_("Filen kan inte läsas: %(name)s") % {"name": path.name}) from exc


def open_zip(raw: bytes) -> zipfile.ZipFile:
    """The archive of a DOCX/ODT, refused if it is damaged or would unpack to far more than it weighs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableDocument(_("Filen är skadad: arkivet (zip) i den går inte att öppna.")) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnreadableDocument(_("Filen innehåller orimligt många delar och läses inte (möjlig zip-bomb)."))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_ENTRY_RATIO):
            raise UnreadableDocument(_("Filen packas upp till orimligt mycket data och läses inte (möjlig zip-bomb)."))
        if info.flag_bits & 0x1:
            raise UnreadableDocument(_("Filen är lösenordsskyddad och kan inte läsas."))
    return archive


def read_zip_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member of an already checked archive; the read is capped in case the header lied."""
    try:
        with archive.open(name) as member:
            data = member.read(MAX_UNCOMPRESSED_BYTES + 1)
    except KeyError as exc:
        raise UnreadableDocument(_("Filen är skadad: delen %(name)s saknas.") % {"name": name}) from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise UnreadableDocument(_("Filen är skadad och kan inte packas upp.")) from exc
    if len(data) > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableDocument(_("Filen packas upp till orimligt mycket data och läses inte (möjlig zip-bomb)."))
    return data


def _read_package(raw: bytes) -> DocumentText:
    archive = open_zip(raw)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        from tryggsam.documents.readers.docx import read_docx

        return read_docx(raw, archive)
    if "content.xml" in names:
        mimetype = read_zip_member(archive, "mimetype").strip() if "mimetype" in names else b""
        if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            raise UnreadableDocument(_("Filen är ett OpenDocument men inte ett textdokument (.odt)."))
        from tryggsam.documents.readers.odt import read_odt

        return read_odt(archive)
    raise UnreadableDocument(_("Filen är ett zip-arkiv men varken .docx eller .odt."))
