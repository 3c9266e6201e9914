"""DOCX (python-docx) and PDF (WeasyPrint) of a document snapshot (see `snapshot.py`). Both are
drawn from the snapshot alone, so a decided version renders the same files every time."""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tryggsam.situation.report.build import public_limit_context


def template_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    made = dt.datetime.fromisoformat(snapshot["made"])
    doc = {**snapshot, "made_text": f"{made:%Y-%m-%d %H:%M}", "header": css_string(snapshot["title"])}
    return {"doc": doc, **public_limit_context()}


def css_string(text: str) -> str:
    """`text` for a CSS string in the PDF's page header: every character that is not a letter, digit
    or space as a CSS escape, so no title can end the string or the style sheet."""
    return "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text[:200])


def document_pdf(snapshot: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("statutory/document_pdf.html", template_context(snapshot))).write_pdf()


def document_docx(snapshot: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.add_paragraph(snapshot["marking"]).runs[0].bold = True
    doc.add_heading(snapshot["title"], level=1)
    made = dt.datetime.fromisoformat(snapshot["made"])
    intro = _("Period %(start)s–%(end)s. Version %(v)s. Sammanställd %(made)s.") % {
        "start": snapshot["start"],
        "end": snapshot["end"],
        "v": snapshot["version"],
        "made": f"{made:%Y-%m-%d %H:%M}",
    }
    if snapshot["public"]:
        intro += " " + _(
            "Offentlig version: antal under %(n)s visas som ”<%(n)s”; uppgifter som inte är öppna ingår inte."
        ) % {"n": public_limit_context()["public_limit"]}
    doc.add_paragraph(intro)
    if not snapshot["sections"]:
        doc.add_paragraph(_("Det finns ännu inget att redovisa i dokumentet."))
    for number, section in enumerate(snapshot["sections"], start=1):
        doc.add_heading(f"{number}. {section['title']}", level=2)
        for block in section["blocks"]:
            kind = block["type"]
            if kind == "paragraph":
                doc.add_paragraph(block["text"])
            elif kind == "bullets":
                for item in block["items"]:
                    doc.add_paragraph(item, style="List Bullet")
            elif kind == "table":
                doc.add_paragraph(block["caption"]).runs[0].bold = True
                grid = doc.add_table(rows=1, cols=len(block["columns"]))
                grid.style = "Table Grid"
                for cell, text in zip(grid.rows[0].cells, block["columns"], strict=True):
                    cell.text = text
                for row in block["rows"]:
                    for cell, text in zip(grid.add_row().cells, row, strict=True):
                        cell.text = text
                _source(doc, block["source"], Pt)
            elif kind == "image":
                doc.add_paragraph(block["caption"]).runs[0].bold = True
                doc.add_picture(io.BytesIO(base64.b64decode(block["png"])), width=Cm(15))
                _source(doc, block["source"], Pt)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _source(doc: Any, text: str, pt: Any) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = pt(8)
