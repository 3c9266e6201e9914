"""Where an incident happened: the area at every level (place, district, district area) from a point
(point-in-polygon) or from a text naming a place (the gazetteer)."""

from __future__ import annotations

from dataclasses import dataclass

from tryggsam.incidents.models import Precision
from tryggsam.places.gazetteer import Gazetteer, current_gazetteer, find_places
from tryggsam.places.models import Area, AreaLevel
from tryggsam.places.selectors import AreaPointIndex, areas_at_point


@dataclass
class Location:
    lat: float | None = None
    lon: float | None = None
    precision: str = Precision.UNKNOWN
    place: Area | None = None
    district: Area | None = None
    district_area: Area | None = None

    @property
    def finest(self) -> Area | None:
        return self.place or self.district or self.district_area

    def area_fields(self) -> dict[str, object]:
        return {
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "place": self.place,
            "district": self.district,
            "district_area": self.district_area,
        }


def _levels(areas: list[Area]) -> dict[str, Area]:
    """The first area of each level in `areas` (finest first)."""
    found: dict[str, Area] = {}
    for area in areas:
        found.setdefault(area.level, area)
    return found


def locate_point(lat: float, lon: float, *, index: AreaPointIndex | None = None) -> Location:
    """A point given by the reporter (a map click): the areas that contain it. The point itself is
    where it happened, so the precision is "place" even outside every known area. A run over many
    points passes one `index` (the areas read once) instead of a query per point."""
    levels = _levels(index.at_point(lat, lon) if index is not None else areas_at_point(lat, lon))
    return Location(
        lat=lat,
        lon=lon,
        precision=Precision.PLACE,
        place=levels.get(AreaLevel.PLACE),
        district=levels.get(AreaLevel.DISTRICT),
        district_area=levels.get(AreaLevel.DISTRICT_AREA),
    )


def locate_area(area: Area) -> Location:
    """An area named in a text: the area, its ancestors, and the centroid of the finest one that has
    one as the point; the precision is the level of the named area."""
    chain = [area, *area.ancestors()]
    levels = _levels(chain)
    with_centroid = next((a for a in chain if a.centroid_lat is not None and a.centroid_lon is not None), None)
    return Location(
        lat=with_centroid.centroid_lat if with_centroid else None,
        lon=with_centroid.centroid_lon if with_centroid else None,
        precision=str(area.level),
        place=levels.get(AreaLevel.PLACE),
        district=levels.get(AreaLevel.DISTRICT),
        district_area=levels.get(AreaLevel.DISTRICT_AREA),
    )


def locate_text(text: str) -> Location | None:
    """The first place named in `text`, or None when the gazetteer finds no place."""
    matches = find_places(text)
    if not matches:
        return None
    area = Area.objects.select_related("parent__parent").get(pk=matches[0].area_id)
    return locate_area(area)


class TextLocator:
    """`locate_text` for one run over many texts (an import): the gazetteer is taken once, at the first
    text, and each named area is read with its ancestors once, so a run asks one query per distinct area
    named, not one per text. The locations it returns are shared between the texts naming the same area:
    read them, do not change them."""

    def __init__(self) -> None:
        self._gazetteer: Gazetteer | None = None
        self._by_area: dict[int, Location] = {}

    def locate(self, text: str) -> Location | None:
        """The first place named in `text`, or None when the gazetteer finds no place."""
        if self._gazetteer is None:
            self._gazetteer = current_gazetteer()
        matches = find_places(text, gazetteer=self._gazetteer)
        if not matches:
            return None
        area_id = matches[0].area_id
        location = self._by_area.get(area_id)
        if location is None:
            area = Area.objects.select_related("parent__parent").get(pk=area_id)
            location = self._by_area[area_id] = locate_area(area)
        return location
