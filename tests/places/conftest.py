"""Fixtures that read the real Stockholm geo data from ../shared/data/geo (never copied into the repo)."""

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tryggsam.audit.models import AuditEvent
from tryggsam.places.importers import ImportResult, import_geojson, load_district_areas, load_places_csv
from tryggsam.places.models import Area, AreaAlias

GEO = Path(settings.SHARED_DIR) / "data" / "geo"
DISTRICTS_GEOJSON = "stockholm_stadsdelar_simplified.geo.json"
CENTROIDS_CSV = "stockholm_stadsdelar_centroids.csv"
MEMBERSHIP_CSV = "stockholm_stadsdelsomraden_membership.csv"
STATIONS_CSV = "stockholm_metro_stations_gtfs.csv"


@dataclass
class Loaded:
    districts: ImportResult
    memberships: ImportResult
    stations: ImportResult


def load_stockholm(geo: Path) -> Loaded:
    """The whole pipeline, in the order an administrator runs it."""
    return Loaded(
        districts=import_geojson(geo / DISTRICTS_GEOJSON, level="district", name_property="name"),
        memberships=load_district_areas(geo / MEMBERSHIP_CSV),
        stations=load_places_csv(geo / STATIONS_CSV),
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of one of the shared CSV files (they start with '#' comment lines)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def snapshot() -> tuple[list[tuple], list[tuple], int]:
    """Everything an import may change: areas, aliases and the number of audit rows."""
    areas = sorted(
        Area.objects.values_list(
            "level", "name", "parent__name", "geometry", "centroid_lat", "centroid_lon", "min_lat", "max_lon"
        )
    )
    aliases = sorted(AreaAlias.objects.values_list("name", "kind", "area__name"))
    return areas, aliases, AuditEvent.objects.count()


@pytest.fixture
def geo_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "geo"


@pytest.fixture(scope="module")
def stockholm(django_db_setup, django_db_blocker):
    """The real districts, district areas and metro stations, imported once per test module inside a
    transaction that is rolled back afterwards; each test runs in its own savepoint within it."""
    if not GEO.exists():
        pytest.fail(f"../shared/data/geo saknas ({GEO}); testerna läser riktiga data därifrån")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            loaded = load_stockholm(GEO)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield loaded
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def area(stockholm, db):
    """Look up an imported area by name and level: area("Liljeholmen")."""

    def get(name: str, level: str = "district") -> Area:
        return Area.objects.get(name=name, level=level)

    return get
