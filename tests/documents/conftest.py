from pathlib import Path

import pytest

from tryggsam.places.importers import import_geojson, load_district_areas

SEEDS = {
    "000": "000_f475cd9346458237.txt",
    "001": "001_64878e962ac09484.txt",
    "002": "002_f9c28c47e06ae63f.txt",
    "004": "004_6c754eb08dec5d99.txt",
}


@pytest.fixture(autouse=True)
def _database(db):
    """extract() looks places up in the gazetteer, which reads the areas table."""


@pytest.fixture
def seed(shared_dir):
    def path(key: str) -> Path:
        return shared_dir / "seeds" / SEEDS[key]

    return path


@pytest.fixture
def stockholm_areas(shared_dir):
    geo = shared_dir / "data" / "geo"
    import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json", level="district")
    load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
