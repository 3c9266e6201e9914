"""The situation report (PDF and DOCX) for an area and period, as the user may see it."""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.places.models import Area
from tryggsam.situation.mapdata import map_data
from tryggsam.situation.report.images import bar_chart_png, map_png
from tryggsam.situation.selectors import SituationPicture, situation_for
from tryggsam.situation.summary import summary_sentences


@dataclass
class Report:
    title: str
    picture: SituationPicture
    summary: list[str]
    map_png: bytes
    chart_png: bytes
    created: dt.datetime


def build_report(user: Any, *, area: Area, start: dt.date, end: dt.date) -> Report:
    picture = situation_for(user, area=area, start=start, end=end)
    layers = map_data(user, area=area, start=start, end=end)
    geometries = [a.geometry for a in [area, *Area.objects.filter(parent=area)] if a.geometry]
    hot = [f["geometry"]["coordinates"][0] for f in layers["hotspots"]["features"]]
    points = [(p["lat"], p["lon"]) for p in layers["points"]]
    chart = [(r.category.name, r.count or 0, r.last_year.before or 0) for r in picture.rows]
    return Report(
        title=_("Lägesbild %(area)s %(start)s–%(end)s")
        % {"area": area.name, "start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}"},
        picture=picture,
        summary=summary_sentences(picture),
        map_png=map_png(geometries, points, hot),
        chart_png=bar_chart_png(chart),
        created=timezone.localtime(),
    )


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "situation/report.html",
        {
            "report": report,
            "map_uri": "data:image/png;base64," + base64.b64encode(report.map_png).decode(),
            "chart_uri": "data:image/png;base64," + base64.b64encode(report.chart_png).decode(),
        },
    )
    return HTML(string=html).write_pdf()


def report_docx(report: Report) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(report.title, level=1)
    doc.add_paragraph(_("Sammanställd %(when)s.") % {"when": f"{report.created:%Y-%m-%d %H:%M}"})
    doc.add_heading(_("Sammanfattning"), level=2)
    for sentence in report.summary:
        doc.add_paragraph(sentence, style="List Bullet")
    doc.add_heading(_("Karta"), level=2)
    doc.add_picture(io.BytesIO(report.map_png), width=Cm(15))
    doc.add_heading(_("Händelser per kategori"), level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [_("Kategori"), _("Perioden"), _("Föregående period"), _("Samma period i fjol")],
        strict=True,
    ):
        cell.text = text
    for row in report.picture.rows:
        values = [
            row.category.name,
            _n(row.count),
            _n(row.previous.before, row.previous.significant),
            _n(row.last_year.before, row.last_year.significant),
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    doc.add_paragraph(_("* = signifikant förändring (exakt Poissontest, p < 0,05)."))
    doc.add_picture(io.BytesIO(report.chart_png), width=Cm(15))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _n(value: int | None, significant: bool = False) -> str:
    return ("<3" if value is None else str(value)) + (" *" if significant else "")
