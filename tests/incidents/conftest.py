"""Fixtures of the incident tests: the real Stockholm areas and the recorded police sample, both read
from ../shared (never copied into the repository)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.places.importers import import_geojson, load_district_areas, load_places_csv

GEO = Path(settings.SHARED_DIR) / "data" / "geo"
POLICE = Path(settings.SHARED_DIR) / "data" / "polisen"


@pytest.fixture(scope="module")
def stockholm(django_db_setup, django_db_blocker):
    """The real districts, district areas and metro stations, imported once per test module inside a
    transaction rolled back afterwards; each test runs in its own savepoint within it."""
    if not GEO.exists():
        pytest.fail(f"../shared/data/geo saknas ({GEO}); testerna läser riktiga data därifrån")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            import_geojson(GEO / "stockholm_stadsdelar_simplified.geo.json", level="district", name_property="name")
            load_district_areas(GEO / "stockholm_stadsdelsomraden_membership.csv")
            load_places_csv(GEO / "stockholm_metro_stations_gtfs.csv")
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def police_sample_path(shared_dir: Path) -> Path:
    paths = sorted((shared_dir / "data" / "polisen").glob("*.json"))
    if not paths:
        pytest.fail("Polisens exempelfil saknas i ../shared/data/polisen")
    return paths[0]


@pytest.fixture
def police_sample(police_sample_path: Path) -> list[dict]:
    return json.loads(police_sample_path.read_text(encoding="utf-8"))


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Skolan vid torget", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def school_reporter(school):
    return user_with_role(Role.REPORTER, school, full_name="Rut Rapportör")


@pytest.fixture
def school_reader(school):
    return user_with_role(Role.READER, school, full_name="Love Läsare")
