"""A polygon drawn on the situation map: how it travels in a query string, how it is validated, and
which incidents lie inside it.

The query-string form is `lon lat,lon lat,...` (WGS84, at most `MAX_VERTICES` corners, the ring need
not be closed). A drawn area has no roll-ups, so its incidents are read raw: a bounding-box filter in
SQL, then the exact point-in-polygon test with shapely. Only incidents located to a place are tested
by their point; one known only to its district (or district area) sits at that area's centre, so it
counts when the whole district lies inside the polygon and not otherwise."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tryggsam.incidents.models import Precision
from tryggsam.places.models import Area, AreaLevel

if TYPE_CHECKING:  # numpy and shapely are loaded when a polygon is drawn, not at start-up
    import numpy as np
    from shapely.geometry import Polygon

MAX_VERTICES = 200
MAX_TEXT = MAX_VERTICES * 30
MAX_AREA_KM2 = 10_000.0
# Where a drawn area may lie, (min_lon, min_lat, max_lon, max_lat): Sweden by default, so that a
# polygon with latitude and longitude swapped is caught rather than silently empty.
DEFAULT_EXTENT = (10.5, 55.0, 24.5, 69.5)
# A district counts as inside a drawn polygon that covers it up to about a metre (rounded corners).
COVER_TOLERANCE = 1e-5
_NUMBER = re.compile(r"-?\d{1,3}(\.\d{1,12})?")
KM_PER_DEGREE = 111.32


def _extent() -> tuple[float, float, float, float]:
    return tuple(getattr(settings, "TRYGGSAM_POLYGON_EXTENT", DEFAULT_EXTENT))  # type: ignore[return-value]


def _error(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_polygon")


def _area_km2(polygon: Polygon) -> float:
    """Approximate area: degrees scaled by the length of a degree at the polygon's latitude."""
    lat = polygon.centroid.y
    return polygon.area * KM_PER_DEGREE * KM_PER_DEGREE * math.cos(math.radians(lat))


