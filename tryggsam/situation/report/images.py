"""Images for the situation report, drawn server-side with Pillow (no map tiles, no browser): the
area's boundaries with the incident points, and a bar chart of the categories."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pillow is loaded when an image is drawn, not at start-up
    from PIL import Image

INK, MUTED, ACCENT, HOT = (11, 46, 79), (120, 130, 140), (11, 83, 148), (192, 57, 43)


def _font(size: int) -> Any:
    from PIL import ImageFont

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
    labels: Sequence[tuple[str, float, float]] = (),
    legend: tuple[str, str, str] = ("Händelse", "Brännpunkt", "Områdesgräns"),
    width: int = 900,
    height: int = 640,
) -> bytes:
    """PNG of the boundaries (GeoJSON texts, lon/lat), hotspot cells, points and area names (name,
    lon, lat), with a legend, in an equirectangular projection corrected for latitude so that shapes
    are not squashed."""
    rings = [ring for g in geometries if g for ring in _rings(json.loads(g))]
    from PIL import Image, ImageDraw

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
    label_font = _font(14)
    for name, lon, lat in labels:
        x, y = xy(lon, lat)
        w = draw.textlength(name, font=label_font)
        draw.text((x - w / 2, y - 8), name, fill=INK, font=label_font, stroke_width=3, stroke_fill="white")
    _map_legend(draw, legend, height)
    return _png(image)


def _map_legend(draw: Any, legend: tuple[str, str, str], height: int) -> None:
    font = _font(13)
    x, y = 12, height - 24
    draw.ellipse((x, y + 4, x + 8, y + 12), fill=ACCENT)
    x += 14
    draw.text((x, y), legend[0], fill=INK, font=font)
    x += draw.textlength(legend[0], font=font) + 18
    draw.rectangle((x, y + 2, x + 14, y + 14), fill=(240, 170, 150), outline=HOT)
    x += 20
    draw.text((x, y), legend[1], fill=INK, font=font)
    x += draw.textlength(legend[1], font=font) + 18
    draw.line((x, y + 8, x + 16, y + 8), fill=INK, width=2)
    draw.text((x + 22, y), legend[2], fill=INK, font=font)


def bar_chart_png(
    rows: list[tuple[str, int, int]],
    *,
    legend: tuple[str, str] = ("Perioden", "Samma period i fjol"),
    width: int = 900,
) -> bytes:
    """Horizontal bars: (label, this period, same period last year), the twelve largest of either
    (a category that fell to zero is as much news as one that rose), with a legend above."""
    rows = sorted(rows, key=lambda r: -max(r[1], r[2]))[:12]
    bar, gap, left, head = 22, 12, 300, 36
    height = max(80, head + 20 + len(rows) * (bar + gap))
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(15)
    draw.rectangle((left, 12, left + 16, 26), fill=ACCENT)
    draw.text((left + 22, 10), legend[0], fill=INK, font=font)
    second = left + 40 + draw.textlength(legend[0], font=font)
    draw.rectangle((second, 12, second + 16, 26), fill=(190, 200, 210))
    draw.text((second + 22, 10), legend[1], fill=INK, font=font)
    top = max([max(now, before) for _l, now, before in rows] + [1])
    for i, (label, now, before) in enumerate(rows):
        y = head + 20 + i * (bar + gap)
        draw.text((10, y + 3), label[:34], fill=INK, font=font)
        draw.rectangle((left, y, left + (width - left - 80) * before / top, y + bar // 2 - 1), fill=(190, 200, 210))
        draw.rectangle((left, y + bar // 2, left + (width - left - 80) * now / top, y + bar), fill=ACCENT)
        draw.text((left + (width - left - 80) * now / top + 6, y + bar // 2 - 4), str(now), fill=INK, font=font)
        if before:
            end = left + (width - left - 80) * before / top
            draw.text((end + 6, y - 6), str(before), fill=MUTED, font=_font(11))
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
