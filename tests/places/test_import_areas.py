"""GeoJSON import of the 117 Stockholm districts (import_geojson and `manage.py import_areas`)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from shapely.geometry import Point, shape

from tests.places.conftest import CENTROIDS_CSV, DISTRICTS_GEOJSON, MEMBERSHIP_CSV, read_csv, snapshot
from tryggsam.core.text import fold
from tryggsam.places.importers import import_geojson, load_district_areas
from tryggsam.places.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def import_command(path, *extra: str) -> dict:
    out = StringIO()
    call_command(
        "import_areas", str(path), "--level", "district", "--name-property", "name", "--json", *extra, stdout=out
    )
    return json.loads(out.getvalue())


def test_import_areas__creates_117_districts_with_geometry_and_bbox(geo_dir):
    result = import_command(geo_dir / DISTRICTS_GEOJSON)

    assert result == {"created": 117, "updated": 0, "unchanged": 0, "aliases": 0, "warnings": []}
    districts = Area.objects.filter(level=AreaLevel.DISTRICT)
    assert districts.count() == 117 == Area.objects.count()
    for district in districts:
        geom = shape(json.loads(district.geometry))
        assert geom.geom_type in {"Polygon", "MultiPolygon"}, district.name
        assert district.parent is None
        minx, miny, maxx, maxy = geom.bounds
        assert (district.min_lon, district.min_lat, district.max_lon, district.max_lat) == pytest.approx(
            (minx, miny, maxx, maxy)
        )
        assert district.min_lat <= district.centroid_lat <= district.max_lat
        assert district.min_lon <= district.centroid_lon <= district.max_lon


def test_import_areas__centroids_lie_in_polygon_and_agree_with_published_centroids(geo_dir):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    published = {fold(row["stadsdel"]): row for row in read_csv(geo_dir / CENTROIDS_CSV)}
    districts = list(Area.objects.filter(level=AreaLevel.DISTRICT))

    assert {d.folded_name for d in districts} == set(published)
    for district in districts:
        assert shape(json.loads(district.geometry)).contains(Point(district.centroid_lon, district.centroid_lat))
        theirs = published[district.folded_name]
        assert district.centroid_lat == pytest.approx(float(theirs["centroid_lat"]), abs=0.01), district.name
        assert district.centroid_lon == pytest.approx(float(theirs["centroid_lon"]), abs=0.01), district.name
        assert district.min_lat == pytest.approx(float(theirs["bbox_min_lat"]), abs=0.005), district.name
        assert district.max_lon == pytest.approx(float(theirs["bbox_max_lon"]), abs=0.005), district.name


def test_import_areas__upper_case_names_become_proper_case(geo_dir):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    names = set(Area.objects.values_list("name", flat=True))

    assert {"Hässelby gård", "Norra ängby", "Gamla stan", "Örby slott", "Liljeholmen", "Riddarholmen"} <= names
    assert not [n for n in names if n.isupper()]


def test_import_areas__membership_load_gives_the_lists_spelling(geo_dir):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    load_district_areas(geo_dir / MEMBERSHIP_CSV)
    names = set(Area.objects.filter(level=AreaLevel.DISTRICT).values_list("name", flat=True))

    assert {"Norra Ängby", "Hässelby Gård", "Bromma Kyrka", "Örby slott"} <= names
    assert "Norra ängby" not in names


def test_import_areas__second_run_changes_nothing(geo_dir):
    first = import_command(geo_dir / DISTRICTS_GEOJSON)
    before = snapshot()
    second = import_command(geo_dir / DISTRICTS_GEOJSON)

    assert first["created"] == 117
    assert second == {"created": 0, "updated": 0, "unchanged": 117, "aliases": 0, "warnings": []}
    assert snapshot() == before


def test_import_areas__rerun_after_membership_keeps_parents_and_names(geo_dir):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    load_district_areas(geo_dir / MEMBERSHIP_CSV)
    before = snapshot()

    result = import_geojson(geo_dir / DISTRICTS_GEOJSON)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 117)
    assert snapshot() == before


def test_import_areas__changed_boundary_is_updated(geo_dir, tmp_path):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    data = json.loads((geo_dir / DISTRICTS_GEOJSON).read_text(encoding="utf-8"))
    square = [[18.0, 59.3], [18.01, 59.3], [18.01, 59.31], [18.0, 59.31], [18.0, 59.3]]
    next(f for f in data["features"] if f["properties"]["name"] == "ASPUDDEN")["geometry"] = {
        "type": "Polygon",
        "coordinates": [square],
    }
    changed = tmp_path / "andrad.geo.json"
    changed.write_text(json.dumps(data), encoding="utf-8")

    result = import_geojson(changed)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 116)
    aspudden = Area.objects.get(name="Aspudden")
    assert (aspudden.min_lat, aspudden.max_lon) == (59.3, 18.01)
    assert (aspudden.centroid_lat, aspudden.centroid_lon) == (59.305, 18.005)


def test_import_areas__command_prints_swedish_summary(geo_dir):
    out = StringIO()
    call_command("import_areas", str(geo_dir / DISTRICTS_GEOJSON), stdout=out)

    assert out.getvalue().strip() == "117 nya, 0 ändrade, 0 oförändrade områden."
