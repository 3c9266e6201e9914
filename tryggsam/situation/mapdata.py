"""What the situation map draws: the area's boundaries, the incident points the user may see (never
a dismissed tip or a duplicate: `incidents.selectors.incidents_mapped`), and
the hotspot cells (for a drawn polygon: the polygon itself as the boundary). Only incidents located to a place are drawn as points; those known only to a
district or coarser are counted in the tables but would mislead as dots on a district's centre.

The public (anonymous visitors) gets no points, titles or times and no fine hotspot cells: the
incidents are counted per coarse hexagon under the policy's public rule (`permissions.public_count`,
`PUBLIC_MAP_CELL_RESOLUTION`), the same rule the tables, the API and the report follow."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import h3
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.incidents.models import Precision
from tryggsam.incidents.selectors import incidents_mapped, located_in_q
from tryggsam.places.models import Area
from tryggsam.situation.hotspots import area_cells, hotspot_features, hotspots
from tryggsam.situation.polygon import DrawnArea

MAX_POINTS = 5000
# Above this a drawn polygon holds too many H3 cells (about ten per km²) for hotspots on every page load.
HOTSPOT_MAX_KM2 = 1000.0


def _feature(area: Area) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": json.loads(area.geometry),
        "properties": {"id": area.pk, "name": area.name, "level": area.level},
    }


def _period(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(end, dt.time.max)),
    )


POINT_FIELDS = ("lat", "lon", "title", "occurred_at", "pk")


def _points(rows: list[tuple[Any, Any, str, dt.datetime, int]]) -> list[dict[str, Any]]:
    """The members' map points, each with a link to the incident's page (the user may read every one:
    the rows come from `incidents_mapped`)."""
    return [
        {
            "lat": lat,
            "lon": lon,
            "title": title,
            "when": f"{timezone.localtime(when):%Y-%m-%d %H:%M}",
            "url": reverse("incidents:detail", args=[pk]),
        }
        for lat, lon, title, when, pk in rows
    ]


def _drawn_boundary(polygon: DrawnArea) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": polygon.geometry,
                "properties": {"id": None, "name": polygon.name, "level": "drawn"},
            }
        ],
    }


def _cell_ring(cell: str) -> list[list[float]]:
    ring = [[lng, lat] for lat, lng in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


def public_cells(
    user: Reader, *, geometries: list[str], attributed: Any, start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The public map layer: a GeoJSON FeatureCollection of coarse hexagons with the number of
    place-located incidents the public may see in each, over the period. The cells are those of the
    area's shapes and those holding an incident of the area (`attributed`, a queryset); each cell
    counts every visible incident inside it, whatever area it was filed under, so that the maps of
    two areas cannot be subtracted. Cells under the public limit are left out."""
    resolution = permissions.PUBLIC_MAP_CELL_RESOLUTION
    located = incidents_mapped(user).filter(
        occurred_at__range=_period(start, end), precision=Precision.PLACE, lat__isnull=False, lon__isnull=False
    )
    region: set[str] = set()
    for geometry in geometries:
        region |= area_cells(geometry, resolution)
    if attributed is not None:
        region |= {
            h3.latlng_to_cell(float(lat), float(lon), resolution)
            for lat, lon in attributed.order_by().values_list("lat", "lon").distinct()
        }
    counts: Counter[str] = Counter()
    if region:
        corners = [point for cell in region for point in h3.cell_to_boundary(cell)]
        lats, lons = [p[0] for p in corners], [p[1] for p in corners]
        inside_box = located.filter(lat__gte=min(lats), lat__lte=max(lats), lon__gte=min(lons), lon__lte=max(lons))
        for lat, lon in inside_box.order_by().values_list("lat", "lon"):
            cell = h3.latlng_to_cell(float(lat or 0), float(lon or 0), resolution)
            if cell in region:
                counts[cell] += 1
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [_cell_ring(cell)]},
            "properties": {"count": shown},
        }
        for cell, n in sorted(counts.items())
        if (shown := permissions.public_count(n)) is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _public_map_data(
    user: Reader,
    *,
    boundaries: dict[str, Any],
    bbox: Any,
    geometries: list[str],
    attributed: Any,
    start: dt.date,
    end: dt.date,
) -> dict[str, Any]:
    return {
        "boundaries": boundaries,
        "bbox": bbox,
        "points": [],
        "truncated": False,
        "hotspots": hotspot_features([]),
        "cells": public_cells(user, geometries=geometries, attributed=attributed, start=start, end=end),
        "suppressed_below": permissions.PUBLIC_MIN_COUNT,
    }


