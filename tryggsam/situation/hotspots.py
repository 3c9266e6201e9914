"""Hotspots: where incidents cluster more than chance would have it.

The area is covered with H3 hexagons (resolution 9, about 0.1 km² each); each incident point is
counted in its cell, and every cell gets the Getis-Ord Gi* z-score with binary weights over the
cell and its six neighbours, computed over all cells of the area (empty cells included). A cell
with z ≥ 1.96 is a hotspot at the 95 % level, z ≥ 2.58 at 99 % (Getis & Ord 1992; Ord & Getis 1995).
With few points (under 10) no hotspots are reported: the statistic needs data to mean anything."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

import h3

RESOLUTION = 9
MIN_POINTS = 10
Z_95, Z_99 = 1.96, 2.58


@dataclass(frozen=True)
class Hotspot:
    cell: str
    count: int
    z: float

    @property
    def level(self) -> str:
        return "99" if self.z >= Z_99 else "95"


def area_cells(geometry_geojson: str, resolution: int = RESOLUTION) -> set[str]:
    if not geometry_geojson:
        return set()
    geometry = json.loads(geometry_geojson)
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return set()
    return set(h3.geo_to_cells(geometry, resolution))


def getis_ord(counts: dict[str, int], region: set[str]) -> dict[str, float]:
    """Gi* z-score per cell of `region` (binary weights: the cell and its ring-1 neighbours)."""
    n = len(region)
    if n < 3:
        return {}
    values = [counts.get(c, 0) for c in region]
    mean = sum(values) / n
    variance = sum(v * v for v in values) / n - mean * mean
    if variance <= 0:
        return {}
    s = math.sqrt(variance)
    z: dict[str, float] = {}
    for cell in region:
        neighbours = [c for c in h3.grid_disk(cell, 1) if c in region]
        w = len(neighbours)
        local = sum(counts.get(c, 0) for c in neighbours)
        denominator = s * math.sqrt((n * w - w * w) / (n - 1))
        if denominator > 0:
            z[cell] = (local - mean * w) / denominator
    return z


def hotspots(points: list[tuple[float, float]], geometries: list[str], resolution: int = RESOLUTION) -> list[Hotspot]:
    """The hot cells for incident points (lat, lon) within the area made of `geometries`."""
    region: set[str] = set()
    for geometry in geometries:
        region |= area_cells(geometry, resolution)
    counts = Counter(h3.latlng_to_cell(lat, lon, resolution) for lat, lon in points)
    counts = Counter({c: n for c, n in counts.items() if c in region})
    if sum(counts.values()) < MIN_POINTS:
        return []
    scores = getis_ord(counts, region)
    hot = [Hotspot(cell, counts.get(cell, 0), round(z, 2)) for cell, z in scores.items() if z >= Z_95]
    return sorted(hot, key=lambda h: -h.z)


def hotspot_features(spots: list[Hotspot]) -> dict:
    """GeoJSON FeatureCollection of the hot cells (lon/lat rings)."""
    features = []
    for spot in spots:
        ring = [[lng, lat] for lat, lng in h3.cell_to_boundary(spot.cell)]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {"z": spot.z, "count": spot.count, "level": spot.level},
            }
        )
    return {"type": "FeatureCollection", "features": features}