def _vertices(text: str) -> list[tuple[float, float]]:
    if len(text) > MAX_TEXT:
        raise _error(_("Området har för många hörn (högst %(max)d).") % {"max": MAX_VERTICES})
    corners = [c.strip() for c in text.strip().split(",")]
    if len(corners) > MAX_VERTICES + 1:
        raise _error(_("Området har för många hörn (högst %(max)d).") % {"max": MAX_VERTICES})
    points = []
    for corner in corners:
        parts = corner.split()
        if len(parts) != 2 or not all(_NUMBER.fullmatch(p) for p in parts):
            raise _error(_("Området kunde inte läsas: ange hörnen som ”longitud latitud”, åtskilda med kommatecken."))
        lon, lat = float(parts[0]), float(parts[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise _error(_("Koordinaterna ligger utanför jorden: har latitud och longitud bytt plats?"))
        points.append((lon, lat))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) > MAX_VERTICES:
        raise _error(_("Området har för många hörn (högst %(max)d).") % {"max": MAX_VERTICES})
    if len(set(points)) < 3:
        raise _error(_("Ett område behöver minst tre olika hörn."))
    return points


@dataclass(frozen=True)
class DrawnArea:
    """A validated polygon (lon/lat) that stands in for an Area in the situation picture."""

    polygon: Polygon
    _prepared: Polygon = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        import shapely

        prepared = shapely.Polygon(self.polygon)
        shapely.prepare(prepared)
        object.__setattr__(self, "_prepared", prepared)

    @classmethod
    def parse(cls, text: str) -> DrawnArea:
        """The drawn area of a query-string value; a ValidationError with a Swedish message otherwise."""
        import shapely
        from shapely.geometry import Polygon

        points = _vertices(str(text))
        polygon = Polygon(points)
        if polygon.is_empty or polygon.convex_hull.area == 0:
            raise _error(_("Området är tomt: hörnen ligger på en linje."))
        if not polygon.is_valid:
            raise _error(_("Området korsar sig självt. Rita det utan att linjerna korsas."))
        min_lon, min_lat, max_lon, max_lat = _extent()
        x0, y0, x1, y1 = polygon.bounds
        if x0 < min_lon or x1 > max_lon or y0 < min_lat or y1 > max_lat:
            raise _error(_("Området ligger utanför kartan: har latitud och longitud bytt plats?"))
        if _area_km2(polygon) > MAX_AREA_KM2:
            raise _error(_("Området är för stort (högst %(max)d km²).") % {"max": int(MAX_AREA_KM2)})
        return cls(shapely.normalize(polygon))

    def __str__(self) -> str:
        return self.text

    @property
    def name(self) -> str:
        return _("Ritat område")

    @property
    def text(self) -> str:
        """The compact query-string form (six decimals, about ten centimetres)."""
        ring = list(self.polygon.exterior.coords)[:-1]
        return ",".join(f"{lon:.6f} {lat:.6f}".replace(".000000", "") for lon, lat in ring)

    @property
    def vertex_count(self) -> int:
        return len(self.polygon.exterior.coords) - 1

    @property
    def area_km2(self) -> float:
        return _area_km2(self.polygon)

    @property
    def geometry(self) -> dict[str, Any]:
        import shapely.geometry

        return shapely.geometry.mapping(self.polygon)  # type: ignore[no-any-return]

    @property
    def geojson(self) -> str:
        return json.dumps(self.geometry)

    def contains(self, lats: Sequence[float | None], lons: Sequence[float | None]) -> np.ndarray:
        """Boolean mask: which points lie inside (or on the edge of) the polygon; a missing
        coordinate is outside."""
        import numpy as np
        import shapely

        if not lats:
            return np.zeros(0, dtype=bool)
        return shapely.intersects_xy(self._prepared, np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))

    def covered_area_ids(self) -> dict[str, set[int]]:
        """The districts and district areas that lie wholly inside the polygon, by level."""
        from shapely.geometry import shape

        x0, y0, x1, y1 = self.polygon.bounds
        grown = self.polygon.buffer(COVER_TOLERANCE)
        candidates = Area.objects.filter(
            level__in=[AreaLevel.DISTRICT, AreaLevel.DISTRICT_AREA],
            min_lon__gte=x0 - COVER_TOLERANCE,
            min_lat__gte=y0 - COVER_TOLERANCE,
            max_lon__lte=x1 + COVER_TOLERANCE,
            max_lat__lte=y1 + COVER_TOLERANCE,
        ).exclude(geometry="")
        covered: dict[str, set[int]] = {AreaLevel.DISTRICT: set(), AreaLevel.DISTRICT_AREA: set()}
        for pk, level, geometry in candidates.values_list("pk", "level", "geometry"):
            try:
                outline = shape(json.loads(geometry))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue
            if not outline.is_empty and grown.covers(outline):
                covered[level].add(pk)
        return covered

    def incident_q(self, prefix: str = "") -> Q:
        """The SQL pre-filter of incidents that may lie inside: a point in the bounding box (to be
        tested exactly with `contains`), or a coarse location whose whole area is inside."""
        x0, y0, x1, y1 = self.polygon.bounds
        covered = self.covered_area_ids()
        q = Q(
            **{
                f"{prefix}precision": Precision.PLACE,
                f"{prefix}lon__gte": x0,
                f"{prefix}lon__lte": x1,
                f"{prefix}lat__gte": y0,
                f"{prefix}lat__lte": y1,
            }
        )
        if covered[AreaLevel.DISTRICT]:
            q |= Q(**{f"{prefix}precision": Precision.DISTRICT, f"{prefix}district__in": covered[AreaLevel.DISTRICT]})
        if covered[AreaLevel.DISTRICT_AREA]:
            q |= Q(
                **{
                    f"{prefix}precision": Precision.DISTRICT_AREA,
                    f"{prefix}district_area__in": covered[AreaLevel.DISTRICT_AREA],
                }
            )
        return q