def _polygon_map_data(user: Reader, polygon: DrawnArea, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The drawn polygon as the boundary, the place-located incidents inside it, and its hotspots
    when the polygon is small enough for the hexagon grid to be cheap."""
    x0, y0, x1, y1 = polygon.polygon.bounds
    if permissions.sees_public_picture(user):  # the forms refuse this; never points for the public
        return _public_map_data(
            user,
            boundaries=_drawn_boundary(polygon),
            bbox=[y0, x0, y1, x1],
            geometries=[polygon.geojson],
            attributed=None,
            start=start,
            end=end,
        )
    candidates = (
        incidents_mapped(user)
        .filter(
            occurred_at__range=_period(start, end),
            precision=Precision.PLACE,
            lat__gte=y0,
            lat__lte=y1,
            lon__gte=x0,
            lon__lte=x1,
        )
        .order_by("-occurred_at")
    )
    rows = list(candidates.values_list(*POINT_FIELDS)[: MAX_POINTS * 4])
    inside = polygon.contains([r[0] for r in rows], [r[1] for r in rows])
    rows = [r for r, keep in zip(rows, inside, strict=True) if keep][:MAX_POINTS]
    spots = (
        hotspots([(float(lat or 0), float(lon or 0)) for lat, lon, *_ in rows], [polygon.geojson])
        if polygon.area_km2 <= HOTSPOT_MAX_KM2
        else []
    )
    return {
        "boundaries": _drawn_boundary(polygon),
        "bbox": [y0, x0, y1, x1],
        "points": _points(rows),
        "truncated": len(rows) == MAX_POINTS,
        "hotspots": hotspot_features(spots),
    }


def map_data(
    user: Reader, *, area: Area | None = None, polygon: DrawnArea | None = None, start: dt.date, end: dt.date
) -> dict[str, Any]:
    if polygon is not None:
        return _polygon_map_data(user, polygon, start, end)
    if area is None:
        raise ValueError("map_data needs an area or a polygon")
    children = [c for c in Area.objects.filter(parent=area).exclude(geometry="") if c.geometry]
    shapes = [area] if area.geometry else children
    incidents = (
        incidents_mapped(user)
        .filter(located_in_q(area, Q(occurred_at__range=_period(start, end))))
        .filter(precision=Precision.PLACE, lat__isnull=False, lon__isnull=False)
        .order_by("-occurred_at")
    )
    boundaries = {
        "type": "FeatureCollection",
        "features": [_feature(a) for a in [*shapes, *children] if a.geometry],
    }
    bbox = [area.min_lat, area.min_lon, area.max_lat, area.max_lon] if area.min_lat is not None else None
    if permissions.sees_public_picture(user):
        return _public_map_data(
            user,
            boundaries=boundaries,
            bbox=bbox,
            geometries=[a.geometry for a in shapes],
            attributed=incidents,
            start=start,
            end=end,
        )
    rows = list(incidents.values_list(*POINT_FIELDS)[:MAX_POINTS])
    return {
        "boundaries": boundaries,
        "bbox": bbox,
        "points": _points(rows),
        "truncated": len(rows) == MAX_POINTS,
        "hotspots": hotspot_features(
            hotspots([(float(lat or 0), float(lon or 0)) for lat, lon, *_ in rows], [a.geometry for a in shapes])
        ),
    }
