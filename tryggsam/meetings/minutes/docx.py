"""The minutes as a Word document (python-docx): the forum's name in the page header, "Sida X av Y"
from PAGE/NUMPAGES fields in the footer, and real tables whose header row repeats (w:tblHeader)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "DDE5EE"
WORK_WIDTHS = (Cm(3.8), Cm(3.8), Cm(3.1), Cm(2.8), Cm(3.6))


def _field(paragraph: Any, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the page."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _no_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _shade(cell: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell_text(cell: Any, text: str, *, bold: bool = False, size: float = 8.5) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _setup(document: Any, context: dict[str, Any]) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name, size in (("Heading 1", 16), ("Heading 2", 12), ("Heading 3", 11), ("Heading 4", 10)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    head = section.header.paragraphs[0]
    head.text = ""
    run = head.add_run(context["forum_name"])
    run.font.size, run.font.color.rgb = Pt(8.5), GREY
    head.add_run("\t\t" + context["document_label"]).font.size = Pt(8.5)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(_("Sida") + " ")
    _field(foot, "PAGE")
    foot.add_run(" " + _("av") + " ")
    _field(foot, "NUMPAGES")


def _people(document: Any, people: list[Any]) -> None:
    table = document.add_table(rows=0, cols=2)
    for person in people:
        cells = table.add_row().cells
        _cell_text(cells[0], person.name, size=10.5)
        _cell_text(cells[1], person.description, size=10.5)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(5.5), Cm(11.5)


def _work_table(document: Any, table: Any) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_header(header)
    for cell, title in zip(header.cells, table.columns, strict=True):
        _cell_text(cell, title, bold=True)
        _shade(cell, HEADER_FILL)
    for values in table.rows:
        row = grid.add_row()
        _no_split(row)
        for cell, value in zip(row.cells, values, strict=True):
            _cell_text(cell, value)
    for row in grid.rows:
        for cell, width in zip(row.cells, WORK_WIDTHS, strict=True):
            cell.width = width
    document.add_paragraph()


def _next_meetings(document: Any, context: dict[str, Any]) -> None:
    if not context["next_meetings"]:
        document.add_paragraph(_("Inga fler möten är planerade ännu."))
    for meeting in context["next_meetings"]:
        text = meeting.when + (f". {_('Plats')}: {meeting.place}" if meeting.place else "")
        document.add_paragraph(text, style="List Bullet")


def _attendance(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(context["attendance_heading"] + ":", level=2)
    if context["attendees"]:
        _people(document, context["attendees"])
    else:
        document.add_paragraph(_("Ingen är kallad ännu."))
    for heading, people in (
        (context["away_heading"], context["away"]),
        (context["unmarked_heading"], context["unmarked"]),
    ):
        if people:
            document.add_heading(heading + ":", level=2)
            _people(document, people)


def render_docx(context: dict[str, Any]) -> bytes:
    document = Document()
    _setup(document, context)
    document.add_heading(context["title"], level=1)
    label = document.add_paragraph()
    label_run = label.add_run(
        context["document_label"].upper() + (" – " + _("offentlig version") if context["public"] else "")
    )
    label_run.font.size, label_run.font.color.rgb = Pt(9), GREY
    label.paragraph_format.space_after = Pt(0)
    status = document.add_paragraph()
    status_text = context["status_label"]
    if context["version"] > 1:
        status_text += " · " + _("version %(v)s") % {"v": context["version"]}
    status.add_run(status_text).font.color.rgb = GREY
    for note in context["left_out"]:
        document.add_paragraph().add_run(note).italic = True

    if context["show_attendance"]:
        _attendance(document, context)
    document.add_heading(_("Tidpunkt") + ":", level=2)
    document.add_paragraph(context["when"])
    document.add_heading(_("Plats") + ":", level=2)
    document.add_paragraph(context["place"] or "–")

    for item in context["items"]:
        if item.depth:
            document.add_heading(f"{item.number} {item.heading}", level=3)
        else:
            document.add_heading(f"{item.number}. {item.heading}", level=2)
        if item.intro:
            document.add_paragraph().add_run(item.intro).italic = True
        if item.situation:
            document.add_paragraph().add_run(item.situation[0]).bold = True
            for sentence in item.situation[1:]:
                document.add_paragraph(sentence, style="List Bullet")
        for text in item.paragraphs:
            document.add_paragraph(text)
        if item.links:
            document.add_paragraph(_("Gäller") + ": " + "; ".join(item.links))
        if item.causes:
            document.add_paragraph().add_run(_("Orsaksanalys") + ":").bold = True
            for line in item.causes:
                document.add_paragraph(line, style="List Bullet")
        if item.decisions:
            document.add_paragraph().add_run(_("Beslut") + ":").bold = True
            for decision in item.decisions:
                document.add_paragraph(decision, style="List Bullet")
        if item.tables:
            document.add_heading(item.partnership_name, level=4)
        for table in item.tables:
            caption = document.add_paragraph()
            caption.paragraph_format.keep_with_next = True
            caption.add_run(table.heading).bold = True
            _work_table(document, table)
        if item.is_next_meetings:
            _next_meetings(document, context)
    if not context["next_meetings_in_item"]:
        document.add_heading(_("Kommande möten"), level=2)
        _next_meetings(document, context)
    contact = context["contact"]
    if contact:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(14)
        paragraph.add_run(_("Kontakt") + ": ").bold = True
        parts = [contact.name]
        if contact.phone:
            parts.append(_("tel.") + " " + contact.phone)
        if contact.email:
            parts.append(contact.email)
        paragraph.add_run(", ".join(parts))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
