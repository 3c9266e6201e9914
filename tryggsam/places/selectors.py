"""Reads of the area tree. Areas are public reference data (boundaries and names), visible to all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Min, Q, QuerySet

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.places.geometry import contains
from tryggsam.places.models import Area, AreaLevel, AreaPopulation


def areas_visible_to(user: Reader) -> QuerySet[Area]:
    return Area.objects.all()


def area_for(user: Reader, pk: int) -> Area:
    return one_visible_or_404(user, areas_visible_to(user).select_related("parent"), pk)


def subtree_ids(area: Area) -> list[int]:
    """The area and every area below it (a district area holds its districts and their places)."""
    ids, frontier = [area.pk], [area.pk]
    while frontier:
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def areas_at_point(lat: float, lon: float) -> list[Area]:
    """Every area containing the point, finest level first (place, district, district area).
    The bounding-box columns pre-filter in SQL; shapely decides on the few candidates."""
    candidates = (
        Area.objects.filter(min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon)
        .exclude(geometry="")
        .select_related("parent__parent")  # the walk up below, without a query per level
        .defer("parent__geometry", "parent__parent__geometry")
    )
    return _with_ancestors([a for a in candidates if contains(a.geometry, lat, lon)])


def _with_ancestors(hits: list[Area]) -> list[Area]:
    """The areas hit by a point and every area above them, finest level first."""
    found = {a.pk: a for a in hits}
    # A district area without its own polygon contains what its districts contain.
    for area in list(hits):
        node = area.parent
        while node is not None and node.pk not in found:
            found[node.pk] = node
            node = node.parent
    order = {AreaLevel.PLACE: 0, AreaLevel.DISTRICT: 1, AreaLevel.DISTRICT_AREA: 2}
    return sorted(found.values(), key=lambda a: order[AreaLevel(a.level)])


class AreaPointIndex:
    """`areas_at_point` for the many points of one run (an import, the demo's history): the area
    tree is read once (one query) and each point is decided in memory by the same bounding-box
    pre-filter and polygon test, with the same answer. For a run that does not change the areas
    it asks about: areas written after the index was made are not in it."""

    def __init__(self) -> None:
        areas = list(Area.objects.all())  # the model's order (by name), as the query above
        by_pk = {a.pk: a for a in areas}
        for area in areas:
            if area.parent_id is not None:
                area.parent = by_pk[area.parent_id]  # the walk up without a query
        self._boxed: list[tuple[float, float, float, float, Area]] = []
        for a in areas:  # an area without a box is no candidate, as in SQL (NULL compares false)
            lat0, lat1, lon0, lon1 = a.min_lat, a.max_lat, a.min_lon, a.max_lon
            if a.geometry and lat0 is not None and lat1 is not None and lon0 is not None and lon1 is not None:
                self._boxed.append((lat0, lat1, lon0, lon1, a))

    def at_point(self, lat: float, lon: float) -> list[Area]:
        """What `areas_at_point(lat, lon)` answers."""
        hits = [
            area
            for min_lat, max_lat, min_lon, max_lon, area in self._boxed
            if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon and contains(area.geometry, lat, lon)
        ]
        return _with_ancestors(hits)


def _home_areas(user: Reader) -> QuerySet[Area]:
    """The areas of the forums the user or the user's organisations take part in (none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return Area.objects.none()
    member = Q(forums__members__user=user) | Q(forums__members__organisation__in=permissions.organisation_ids(user))
    return Area.objects.filter(member)


def home_bounds(user: Reader) -> tuple[float, float, float, float] | None:
    """(min_lat, min_lon, max_lat, max_lon) around the user's forums' areas: where a map for this
    user should start. None if there are none."""
    box = _home_areas(user).aggregate(Min("min_lat"), Min("min_lon"), Max("max_lat"), Max("max_lon"))
    values = (box["min_lat__min"], box["min_lon__min"], box["max_lat__max"], box["max_lon__max"])
    return None if any(v is None for v in values) else values


def home_area(user: Reader) -> Area | None:
    """The area a user's situation picture opens on: the area of the user's forums, or the district
    area that holds all of them; None when the user has no forum with an area."""
    areas = list(_home_areas(user).exclude(level=AreaLevel.PLACE).select_related("parent").distinct())
    if len(areas) == 1:
        return areas[0]
    tops = {a if a.level == AreaLevel.DISTRICT_AREA else a.parent for a in areas}
    return tops.pop() if len(tops) == 1 else None


# --- population ------------------------------------------------------------------------------------

POPULATION_YEARS_BACK = 5
"""How old a population figure may be and still stand for a later year (the nearest earlier year is
used, and said): areas change slowly, but not that slowly."""


def populations_visible_to(user: Reader) -> QuerySet[AreaPopulation]:
    """Populations are published facts about areas (like their names and boundaries): visible to all."""
    return AreaPopulation.objects.all()


@dataclass(frozen=True)
class PopulationFigure:
    """The population that stands for an area in a year: its own year's, or the nearest earlier one's
    (`year` says which), with where it comes from."""

    inhabitants: int
    year: int
    source: str  # "inskrivet" / "härlett ur statistik …"

    def rate(self, count: float, per: int) -> float:
        """`count` per `per` inhabitants (per 1 000, per 100 000)."""
        return count * per / self.inhabitants


def populations_for(user: Reader, area_ids: list[int], year: int) -> dict[int, PopulationFigure]:
    """{area id: figure} for the areas with a population for `year` or one of the
    POPULATION_YEARS_BACK years before it (the nearest earlier year); areas without are left out."""
    rows = (
        populations_visible_to(user)
        .filter(area_id__in=area_ids, year__lte=year, year__gte=year - POPULATION_YEARS_BACK)
        .order_by("area_id", "-year")
    )
    result: dict[int, PopulationFigure] = {}
    for row in rows:
        if row.area_id not in result:
            result[row.area_id] = PopulationFigure(row.inhabitants, row.year, row.source_label)
    return result
