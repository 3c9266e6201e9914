"""Geography for the demo: the real Stockholm districts from ../shared when they are there, otherwise
a small invented set of rectangles so that the demo also works on a fresh machine."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import ServiceError
from tryggsam.core.text import fold
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.places.geometry import geometry_columns, parse_geometry
from tryggsam.places.importers import import_geojson, load_district_areas, load_places_csv
from tryggsam.places.models import AliasKind, Area, AreaLevel
from tryggsam.places.services import alias_define

GEOJSON = "stockholm_stadsdelar_simplified.geo.json"
MEMBERSHIP_CSV = "stockholm_stadsdelsomraden_membership.csv"
STATIONS_CSV = "stockholm_metro_stations_gtfs.csv"

FALLBACK_DISTRICT_AREA = ("Hägersten-Älvsjö", (17.950, 59.262, 18.040, 59.318))
# name: (min lon, min lat, max lon, max lat) – rough boxes, good enough for maps and point tests
FALLBACK_DISTRICTS = {
    "Liljeholmen": (18.012, 59.301, 18.040, 59.318),
    "Midsommarkransen": (17.995, 59.295, 18.011, 59.307),
    "Hägerstensåsen": (17.975, 59.290, 17.994, 59.303),
    "Västertorp": (17.958, 59.287, 17.974, 59.299),
    "Fruängen": (17.950, 59.278, 17.974, 59.2865),
    "Solberga": (17.995, 59.280, 18.015, 59.292),
    "Älvsjö": (17.990, 59.262, 18.015, 59.2795),
}
ABBREVIATION = ("F/V/H", ("Fruängen", "Västertorp", "Hägerstensåsen"))


def _box(bounds: tuple[float, float, float, float]) -> dict[str, object]:
    x0, y0, x1, y1 = bounds
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def _find(name: str, level: str) -> Area | None:
    return Area.objects.filter(level=level, folded_name=fold(name)).first()


def _import_shared(geo_dir: Path) -> list[str]:
    """Import districts, district areas and metro stations, each only if it is not there yet."""
    notes = []
    if not Area.objects.filter(level=AreaLevel.DISTRICT).exists():
        result = import_geojson(geo_dir / GEOJSON, level=AreaLevel.DISTRICT, actor=DEMO_SYSTEM)
        notes.append(f"{result.created} stadsdelar")
    if not Area.objects.filter(level=AreaLevel.DISTRICT_AREA).exists():
        result = load_district_areas(geo_dir / MEMBERSHIP_CSV, actor=DEMO_SYSTEM)
        notes.append(f"{result.created} stadsdelsområden och platser")
    if not Area.objects.filter(level=AreaLevel.PLACE).exclude(geometry="").exists():
        result = load_places_csv(geo_dir / STATIONS_CSV, actor=DEMO_SYSTEM)
        notes.append(f"{result.created} stationer")
    return notes


def _create_fallback() -> list[str]:
    created = 0
    name, bounds = FALLBACK_DISTRICT_AREA
    parent = _find(name, AreaLevel.DISTRICT_AREA)
    if parent is None:
        parent = create_audited(
            model=Area,
            actor=DEMO_SYSTEM,
            name=name,
            level=AreaLevel.DISTRICT_AREA,
            **geometry_columns(parse_geometry(_box(bounds))),
        )
        alias_define(actor=DEMO_SYSTEM, name="Hägersten-Liljeholmen", areas=[parent], kind=AliasKind.FORMER)
        created += 1
    for district, box in FALLBACK_DISTRICTS.items():
        if _find(district, AreaLevel.DISTRICT) is None:
            create_audited(
                model=Area,
                actor=DEMO_SYSTEM,
                name=district,
                level=AreaLevel.DISTRICT,
                parent=parent,
                **geometry_columns(parse_geometry(_box(box))),
            )
            created += 1
    return [f"{created} påhittade områden"] if created else []


def ensure_places(shared_dir: Path) -> list[str]:
    """Make sure the demo's areas and the F/V/H abbreviation exist; say what was added (Swedish)."""
    geo_dir = shared_dir / "data" / "geo"
    notes = _import_shared(geo_dir) if geo_dir.is_dir() else _create_fallback()
    name, districts = ABBREVIATION
    areas = [area_named(d) for d in districts]
    if alias_define(actor=DEMO_SYSTEM, name=name, areas=areas):
        notes.append(f"förkortningen {name}")
    return notes


def area_named(name: str) -> Area:
    """The district (or else the district area or place) with this name."""
    for level in (AreaLevel.DISTRICT, AreaLevel.DISTRICT_AREA, AreaLevel.PLACE):
        area = _find(name, level)
        if area is not None:
            return area
    raise ServiceError(_("Området %(name)s saknas; demodata kräver det.") % {"name": name})
