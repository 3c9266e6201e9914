"""A safety walk's route: a line through points, stored as a GeoJSON LineString (longitude, latitude).

The route is given as text, one point per line: coordinates ("59.3121, 18.0012" or "59,3121 18,0012",
latitude first as on a phone's map) or the name of a known place (its centre is used). The map on the
form only writes such lines into the text field, so drawing by clicking and typing are the same input.
Every route is checked with shapely before it is saved; errors are Swedish and name the line."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError
from tryggsam.places.gazetteer import find_places
from tryggsam.places.models import Area

MAX_POINTS = 500
MAX_LINE = 200
_DOT = re.compile(r"^\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*$")
_COMMA = re.compile(r"^\s*(-?\d{1,3}(?:,\d{1,12})?)\s*[;\s]\s*(-?\d{1,3}(?:,\d{1,12})?)\s*$")


def _point(line: str) -> tuple[float, float] | None:
    """(lon, lat) from a line of coordinates, latitude first; None when the line is not coordinates."""
    match = _DOT.match(line) or _COMMA.match(line)
    if match is None:
        return None
    lat, lon = (float(g.replace(",", ".")) for g in match.groups())
    return lon, lat


def _place(line: str) -> tuple[float, float] | None:
    """The centre of the place the whole line names (not a place merely mentioned in it)."""
    for found in find_places(line):
        if found.end - found.start < len(line.strip()) - 2:
            continue
        area = Area.objects.filter(pk=found.area_id).values_list("centroid_lon", "centroid_lat").first()
        if area and area[0] is not None and area[1] is not None:
            return float(area[0]), float(area[1])
    return None


def parse_route_text(text: str) -> dict[str, Any] | None:
    """The route as GeoJSON from the form's text; None for an empty text. Raises ServiceError."""
    lines = [line.strip() for line in (text or "").splitlines()]
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
    if not numbered:
        return None
    if len(numbered) > MAX_POINTS:
        raise ServiceError(_("Rutten får ha högst %(n)d punkter.") % {"n": MAX_POINTS})
    coordinates: list[list[float]] = []
    for number, line in numbered:
        if len(line) > MAX_LINE:
            raise ServiceError(_("Rad %(n)d i rutten är för lång.") % {"n": number})
        point = _point(line) or _place(line)
        if point is None:
            raise ServiceError(
                _("Rad %(n)d i rutten, ”%(line)s”, är varken koordinater (t.ex. 59.3121, 18.0012) eller en känd plats.")
                % {"n": number, "line": line[:60]}
            )
        lon, lat = point
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ServiceError(
                _("Rad %(n)d i rutten: latitud ska vara mellan -90 och 90 och longitud mellan -180 och 180.")
                % {"n": number}
            )
        coordinates.append([round(lon, 6), round(lat, 6)])
    return validate_route({"type": "LineString", "coordinates": coordinates})


def validate_route(route: Any) -> dict[str, Any] | None:
    """The route as clean GeoJSON, or ServiceError: a LineString of at least two different points in
    longitude/latitude, valid for shapely. Services call this whatever the route came from."""
    if route in (None, "", {}):
        return None
    if not isinstance(route, dict) or route.get("type") != "LineString":
        raise ServiceError(_("Rutten ska vara en linje (GeoJSON LineString)."))
    raw = route.get("coordinates")
    if not isinstance(raw, list) or len(raw) > MAX_POINTS:
        raise ServiceError(_("Rutten har inga giltiga punkter eller för många (högst %(n)d).") % {"n": MAX_POINTS})
    coordinates: list[list[float]] = []
    for pair in raw:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
            or not (-180 <= pair[0] <= 180 and -90 <= pair[1] <= 90)
        ):
            raise ServiceError(_("Rutten innehåller en punkt som inte är longitud och latitud."))
        coordinates.append([float(pair[0]), float(pair[1])])
    if len({tuple(c) for c in coordinates}) < 2:
        raise ServiceError(_("En rutt behöver minst två olika punkter."))
    from shapely.geometry import LineString  # heavy (numpy): loaded when a route is checked

    line = LineString(coordinates)
    if not line.is_valid or line.length == 0:
        raise ServiceError(_("Rutten är inte en giltig linje."))
    return {"type": "LineString", "coordinates": coordinates}


def route_text(route: dict[str, Any] | None) -> str:
    """The text the form shows for a saved route: one "lat, lon" line per point."""
    if not route:
        return ""
    return "\n".join(f"{lat:.6f}, {lon:.6f}" for lon, lat in route.get("coordinates", []))
