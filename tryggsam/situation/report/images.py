"""Images for the situation report, drawn server-side with Pillow (no map tiles, no browser): the
area's boundaries with the incident points, and a bar chart of the categories."""

from __future__ import annotations

import io
import json
import math
from typing import Any

from PIL import Image, ImageDraw, ImageFont

INK, MUTED, ACCENT, HOT = (11, 46, 79), (120, 130, 140), (11, 83, 148), (192, 57, 43)


def _font(size: int) -> Any:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def map_png(
    geometries: list[str],
    points: list[tuple[float, float]],
    hot_cells: list[list[list[float]]],
    *,
    width: int = 900,
    height: int = 640,
) -> bytes:
    """PNG of the boundaries (GeoJSON texts, lon/lat), hotspot cells and points, in an equirectangular
    projection corrected for latitude so that shapes are not squashed."""
    rings = [ring for g in geometries if g for ring in _rings(json.loads(g))]
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    if not rings:
        draw.text((20, 20), "Ingen karta för området", fill=MUTED, font=_font(18))
        return _png(image)
    lons = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * kx or 1e-6, (max(lats) - min(lats)) or 1e-6
    scale = min((width - 40) / span_x, (height - 40) / span_y)
    ox = (width - span_x * scale) / 2
    oy = (height - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ox + (lon - min(lons)) * kx * scale, height - oy - (lat - min(lats)) * scale

    for cell in hot_cells:
        draw.polygon([xy(lon, lat) for lon, lat in cell], fill=(240, 170, 150), outline=HOT)
    for ring in rings:
        draw.line([xy(lon, lat) for lon, lat in ring], fill=INK, width=2)
    for lat, lon in points:
        x, y = xy(lon, lat)
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=ACCENT)
    return _png(image)


def bar_chart_png(rows: list[tuple[str, int, int]], *, width: int = 900) -> bytes:
    """Horizontal bars: (label, this period, same period last year)."""
    rows = rows[:12]
    bar, gap, left = 22, 12, 300
    height = max(80, 40 + len(rows) * (bar + gap))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(15)
    top = max([max(now, before) for _l, now, before in rows] + [1])
    for i, (label, now, before) in enumerate(rows):
        y = 20 + i * (bar + gap)
        draw.text((10, y + 3), label[:34], fill=INK, font=font)
        draw.rectangle((left, y, left + (width - left - 80) * before / top, y + bar // 2 - 1), fill=(190, 200, 210))
        draw.rectangle((left, y + bar // 2, left + (width - left - 80) * now / top, y + bar), fill=ACCENT)
        draw.text((left + (width - left - 80) * now / top + 6, y + bar // 2 - 4), str(now), fill=INK, font=font)
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
