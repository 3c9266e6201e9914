"""A plan as a Word document and as a PDF, in the structure of the councils' plans: title, parties,
period and decision, the introduction, then one section per focus area (or promise) with a two-column
table of its fields in the order the plans use, followed by what the apps above add to it (its cause
analysis, its goals: `export_parts`), read as the person exporting. Both read the same rows."""

from __future__ import annotations

import io
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Reader
from tryggsam.plans.export_parts import ExportTable, focus_area_tables
from tryggsam.plans.models import ActionPlan, FocusArea, PlanKind

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: Any) -> str:
    return _CONTROL.sub("", str(text or ""))


def focus_area_rows(focus_area: FocusArea) -> list[tuple[str, str]]:
    """(label, text) for the fields that are filled in, in the plans' order."""
    forum = str(focus_area.forum) if focus_area.forum_id else focus_area.forum_text
    activities = "\n".join(f"• {a}" for a in focus_area.activities or [])
    rows = [
        (_("Plats"), str(focus_area.area) if focus_area.area_id else ""),
        (_("Mål"), focus_area.goal),
        (_("Syfte"), focus_area.purpose),
        (_("Målgrupp"), focus_area.target_group),
        (_("Åtgärd"), focus_area.measure),
        (_("Ansvarig"), focus_area.responsible),
        (_("Samverkansforum"), forum),
        (_("Prioriterade aktiviteter"), activities),
        (_("Polisens kontakt"), focus_area.police_contact),
        (_("Polisens åtagande"), focus_area.police_commitment),
        (_("Kommunens/stadsdelsförvaltningens kontakt"), focus_area.district_contact),
        (_("Kommunens/stadsdelsförvaltningens åtagande"), focus_area.district_commitment),
        (_("Tänkbara övriga aktörer"), focus_area.other_actors),
        (_("Finansiering"), focus_area.funding),
        (_("Kommunikation"), focus_area.communication),
        (_("Uppföljning"), focus_area.follow_up),
    ]
    return [(str(label), _clean(text)) for label, text in rows if text]


def follow_up_sections(plan: ActionPlan) -> list[tuple[str, str, list[tuple[str, str, str, str]]]]:
    """(heading, summary, rows of (promise, activity, status, what was done)) per follow-up, oldest first."""
    sections = []
    for follow_up in plan.follow_ups.prefetch_related("entries__focus_area").order_by("date", "id"):
        rows = [
            (
                _clean(entry.focus_area.name),
                _clean(entry.activity) or str(_("Löftet som helhet")),
                str(entry.get_status_display()),
                _clean(entry.text),
            )
            for entry in follow_up.entries.all()
        ]
        heading = _("Uppföljning %(date)s") % {"date": follow_up.date}
        sections.append((heading, _clean(follow_up.summary), rows))
    return sections


def follow_up_columns(plan: ActionPlan) -> list[str]:
    first = _("Löfte") if plan.kind == PlanKind.CITIZEN_PROMISE else _("Fokusområde")
    return [str(first), str(_("Aktivitet")), str(_("Status")), str(_("Vad som gjordes"))]


def plan_heading_lines(plan: ActionPlan) -> list[str]:
    lines = [str(plan.get_kind_display()) + (f", version {plan.version}" if plan.version > 1 else "")]
    if plan.parties:
        lines.append(_("Parter: %(p)s") % {"p": _clean(plan.parties)})
    if plan.valid_from or plan.valid_to:
        period = f"{plan.valid_from or ''}–{plan.valid_to or ''}"
        lines.append(_("Gäller %(period)s") % {"period": period})
    if plan.is_frozen:
        by = f" ({_clean(plan.decided_by)})" if plan.decided_by else ""
        lines.append(_("Beslutad %(date)s%(by)s") % {"date": plan.decided_on, "by": by})
    else:
        lines.append(_("Utkast – inte beslutad"))
    lines.append(_("Klassificering: %(c)s") % {"c": plan.get_classification_display()})
    return lines


def _clean_table(table: ExportTable) -> ExportTable:
    return ExportTable(
        heading=_clean(table.heading),
        columns=tuple(_clean(c) for c in table.columns),
        rows=[tuple(_clean(cell) for cell in row) for row in table.rows],
        note=_clean(table.note),
    )


def focus_area_parts(reader: Reader, focus_area: FocusArea) -> list[ExportTable]:
    """The parts the apps above add to the focus area, as this reader may see them, cleaned for print."""
    return [_clean_table(t) for t in focus_area_tables(reader, focus_area)]


def _docx_part(document: Any, part: ExportTable) -> None:
    document.add_heading(part.heading, level=2)
    table = document.add_table(rows=1, cols=len(part.columns))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, part.columns, strict=True):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
    for row in part.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    if part.note:
        document.add_paragraph(part.note).runs[0].italic = True


def render_docx(plan: ActionPlan, *, reader: Reader) -> bytes:
    from docx import Document  # heavy: loaded only when a DOCX is asked for
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(_clean(plan.title), level=0)
    for line in plan_heading_lines(plan):
        document.add_paragraph(line)
    if plan.introduction:
        for paragraph in _clean(plan.introduction).split("\n\n"):
            document.add_paragraph(paragraph)
    for number, focus_area in enumerate(plan.focus_areas.order_by("position", "id"), start=1):
        document.add_heading(f"{number}. {_clean(focus_area.name)}", level=1)
        rows = focus_area_rows(focus_area)
        if rows:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, text in rows:
                cells = table.add_row().cells
                cells[0].text = label
                cells[0].paragraphs[0].runs[0].bold = True
                cells[1].text = text
        for part in focus_area_parts(reader, focus_area):
            _docx_part(document, part)
    sections = follow_up_sections(plan)
    if sections:
        document.add_heading(_("Uppföljningar"), level=1)
    for heading, summary, entries in sections:
        document.add_heading(heading, level=2)
        if summary:
            document.add_paragraph(summary)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, follow_up_columns(plan), strict=True):
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for row in entries:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(plan: ActionPlan, *, reader: Reader) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    focus_areas = [
        (fa, focus_area_rows(fa), focus_area_parts(reader, fa)) for fa in plan.focus_areas.order_by("position", "id")
    ]
    html = render_to_string(
        "plans/print.html",
        {
            "plan": plan,
            "title": _clean(plan.title),
            "introduction": _clean(plan.introduction),
            "heading_lines": plan_heading_lines(plan),
            "focus_areas": focus_areas,
            "follow_ups": follow_up_sections(plan),
            "follow_up_columns": follow_up_columns(plan),
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
