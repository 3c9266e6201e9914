"""areas_at_point and the read-only place pages on the real Stockholm areas."""

import pytest
from django.urls import reverse

from tests.places.conftest import CENTROIDS_CSV, GEO, STATIONS_CSV, read_csv
from tryggsam.core.text import fold
from tryggsam.places.models import Area, AreaLevel
from tryggsam.places.selectors import AreaPointIndex, areas_at_point

pytestmark = pytest.mark.django_db


def levels_and_names(lat: float, lon: float) -> list[tuple[str, str]]:
    return [(a.level, a.name) for a in areas_at_point(lat, lon)]


def test_areas_at_point__liljeholmen(stockholm):
    centroid = next(r for r in read_csv(GEO / CENTROIDS_CSV) if r["stadsdel"] == "LILJEHOLMEN")

    assert levels_and_names(float(centroid["centroid_lat"]), float(centroid["centroid_lon"])) == [
        (AreaLevel.DISTRICT, "Liljeholmen"),
        (AreaLevel.DISTRICT_AREA, "Hägersten-Älvsjö"),
    ]


def test_areas_at_point__on_a_station_gives_place_district_and_district_area(stockholm):
    station = next(r for r in read_csv(GEO / STATIONS_CSV) if r["station"] == "Telefonplan")

    assert levels_and_names(float(station["lat"]), float(station["lon"])) == [
        (AreaLevel.PLACE, "Telefonplan"),
        (AreaLevel.DISTRICT, "Midsommarkransen"),
        (AreaLevel.DISTRICT_AREA, "Hägersten-Älvsjö"),
    ]


def test_areas_at_point__one_query_for_every_level(stockholm, django_assert_num_queries):
    station = next(r for r in read_csv(GEO / STATIONS_CSV) if r["station"] == "Telefonplan")

    with django_assert_num_queries(1):  # the parents come with the candidates (load_demo: 800 queries fewer)
        assert len(levels_and_names(float(station["lat"]), float(station["lon"]))) == 3


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (59.0, 19.5),  # the Baltic Sea
        (59.31889, 18.13956),  # Saltsjön, inside Djurgården's bounding box but outside every district
        (59.86, 17.64),  # Uppsala
        (59.3607, 18.0000),  # Solna, beside the city
        (-33.9, 18.4),  # Cape Town: same longitude, other hemisphere
    ],
)
def test_areas_at_point__outside_every_area(stockholm, lat, lon):
    assert areas_at_point(lat, lon) == []


def test_areas_at_point__every_published_centroid_lies_in_its_district(stockholm):
    for row in read_csv(GEO / CENTROIDS_CSV):
        found = areas_at_point(float(row["centroid_lat"]), float(row["centroid_lon"]))
        districts = [a.folded_name for a in found if a.level == AreaLevel.DISTRICT]
        assert districts == [fold(row["stadsdel"])], row["stadsdel"]
        assert found[-1].level == AreaLevel.DISTRICT_AREA, row["stadsdel"]


def test_areas_at_point__our_own_centroids_lie_in_their_district(stockholm):
    for district in Area.objects.filter(level=AreaLevel.DISTRICT):
        assert district in areas_at_point(district.centroid_lat, district.centroid_lon), district.name


def test_place_search_view__lists_what_the_gazetteer_finds(stockholm, client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("places:search"), {"q": "Stök vid Liljeholmens centrum och i Hägersten-Liljeholmen"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Liljeholmen" in html and "Hägersten-Älvsjö" in html


def test_area_detail_view__shows_districts_and_former_names(stockholm, client, coordinator, area):
    client.force_login(coordinator)

    response = client.get(reverse("public:area", args=[area("Hägersten-Älvsjö", AreaLevel.DISTRICT_AREA).pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Västertorp" in html and "Hägersten-Liljeholmen" in html


def test_area_list_view__shows_the_11_district_areas(stockholm, client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("places:list")).content.decode()

    for name in ("Järva", "Norra innerstaden", "Hägersten-Älvsjö", "Enskede-Årsta-Vantör"):
        assert name in html


def _points() -> list[tuple[float, float]]:
    """Every station, every published centroid, the points outside above, and a grid over the city."""
    points = [(float(r["lat"]), float(r["lon"])) for r in read_csv(GEO / STATIONS_CSV)]
    points += [(float(r["centroid_lat"]), float(r["centroid_lon"])) for r in read_csv(GEO / CENTROIDS_CSV)]
    points += [(59.0, 19.5), (59.31889, 18.13956), (59.3607, 18.0000), (-33.9, 18.4)]
    points += [(59.22 + i * 0.011, 17.80 + j * 0.017) for i in range(20) for j in range(20)]
    return points


def test_area_point_index__answers_as_areas_at_point(stockholm):
    index = AreaPointIndex()

    for lat, lon in _points():
        assert index.at_point(lat, lon) == areas_at_point(lat, lon), (lat, lon)
        assert [a.level for a in index.at_point(lat, lon)] == [a.level for a in areas_at_point(lat, lon)]


def test_area_point_index__one_query_for_a_run(stockholm, django_assert_num_queries):
    with django_assert_num_queries(1):
        index = AreaPointIndex()
        found = [index.at_point(lat, lon) for lat, lon in _points()]

    station = next(r for r in read_csv(GEO / STATIONS_CSV) if r["station"] == "Telefonplan")
    telefonplan = found[[p[0] for p in _points()].index(float(station["lat"]))]
    assert [(a.level, a.name) for a in telefonplan] == [
        (AreaLevel.PLACE, "Telefonplan"),
        (AreaLevel.DISTRICT, "Midsommarkransen"),
        (AreaLevel.DISTRICT_AREA, "Hägersten-Älvsjö"),
    ]
