"""A polygon drawn on the situation map: how it travels in a query string, how it is validated, and
which incidents lie inside it.

The query-string form is `lon lat,lon lat,...` (WGS84, at most `MAX_VERTICES` corners, the ring need
not be closed). An incident located to a place counts when its point lies inside (or on the edge);
one known only to its district (or district area) sits at that area's centre, so it counts when the
whole area lies inside the polygon and not otherwise.

Decision (issue 17): a drawn area has no roll-ups of its own, but the districts wholly inside it have,
and they hold exactly the incidents that count there (`Cover`); only the districts its edge crosses
and the incidents without a district are read raw, pre-filtered in SQL (index on district and time,
bounding box) and tested exactly with a prepared shapely polygon. Shapely rather than an H3 cover: the
incidents carry no H3 cell to filter on, and cells along the edge would still need the exact test, so
a cover would add an approximation to keep exact without saving a read."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from tryggsam.incidents.models import UNPLACED_DRAWN, Incident, Precision
from tryggsam.places.models import Area, AreaLevel

if TYPE_CHECKING:  # numpy and shapely are loaded when a polygon is drawn, not at start-up
    import numpy as np
    from shapely.geometry import Polygon
    from shapely.geometry.base import BaseGeometry

MAX_VERTICES = 200
MAX_TEXT = MAX_VERTICES * 30
MAX_AREA_KM2 = 10_000.0
# Where a drawn area may lie, (min_lon, min_lat, max_lon, max_lat): Sweden by default, so that a
# polygon with latitude and longitude swapped is caught rather than silently empty.
DEFAULT_EXTENT = (10.5, 55.0, 24.5, 69.5)
# A district counts as inside a drawn polygon that covers it up to about a metre (rounded corners).
COVER_TOLERANCE = 1e-5
# The condition of the partial index "incident_unplaced_drawn" written out, not bound: SQLite uses a
# partial index only when the query holds the index's own terms, and a bound parameter is not one.
# It is implied by the branches it is joined with (a point or a district area), so it changes nothing.
_UNPLACED_DRAWN_TERM = RawSQL(  # noqa: S611
    '"{table}"."precision" IN ({values})'.format(  # our own table and constants, nothing from a user
        table=Incident._meta.db_table, values=", ".join(f"'{value}'" for value in UNPLACED_DRAWN)
    ),
    [],
    output_field=BooleanField(),
)
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

    def cover(self) -> Cover:
        """How the polygon lies over the districts and district areas (`Cover`)."""
        import numpy as np
        import shapely

        areas = list(
            Area.objects.filter(level__in=[AreaLevel.DISTRICT, AreaLevel.DISTRICT_AREA]).values_list(
                "pk", "level", "geometry"
            )
        )
        outlines = [_outline(geometry) for _pk, _level, geometry in areas]
        known = [i for i, outline in enumerate(outlines) if outline is not None]
        shapes = np.array([outlines[i] for i in known], dtype=object)
        strictly = dict(zip(known, shapely.covers(self._prepared, shapes), strict=True)) if known else {}
        touches = dict(zip(known, shapely.intersects(self._prepared, shapes), strict=True)) if known else {}
        grown = shapely.buffer(self.polygon, COVER_TOLERANCE)
        shapely.prepare(grown)
        nearly = dict(zip(known, shapely.covers(grown, shapes), strict=True)) if known else {}
        inside: set[int] = set()
        edge: set[int] = set()
        covered: dict[str, set[int]] = {AreaLevel.DISTRICT: set(), AreaLevel.DISTRICT_AREA: set()}
        for i, (pk, level, _geometry) in enumerate(areas):
            if nearly.get(i, False):
                covered[level].add(pk)
            if level != AreaLevel.DISTRICT:
                continue
            if strictly.get(i, False):
                inside.add(pk)
            elif i not in touches or touches[i]:  # crossed by the edge, or an outline we cannot read
                edge.add(pk)
        return Cover(
            inside=frozenset(inside),
            edge=frozenset(edge),
            covered_districts=frozenset(covered[AreaLevel.DISTRICT]),
            covered_district_areas=frozenset(covered[AreaLevel.DISTRICT_AREA]),
        )

    def raw_q(self, cover: Cover) -> list[Q]:
        """The SQL filters of the incidents that are read raw (each served by the index on district
        and time): those of the districts the edge crosses (a point in the bounding box, to be tested
        exactly with `contains`, or known only to a district within the polygon), and those with no
        district (a point in the bounding box, or known only to a district area within the polygon)."""
        x0, y0, x1, y1 = self.polygon.bounds
        point = Q(precision=Precision.PLACE, lon__gte=x0, lon__lte=x1, lat__gte=y0, lat__lte=y1)
        filters = []
        if cover.edge:
            edge_districts = Q(precision=Precision.DISTRICT, district__in=cover.edge & cover.covered_districts)
            filters.append(Q(district__in=cover.edge) & (point | edge_districts))
        district_areas = Q(precision=Precision.DISTRICT_AREA, district_area__in=cover.covered_district_areas)
        filters.append(Q(district__isnull=True) & Q(_UNPLACED_DRAWN_TERM) & (point | district_areas))
        return filters


@lru_cache(maxsize=1024)
def _outline(geometry: str) -> BaseGeometry | None:
    """An area's outline, parsed once per text; None when it has none or it cannot be read."""
    import shapely
    from shapely.geometry import shape

    if not geometry:
        return None
    try:
        outline = shape(json.loads(geometry))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if outline.is_empty:
        return None
    shapely.prepare(outline)
    return outline


@dataclass(frozen=True)
class Cover:
    """How a drawn polygon lies over the districts: what its picture reads from the roll-ups and what
    from the raw incidents.

    - `inside`: the districts wholly inside (covered exactly). Every incident of such a district
      counts, so its roll-ups are summed: one located to a place lies in its district (it is located
      by point-in-polygon, `incidents.locating`), and one known only to its district sits at the
      district's centre, inside. This rests on how incidents are located (`incidents.locating`,
      the bulk imports): an incident with a district is located to a place in it or to the district
      itself. A row written by hand with a district but a coarser precision (e.g. "unknown") is
      counted with its district here, as the district's own picture counts it; the raw count before
      issue 17 left it out.
    - `edge`: the districts the polygon's edge crosses or touches, and those without a readable
      outline: their incidents are read raw and tested one by one.
    - The districts neither inside nor on the edge lie wholly outside: none of their incidents counts.
    - `covered_districts` / `covered_district_areas`: those inside up to `COVER_TOLERANCE` (about a
      metre): an incident known only to such an area counts.
    """

    inside: frozenset[int]
    edge: frozenset[int]
    covered_districts: frozenset[int]
    covered_district_areas: frozenset[int]
