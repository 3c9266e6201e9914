"""Named places with a point (metro stations) under the district that contains them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from shapely.geometry import Point, shape

from tests.places.conftest import GEO, STATIONS_CSV, read_csv
from tryggsam.core.text import fold
from tryggsam.places.models import Area, AreaAlias, AreaLevel

pytestmark = pytest.mark.django_db

STATIONS = read_csv(GEO / STATIONS_CSV) if GEO.exists() else []


@pytest.mark.parametrize(
    ("station", "district", "district_area"),
    [
        ("Axelsberg", "Hägersten", "Hägersten-Älvsjö"),
        ("Örnsberg", "Aspudden", "Hägersten-Älvsjö"),
        ("Telefonplan", "Midsommarkransen", "Hägersten-Älvsjö"),
        ("Gullmarsplan", "Johanneshov", "Enskede-Årsta-Vantör"),
        ("Hornstull", "Södermalm", "Södermalm"),
    ],
)
def test_load_places_csv__station_is_a_point_under_its_district(stockholm, station, district, district_area):
    row = next(r for r in STATIONS if r["station"] == station)
    place = Area.objects.select_related("parent__parent").get(level=AreaLevel.PLACE, name=station)

    assert json.loads(place.geometry) == {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}
    assert (place.centroid_lat, place.centroid_lon) == (float(row["lat"]), float(row["lon"]))
    assert (place.min_lat, place.max_lat, place.min_lon, place.max_lon) == (
        float(row["lat"]),
        float(row["lat"]),
        float(row["lon"]),
        float(row["lon"]),
    )
    assert (place.parent.level, place.parent.name) == (AreaLevel.DISTRICT, district)
    assert place.parent.parent.name == district_area
    assert shape(json.loads(place.parent.geometry)).covers(Point(float(row["lon"]), float(row["lat"])))


def test_load_places_csv__every_station_is_a_place_or_an_existing_district_name(stockholm):
    for row in STATIONS:
        key = fold(row["station"])
        places = Area.objects.filter(level=AreaLevel.PLACE, folded_name=key)
        named = (
            Area.objects.filter(level=AreaLevel.DISTRICT, folded_name=key).exists()
            or AreaAlias.objects.filter(folded_name=key, area__level=AreaLevel.DISTRICT).exists()
        )
        assert places.count() + named == 1, row["station"]


def test_load_places_csv__station_named_like_its_district_adds_nothing(stockholm):
    for name in ("Liljeholmen", "Fruängen", "Västertorp", "Gärdet", "Skarpnäck"):
        assert not Area.objects.filter(level=AreaLevel.PLACE, folded_name=fold(name)).exists(), name


def test_load_places_csv__stations_outside_the_city_have_no_parent_and_a_warning(stockholm):
    solna = Area.objects.get(level=AreaLevel.PLACE, name="Solna centrum")

    assert solna.parent is None
    assert "Solna centrum ligger utanför alla stadsdelar och har ingen överordnad." in stockholm.stations.warnings


def test_load_places_csv__every_parent_contains_its_station(stockholm):
    for place in Area.objects.filter(level=AreaLevel.PLACE).exclude(geometry="").exclude(parent=None):
        point = Point(place.centroid_lon, place.centroid_lat)
        assert place.parent.level == AreaLevel.DISTRICT, place.name
        assert shape(json.loads(place.parent.geometry)).covers(point), place.name


def test_import_places_command__second_run_changes_nothing(stockholm):
    out = StringIO()
    call_command("import_places", str(GEO / STATIONS_CSV), "--json", stdout=out)
    result = json.loads(out.getvalue())

    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, len(STATIONS))


def test_import_places_command__other_column_names(stockholm, tmp_path):
    path = tmp_path / "platser.csv"
    path.write_text("namn,latitud,longitud\nLiljeholmstorget,59.3095,18.0225\n", encoding="utf-8")
    out = StringIO()

    call_command(
        "import_places",
        str(path),
        "--name-column",
        "namn",
        "--lat-column",
        "latitud",
        "--lon-column",
        "longitud",
        stdout=out,
    )

    assert out.getvalue().strip() == "1 nya, 0 ändrade, 0 oförändrade platser."
    assert Area.objects.get(name="Liljeholmstorget").parent.name == "Liljeholmen"
