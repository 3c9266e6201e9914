import io
import re

import pypdfium2
from docx import Document


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks as spaces and words hyphenated at a line's end joined again (the
    tables hyphenate Swedish words to fit the page)."""
    document = pypdfium2.PdfDocument(pdf)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = re.sub(r"[\-\u00ad\u2010\x02\ufffe]\r?\n", "", text)
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
