"""Bad input is refused as a whole, with a Swedish message that names the feature or row; nothing is written."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.places.conftest import DISTRICTS_GEOJSON, MEMBERSHIP_CSV, STATIONS_CSV, snapshot
from tryggsam.places import importers
from tryggsam.places.importers import ImportRefused, import_geojson, load_district_areas, load_places_csv
from tryggsam.places.models import Area

pytestmark = pytest.mark.django_db


def real_features(geo_dir: Path) -> dict:
    return json.loads((geo_dir / DISTRICTS_GEOJSON).read_text(encoding="utf-8"))


def feature_named(data: dict, name: str) -> tuple[int, dict]:
    """(1-based position, feature) of a district in the real file."""
    return next((i, f) for i, f in enumerate(data["features"], start=1) if f["properties"]["name"] == name)


def drop_name(data: dict) -> str:
    i, feature = feature_named(data, "ASPUDDEN")
    del feature["properties"]["name"]
    return f"Objekt {i}: egenskapen 'name' saknas"


def too_few_points(data: dict) -> str:
    i, feature = feature_named(data, "FRUÄNGEN")
    feature["geometry"]["coordinates"] = [[[17.96, 59.28], [17.97, 59.29]]]
    return f"Objekt {i} (FRUÄNGEN): Ogiltiga koordinater"


def text_coordinates(data: dict) -> str:
    i, feature = feature_named(data, "SOLBERGA")
    feature["geometry"]["coordinates"] = [[["arton", "femtionio"]] * 4]
    return f"Objekt {i} (SOLBERGA): Ogiltiga koordinater"


def latitude_out_of_range(data: dict) -> str:
    i, feature = feature_named(data, "VÄSTERTORP")
    feature["geometry"]["coordinates"] = [[[lon, lat + 40] for lon, lat in feature["geometry"]["coordinates"][0]]]
    return f"Objekt {i} (VÄSTERTORP): Koordinaterna ligger utanför longitud/latitud"


def sweref_coordinates(data: dict) -> str:
    i, feature = feature_named(data, "LILJEHOLMEN")
    ring = [[674000 + lon, 6577000 + lat] for lon, lat in feature["geometry"]["coordinates"][0]]
    feature["geometry"]["coordinates"] = [ring]
    return f"Objekt {i} (LILJEHOLMEN): Koordinaterna ligger utanför longitud/latitud"


def nan_coordinate(data: dict) -> str:
    i, feature = feature_named(data, "ÄLVSJÖ")
    feature["geometry"]["coordinates"][0][1] = [math.nan, 59.27]
    return f"Objekt {i} (ÄLVSJÖ): Koordinaterna måste vara tal"


def geometry_as_text(data: dict) -> str:
    i, feature = feature_named(data, "HÄGERSTEN")
    feature["geometry"] = "POLYGON ((18 59, 18.1 59, 18 59.1, 18 59))"
    return f"Objekt {i} (HÄGERSTEN): Geometrin är inte giltig GeoJSON"


def line_geometry(data: dict) -> str:
    i, feature = feature_named(data, "GRÖNDAL")
    feature["geometry"] = {"type": "LineString", "coordinates": [[18.0, 59.31], [18.01, 59.32]]}
    return f"Objekt {i} (GRÖNDAL): Geometrin måste vara Point, Polygon eller MultiPolygon"


def missing_geometry(data: dict) -> str:
    i, feature = feature_named(data, "MIDSOMMARKRANSEN")
    feature["geometry"] = None
    return f"Objekt {i} (MIDSOMMARKRANSEN): Geometrin måste vara"


def feature_not_an_object(data: dict) -> str:
    data["features"].insert(9, "LILJEHOLMEN")
    return "Objekt 10: är inte ett GeoJSON-objekt"


def duplicate_name(data: dict) -> str:
    data["features"].append(data["features"][0])
    return f"Objekt 118: namnet {data['features'][0]['properties']['name']!r} förekommer flera gånger"


def overlong_name(data: dict) -> str:
    i, feature = feature_named(data, "LÅNGBRO")
    feature["properties"]["name"] = "LÅNGBRO " * 30
    return f"Objekt {i}: namnet är längre än 200 tecken"


BROKEN: list = [
    drop_name,
    too_few_points,
    text_coordinates,
    latitude_out_of_range,
    sweref_coordinates,
    pytest.param(nan_coordinate, marks=pytest.mark.filterwarnings("ignore::RuntimeWarning")),
    geometry_as_text,
    line_geometry,
    missing_geometry,
    feature_not_an_object,
    duplicate_name,
    overlong_name,
]


@pytest.mark.parametrize("breakage", BROKEN, ids=lambda f: getattr(f, "__name__", ""))
def test_import_geojson__one_broken_feature_refuses_the_file(geo_dir, tmp_path, breakage):
    data = real_features(geo_dir)
    expected = breakage(data)
    path = tmp_path / "trasig.geo.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot()

    with pytest.raises(ImportRefused) as refused:
        import_geojson(path)

    assert len(refused.value.errors) == 1
    assert refused.value.errors[0].startswith(expected), refused.value.errors
    assert snapshot() == before
    assert Area.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "Filen är tom"),
        ("   \n", "Filen är tom"),
        ('{"type": "FeatureCollection", "features": [', "Filen är inte giltig JSON (fel på rad 1"),
        ("namn;lat;lon\nLiljeholmen;59.31;18.02\n", "Filen är inte giltig JSON"),
        ('{"type": "FeatureCollection", "features": []}', "Filen innehåller ingen FeatureCollection"),
        ('{"type": "Feature", "properties": {"name": "X"}}', "Filen innehåller ingen FeatureCollection"),
        ("[1, 2, 3]", "Filen innehåller ingen FeatureCollection"),
    ],
    ids=["empty", "blank", "cut-off", "csv", "no-features", "single-feature", "json-list"],
)
def test_import_geojson__unusable_file_is_refused_in_swedish(tmp_path, content, expected):
    path = tmp_path / "fel.geo.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ImportRefused) as refused:
        import_geojson(path)

    assert refused.value.errors[0].startswith(expected), refused.value.errors
    assert Area.objects.count() == 0


def test_import_geojson__truncated_real_file_is_refused(geo_dir, tmp_path):
    text = (geo_dir / DISTRICTS_GEOJSON).read_text(encoding="utf-8")
    path = tmp_path / "avbruten.geo.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")

    with pytest.raises(ImportRefused, match=r"Filen är inte giltig JSON \(fel på rad \d+"):
        import_geojson(path)
    assert Area.objects.count() == 0


def test_import_geojson__missing_file_and_wrong_name_property(geo_dir, tmp_path):
    with pytest.raises(ImportRefused, match="Filen finns inte"):
        import_geojson(tmp_path / "finns-inte.geo.json")

    with pytest.raises(ImportRefused) as refused:
        import_geojson(geo_dir / DISTRICTS_GEOJSON, name_property="namn")
    assert len(refused.value.errors) == 117
    assert refused.value.errors[0] == "Objekt 1: egenskapen 'namn' saknas eller är tom."
    assert Area.objects.count() == 0


def test_import_geojson__refused_file_leaves_existing_areas_untouched(geo_dir, tmp_path):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    before = snapshot()
    data = real_features(geo_dir)
    for feature in data["features"][:50]:
        feature["geometry"]["coordinates"][0] = [
            [lon + 0.001, lat] for lon, lat in feature["geometry"]["coordinates"][0]
        ]
    drop_name(data)
    path = tmp_path / "delvis.geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ImportRefused):
        import_geojson(path)

    assert snapshot() == before


def test_import_geojson__invalid_row_while_writing_rolls_back_everything(geo_dir, monkeypatch):
    real = importers.geometry_columns
    calls = []

    def breaks_on_the_60th(geom):
        calls.append(geom)
        columns = real(geom)
        return {**columns, "centroid_lat": "inte ett tal"} if len(calls) == 60 else columns

    monkeypatch.setattr(importers, "geometry_columns", breaks_on_the_60th)

    with pytest.raises(ImportRefused, match="Importen stoppades av en ogiltig rad"):
        import_geojson(geo_dir / DISTRICTS_GEOJSON)
    assert Area.objects.count() == 0


def test_import_areas_command__broken_file_is_a_command_error(geo_dir, tmp_path):
    data = real_features(geo_dir)
    expected = drop_name(data)
    path = tmp_path / "trasig.geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_areas", str(path), "--level", "district", "--name-property", "name")

    message = str(error.value)
    assert message.startswith("Importen avbröts, inget sparades:")
    assert expected in message
    assert Area.objects.count() == 0


def test_import_areas_command__exits_non_zero_from_manage_py(geo_dir, tmp_path):
    data = real_features(geo_dir)
    expected = latitude_out_of_range(data)
    path = tmp_path / "trasig.geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    env = {
        **os.environ,
        "TRYGGSAM_SETTINGS": "test",
        "DJANGO_SETTINGS_MODULE": "tryggsam.config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tom.sqlite3'}",
    }

    done = subprocess.run(
        [sys.executable, "manage.py", "import_areas", str(path), "--level", "district", "--name-property", "name"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2, done.stderr
    assert "CommandError: Importen avbröts, inget sparades:" in done.stderr
    assert expected in done.stderr


def test_load_district_areas__before_districts_is_refused(geo_dir):
    with pytest.raises(ImportRefused, match=r"Importera stadsdelarna \(GeoJSON\) först"):
        load_district_areas(geo_dir / MEMBERSHIP_CSV)


def write_csv_without(source: Path, target: Path, column: str) -> Path:
    """A copy of a real CSV with one column renamed in the header."""
    lines = source.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    lines[header] = lines[header].replace(column, f"{column}_x", 1)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


@pytest.mark.parametrize("column", ["stadsdelsomrade", "kth_stadsdel"])
def test_load_district_areas__missing_column_is_refused(geo_dir, tmp_path, column):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    before = snapshot()
    path = write_csv_without(geo_dir / MEMBERSHIP_CSV, tmp_path / "medlemmar.csv", column)

    with pytest.raises(ImportRefused) as refused:
        load_district_areas(path)
    with pytest.raises(
        CommandError, match=f"Importen avbröts, inget sparades:\nCSV-filen saknar kolumnerna {column}\\."
    ):
        call_command("load_district_areas", str(path))

    assert refused.value.errors == [f"CSV-filen saknar kolumnerna {column}."]
    assert snapshot() == before


def test_load_district_areas__row_without_area_is_refused_with_its_line_number(geo_dir, tmp_path):
    import_geojson(geo_dir / DISTRICTS_GEOJSON)
    before = snapshot()
    lines = (geo_dir / MEMBERSHIP_CSV).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("Järva,") and ",Husby," in text)
    lines[line - 1] = lines[line - 1].removeprefix("Järva")
    path = tmp_path / "medlemmar.csv"
    path.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(ImportRefused) as refused:
        load_district_areas(path)

    assert refused.value.errors == [f"Rad {line}: stadsdelsområde saknas."]
    assert snapshot() == before


@pytest.mark.parametrize("column", ["station", "lat", "lon"])
def test_load_places_csv__missing_column_is_refused(geo_dir, tmp_path, column):
    path = write_csv_without(geo_dir / STATIONS_CSV, tmp_path / "stationer.csv", column)

    with pytest.raises(ImportRefused, match=f"CSV-filen saknar kolumnerna {column}\\."):
        load_places_csv(path)
    with pytest.raises(CommandError, match="Importen avbröts, inget sparades"):
        call_command("import_places", str(path))
    assert Area.objects.count() == 0


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        (",17.975569", "ogiltiga koordinater (lat '', lon '17.975569')."),
        ("norr,17.975569", "ogiltiga koordinater (lat 'norr', lon '17.975569')."),
        ("159.304377,17.975569", "Koordinaterna ligger utanför longitud/latitud"),
        ("nan,17.975569", "Koordinaterna måste vara tal"),
        ("59.304377,inf", "Koordinaterna måste vara tal"),
    ],
    ids=["empty-lat", "text-lat", "out-of-range", "nan", "infinite"],
)
def test_load_places_csv__bad_coordinates_name_the_row(geo_dir, tmp_path, coordinates, expected):
    lines = (geo_dir / STATIONS_CSV).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("Axelsberg,"))
    lines[line - 1] = lines[line - 1].replace("59.304377,17.975569", coordinates)
    path = tmp_path / "stationer.csv"
    path.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(ImportRefused) as refused:
        load_places_csv(path)

    assert len(refused.value.errors) == 1
    assert refused.value.errors[0].startswith(f"Rad {line} (Axelsberg): ")
    assert expected in refused.value.errors[0]
    assert Area.objects.count() == 0


def test_load_places_csv__empty_and_header_only_files_are_refused(tmp_path):
    empty = tmp_path / "tom.csv"
    empty.write_text("", encoding="utf-8")
    header_only = tmp_path / "rubrik.csv"
    header_only.write_text("station,lat,lon\n", encoding="utf-8")

    with pytest.raises(ImportRefused, match="Filen är tom"):
        load_places_csv(empty)
    with pytest.raises(ImportRefused, match="CSV-filen innehåller inga rader"):
        load_places_csv(header_only)
