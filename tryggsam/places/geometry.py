"""Geometry without GDAL: GeoJSON text in, shapely for validation, centroids and point-in-polygon."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:  # shapely (with numpy) is loaded by the functions that use it, not at start-up
    from shapely.geometry.base import BaseGeometry

ALLOWED_TYPES = {"Point", "Polygon", "MultiPolygon"}


class GeometryError(ValueError):
    """Raised with a Swedish message when a geometry cannot be used."""


def parse_geometry(geojson: dict[str, Any] | str) -> BaseGeometry:
    from shapely import get_coordinates
    from shapely.geometry import shape
    from shapely.validation import make_valid

    if isinstance(geojson, str):
        try:
            data = json.loads(geojson)
        except ValueError as exc:
            raise GeometryError(_("Geometrin är inte giltig GeoJSON.")) from exc
    else:
        data = geojson
    if not isinstance(data, dict) or data.get("type") not in ALLOWED_TYPES:
        raise GeometryError(_("Geometrin måste vara Point, Polygon eller MultiPolygon."))
    try:
        geom = shape(data)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise GeometryError(_("Ogiltiga koordinater i geometrin: %(error)s") % {"error": exc}) from exc
    if geom.is_empty:
        raise GeometryError(_("Geometrin är tom."))
    if not all(math.isfinite(value) for value in get_coordinates(geom).flat):
        raise GeometryError(_("Koordinaterna måste vara tal (NaN eller oändligt värde hittades)."))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise GeometryError(_("Koordinaterna ligger utanför longitud/latitud – är filen i WGS84 (lon/lat)?"))
    if not geom.is_valid:
        geom = make_valid(geom)
    return geom


def geometry_columns(geom: BaseGeometry) -> dict[str, Any]:
    """The values of Area's geometry columns for `geom`."""
    centre = geom if geom.geom_type == "Point" else geom.centroid
    if not geom.contains(centre) and geom.geom_type != "Point":
        centre = geom.representative_point()
    minx, miny, maxx, maxy = geom.bounds
    return {
        "geometry": json.dumps(geom.__geo_interface__, separators=(",", ":")),
        "centroid_lat": round(centre.y, 6),
        "centroid_lon": round(centre.x, 6),
        "min_lat": miny,
        "min_lon": minx,
        "max_lat": maxy,
        "max_lon": maxx,
    }


@lru_cache(maxsize=4096)
def _cached_shape(geometry_text: str) -> BaseGeometry:
    from shapely.geometry import shape

    return shape(json.loads(geometry_text))


def contains(geometry_text: str, lat: float, lon: float) -> bool:
    from shapely.geometry import Point

    if not geometry_text:
        return False
    return bool(_cached_shape(geometry_text).covers(Point(lon, lat)))


def distance(geometry_text: str, other_text: str) -> float:
    return float(_cached_shape(geometry_text).distance(_cached_shape(other_text)))


def shared_border(geometry_text: str, other_text: str, *, tolerance: float = 1e-6) -> float:
    """Length (degrees) of the first geometry's boundary that runs along the other geometry."""
    other = _cached_shape(other_text).buffer(tolerance)
    return float(_cached_shape(geometry_text).boundary.intersection(other).length)
