"""A safety walk's report: the data for the walk page's map, and the PDF (WeasyPrint) with the date,
the route and findings drawn as an SVG made here from the coordinates (no map tiles, no network),
who was invited, and each finding with its place, text, photo and the problem it became.

The photos were stripped of their metadata on upload; here they are scaled down and embedded as
data URIs, and WeasyPrint may fetch nothing else."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

from tryggsam.forums.models import Finding, SafetyWalk

SVG_WIDTH, SVG_HEIGHT, MARGIN = 680.0, 360.0, 32.0
PHOTO_SIDE = 700
METRES_PER_DEGREE = 111_320.0


def _finding_label(finding: Finding) -> str:
    return finding.location or (finding.text[:60] + ("…" if len(finding.text) > 60 else ""))


def walk_map_data(walk: SafetyWalk, findings: list[Finding]) -> dict[str, Any]:
    """What the walk page's map draws: the route and the numbered findings that have a point."""
    return {
        "route": walk.route,
        "findings": [
            {"number": n, "lat": f.lat, "lon": f.lon, "label": _finding_label(f)}
            for n, f in enumerate(findings, start=1)
            if f.lat is not None and f.lon is not None
        ],
    }


@dataclass(frozen=True)
class _Frame:
    """Equirectangular projection of the drawing's bounds into the SVG box (north up)."""

    west: float
    north: float
    scale: float  # pixels per projected degree
    cos_lat: float
    left: float
    top: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(self.left + (lon - self.west) * self.cos_lat * self.scale, 1),
            round(self.top + (self.north - lat) * self.scale, 1),
        )


def _frame(points: list[tuple[float, float]]) -> _Frame:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cos_lat = math.cos(math.radians((min(lats) + max(lats)) / 2))
    width = max((max(lons) - min(lons)) * cos_lat, 0.0005)  # a single point still gets ~50 m around it
    height = max(max(lats) - min(lats), 0.0005)
    scale = min((SVG_WIDTH - 2 * MARGIN) / width, (SVG_HEIGHT - 2 * MARGIN) / height)
    left = MARGIN + ((SVG_WIDTH - 2 * MARGIN) - width * scale) / 2
    top = MARGIN + ((SVG_HEIGHT - 2 * MARGIN) - height * scale) / 2
    if max(lons) - min(lons) < 0.0005 / cos_lat:
        left -= (0.0005 - (max(lons) - min(lons)) * cos_lat) * scale / 2
    if max(lats) - min(lats) < 0.0005:
        top -= (0.0005 - (max(lats) - min(lats))) * scale / 2
    return _Frame(min(lons), max(lats), scale, cos_lat, left, top)


def _scale_bar(frame: _Frame) -> str:
    metres_per_pixel = METRES_PER_DEGREE / frame.scale
    length = next((m for m in (20, 50, 100, 200, 500, 1000, 2000, 5000) if m / metres_per_pixel >= 80), 10000)
    pixels = round(length / metres_per_pixel, 1)
    label = f"{length} m" if length < 1000 else f"{length // 1000} km"
    x, y = 14.0, SVG_HEIGHT - 14
    return (
        f'<line x1="{x}" y1="{y}" x2="{x + pixels}" y2="{y}" stroke="#222" stroke-width="2"/>'
        f'<line x1="{x}" y1="{y - 4}" x2="{x}" y2="{y}" stroke="#222" stroke-width="2"/>'
        f'<line x1="{x + pixels}" y1="{y - 4}" x2="{x + pixels}" y2="{y}" stroke="#222" stroke-width="2"/>'
        f'<text x="{x + pixels + 6}" y="{y + 3}" font-size="11">{label}</text>'
    )


def route_svg(walk: SafetyWalk, findings: list[Finding]) -> str:
    """The route (start and end marked) and the numbered findings as an SVG; "" with nothing to draw."""
    route = [(float(c[0]), float(c[1])) for c in (walk.route or {}).get("coordinates", [])]
    numbered = [(n, f) for n, f in enumerate(findings, start=1) if f.lat is not None and f.lon is not None]
    points = route + [(float(f.lon), float(f.lat)) for _n, f in numbered]  # type: ignore[arg-type]
    if not points:
        return ""
    frame = _frame(points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_WIDTH:.0f} {SVG_HEIGHT:.0f}" '
        f'width="{SVG_WIDTH:.0f}" height="{SVG_HEIGHT:.0f}" font-family="Liberation Sans, DejaVu Sans, sans-serif" '
        f'role="img" aria-label="{escape(_("Vandringens rutt och iakttagelser"))}">',
        f'<rect width="{SVG_WIDTH:.0f}" height="{SVG_HEIGHT:.0f}" fill="#f4f6f8" stroke="#9aa8b6"/>',
    ]
    if len(route) > 1:
        path = " ".join(f"{x},{y}" for x, y in (frame.xy(*p) for p in route))
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#0b5cad" stroke-width="4" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
        for point, label in ((route[0], _("Start")), (route[-1], _("Mål"))):
            x, y = frame.xy(*point)
            parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="#0b5cad"/>')
            parts.append(
                f'<text x="{x + 8}" y="{y - 8}" font-size="12" font-weight="bold" fill="#0b2e4f">{escape(label)}</text>'
            )
    for number, finding in numbered:
        x, y = frame.xy(float(finding.lon), float(finding.lat))  # type: ignore[arg-type]
        fill = "#8a1020" if finding.problem_id else "#d9822b"
        parts.append(f'<circle cx="{x}" cy="{y}" r="10" fill="{fill}" stroke="#fff" stroke-width="2"/>')
        parts.append(
            f'<text x="{x}" y="{y + 4}" font-size="11" font-weight="bold" fill="#fff" text-anchor="middle">'
            f"{number}</text>"
        )
    parts.append(
        f'<text x="{SVG_WIDTH - 18}" y="26" font-size="14" font-weight="bold" text-anchor="middle">N</text>'
        f'<path d="M {SVG_WIDTH - 18} 30 l -6 14 l 6 -4 l 6 4 z" fill="#222"/>'
    )
    parts.append(_scale_bar(frame))
    parts.append("</svg>")
    return "".join(parts)


def _photo_data_uri(finding: Finding) -> str:
    if not finding.photo:
        return ""
    from PIL import Image  # Pillow is loaded when a report with photos is made

    try:
        with finding.photo.open("rb") as handle, Image.open(handle) as image:
            small = image.convert("RGB")
            small.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=80)
    except (OSError, ValueError):
        return ""  # a missing or broken file leaves the finding without its photo, not the report
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def report_context(walk: SafetyWalk) -> dict[str, Any]:
    findings = list(walk.findings.select_related("problem", "area").order_by("id"))
    invitees = list(walk.invitees.select_related("user"))
    return {
        "walk": walk,
        "map_svg": route_svg(walk, findings),
        "members": [i.user for i in invitees if i.user_id],
        "guests": [i.guest_name for i in invitees if not i.user_id],
        "findings": [(n, f, _photo_data_uri(f)) for n, f in enumerate(findings, start=1)],
        "problems": sum(1 for f in findings if f.problem_id),
    }


def render_pdf(walk: SafetyWalk) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    html = render_to_string("forums/walk_report.html", report_context(walk))
    only_embedded = URLFetcher(allowed_protocols={"data"})  # the photos; nothing from the network or disk
    return HTML(string=html, url_fetcher=only_embedded).write_pdf()  # type: ignore[no-any-return]
