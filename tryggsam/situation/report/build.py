"""The situation report (PDF and DOCX) for an area and period, as the user may see it."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.core.models import Classification
from tryggsam.incidents.models import IncidentSource
from tryggsam.places.models import Area
from tryggsam.situation.mapdata import map_data
from tryggsam.situation.report.images import bar_chart_png, map_png
from tryggsam.situation.selectors import SituationPicture, periods_of, rollups_visible_to, situation_for
from tryggsam.situation.summary import summary_sentences


@dataclass
class Report:
    title: str
    picture: SituationPicture
    summary: list[str]
    map_png: bytes
    chart_png: bytes
    created: dt.datetime
    sources: list[tuple[str, int | None]]
    classification: str


def _marking(user: Reader, area: Area, start: dt.date, end: dt.date, picture: SituationPicture) -> str:
    """Open for the public version; restricted when any restricted incident is counted (this period,
    the comparisons or the trend, which reach back a year); otherwise internal."""
    if picture.suppressed:
        return _("Öppen")
    first = periods_of(start, end).first
    restricted = rollups_visible_to(user).filter(
        area=area, classification=Classification.RESTRICTED, day__gte=first, day__lte=end
    )
    if restricted.exists():
        return _("Begränsad – innehåller uppgifter som bara vissa organisationer får läsa; sprids inte vidare")
    return _("Intern – för samverkansparterna, sprids inte vidare")


def _label_point(geometry: str) -> tuple[float, float]:
    from shapely.geometry import shape  # heavy (numpy): loaded when a report is drawn

    point = shape(json.loads(geometry)).representative_point()
    return point.x, point.y


def _sources(picture: SituationPicture) -> list[tuple[str, int | None]]:
    labels = dict(IncidentSource.choices)
    return [(str(labels.get(k, k)), v) for k, v in sorted(picture.by_source.items(), key=lambda kv: -(kv[1] or 0))]


def build_report(user: Reader, *, area: Area, start: dt.date, end: dt.date) -> Report:
    picture = situation_for(user, area=area, start=start, end=end)
    layers = map_data(user, area=area, start=start, end=end)
    children = [a for a in Area.objects.filter(parent=area) if a.geometry]
    geometries = [a.geometry for a in [area, *children] if a.geometry]
    # The public map has counted cells (at least the public limit each) where the members' has hotspots.
    cells = layers["cells"]["features"] if "cells" in layers else layers["hotspots"]["features"]
    hot = [f["geometry"]["coordinates"][0] for f in cells]
    hot_label = (
        _("Minst %(n)d händelser i rutan") % {"n": permissions.PUBLIC_MIN_COUNT}
        if "cells" in layers
        else _("Brännpunkt")
    )
    points = [(p["lat"], p["lon"]) for p in layers["points"]]
    chart = [(r.category.name, r.count or 0, r.last_year.before or 0) for r in picture.rows]
    labels = [(a.name, *_label_point(a.geometry)) for a in (children or [area]) if a.geometry]
    return Report(
        title=_("Lägesbild %(area)s %(start)s–%(end)s")
        % {"area": area.name, "start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}"},
        picture=picture,
        summary=summary_sentences(picture),
        map_png=map_png(geometries, points, hot, labels=labels, legend=(_("Händelse"), hot_label, _("Områdesgräns"))),
        chart_png=bar_chart_png(chart, legend=(_("Perioden"), _("Samma period i fjol"))),
        sources=_sources(picture),
        classification=_marking(user, area, start, end, picture),
        created=timezone.localtime(),
    )


def public_limit_context() -> dict[str, Any]:
    """What the templates show for a count the public may not see ("<3"), from the policy's one rule."""
    return {"public_limit": permissions.PUBLIC_MIN_COUNT, "hidden_count": f"<{permissions.PUBLIC_MIN_COUNT}"}


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "situation/report.html",
        {
            "report": report,
            "map_uri": "data:image/png;base64," + base64.b64encode(report.map_png).decode(),
            "chart_uri": "data:image/png;base64," + base64.b64encode(report.chart_png).decode(),
            **public_limit_context(),
        },
    )
    return HTML(string=html).write_pdf()


def report_docx(report: Report) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_paragraph(report.classification).runs[0].bold = True
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
    for heading, first, rows in (
        (_("Händelser per källa"), _("Källa"), report.sources),
        (_("Platser med flest händelser"), _("Område"), [(a.name, n) for a, n in report.picture.top_places]),
    ):
        if not rows:
            continue
        doc.add_heading(heading, level=2)
        listing = doc.add_table(rows=1, cols=2)
        listing.style = "Table Grid"
        listing.rows[0].cells[0].text, listing.rows[0].cells[1].text = first, _("Perioden")
        for label, n in rows:
            cells = listing.add_row().cells
            cells[0].text, cells[1].text = label, _n(n)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _n(value: int | None, significant: bool = False) -> str:
    return (public_limit_context()["hidden_count"] if value is None else str(value)) + (" *" if significant else "")
