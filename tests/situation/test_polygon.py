"""The situation picture for a polygon drawn on the map (issue 5): counted from the raw incidents
inside it, under the same policy and into the same figures as an area's roll-up-based picture."""

import datetime as dt
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from shapely.geometry import Point, Polygon

from tests.factories import AreaFactory, OrganisationFactory
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.polygon import MAX_VERTICES, DrawnArea
from tryggsam.situation.rollups import add_incidents
from tryggsam.situation.selectors import situation_for

pytestmark = pytest.mark.django_db
END = dt.date(2026, 10, 31)
START = dt.date(2026, 10, 1)
# Torgby is the factories' square (18.00-18.01 E, 59.30-59.31 N); Ängsby the square east of it.
TORGBY = "18 59.3,18.01 59.3,18.01 59.31,18 59.31"
ANGSBY_GEOMETRY = (
    '{"type":"Polygon","coordinates":[[[18.01,59.3],[18.02,59.3],[18.02,59.31],[18.01,59.31],[18.01,59.3]]]}'
)
TRIANGLE = "18.001 59.301,18.009 59.301,18.005 59.309"


@pytest.fixture
def areas():
    district_area = AreaFactory(
        name="Söderort väst",
        level=AreaLevel.DISTRICT_AREA,
        geometry="",
        min_lat=None,
        min_lon=None,
        max_lat=None,
        max_lon=None,
    )
    torgby = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=district_area)
    angsby = AreaFactory(
        name="Ängsby",
        level=AreaLevel.DISTRICT,
        parent=district_area,
        geometry=ANGSBY_GEOMETRY,
        centroid_lon=18.015,
        min_lon=18.01,
        max_lon=18.02,
    )
    square = AreaFactory(name="Parkeringen norr", level=AreaLevel.PLACE, parent=torgby, geometry="")
    return district_area, torgby, angsby, square


def _incident(
    category,
    day,
    *,
    district,
    lat=None,
    lon=None,
    place=None,
    precision=Precision.PLACE,
    classification=Classification.INTERNAL,
    owner=None,
    shared_with=(),
    source=IncidentSource.PARTNER_REPORT,
):
    """An incident as the services store it (linked at every level) and counted into the roll-ups."""
    if lat is None and precision != Precision.PLACE:
        lat, lon = district.centroid_lat, district.centroid_lon
    incident = Incident.objects.create(
        source=source,
        occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 15))),
        lat=lat,
        lon=lon,
        precision=precision,
        place=place,
        district=district,
        district_area=district.parent,
        classification=classification,
        owner_organisation=owner,
    )
    incident.categories.add(category)
    if shared_with:
        incident.shared_with.set(shared_with)
    add_incidents([(incident, [category.pk])])
    return incident


def _counts(picture):
    return {row.category.code: row.count for row in picture.rows}


def test_drawn_area_parse__round_trips_the_compact_form():
    drawn = DrawnArea.parse(" 18.001 59.301, 18.009 59.301 ,18.005 59.309,18.001 59.301")  # closed ring too
    assert drawn.vertex_count == 3
    assert DrawnArea.parse(drawn.text) == drawn
    assert drawn.polygon.equals(Polygon([(18.001, 59.301), (18.009, 59.301), (18.005, 59.309)]))
    assert 0.1 < drawn.area_km2 < 0.3
    assert str(drawn) == drawn.text


def _ring(n, lon=18.05, lat=59.3, radius=0.01):
    import math

    return ",".join(
        f"{lon + radius * math.cos(2 * math.pi * i / n):.6f} {lat + radius * math.sin(2 * math.pi * i / n):.6f}"
        for i in range(n)
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("18.0 59.3,18.01 59.31,18.01 59.3,18.0 59.31", "korsar sig självt"),  # a bow tie
        (_ring(MAX_VERTICES + 1), "för många hörn"),
        ("18.0 59.3," * 5000, "för många hörn"),
        ("hej hopp", "kunde inte läsas"),
        ("18.0 59.3,18.01,18.01 59.31", "kunde inte läsas"),
        ("nan 59.3,18.01 59.3,18.01 59.31", "kunde inte läsas"),
        ("18.0 59.3;18.01 59.3;18.01 59.31", "kunde inte läsas"),
        ("59.3 18.0,59.3 18.01,59.31 18.01", "bytt plats"),  # latitude and longitude swapped
        ("18.0 95.3,18.01 95.3,18.01 95.31", "bytt plats"),  # latitude beyond the pole
        ("18.0 59.3,18.01 59.3", "minst tre"),
        ("18.0 59.3,18.01 59.3,18.02 59.3", "tomt"),  # on a line
        ("11.0 56.0,24.0 56.0,24.0 68.0,11.0 68.0", "för stort"),  # all of Sweden
    ],
)
def test_drawn_area_parse__refuses_with_a_swedish_message(text, message):
    with pytest.raises(ValidationError) as caught:
        DrawnArea.parse(text)
    assert message in " ".join(caught.value.messages)


def test_situation_for__polygon_counts_the_visible_raw_incidents_inside(areas, coordinator, police_member, police):
    cats = ensure_default_categories()
    _district_area, torgby, angsby, _square = areas
    graffiti, litter = cats["graffiti"], cats["litter"]
    triangle = DrawnArea.parse(TRIANGLE)
    inside = [(59.302, 18.005), (59.305, 18.005), (59.303, 18.003)]
    outside = [(59.308, 18.0015), (59.3085, 18.0085), (59.305, 18.015)]  # in the bounding box or next door
    for lat, lon in inside:
        _incident(graffiti, END, district=torgby, lat=lat, lon=lon)
    for lat, lon in outside:
        _incident(graffiti, END, district=torgby if lon < 18.01 else angsby, lat=lat, lon=lon)
    _incident(litter, END, district=torgby, lat=59.304, lon=18.006, source=IncidentSource.POLICE_EVENT)
    _incident(litter, END, district=torgby, lat=59.3045, lon=18.0055, classification="restricted", owner=police)
    _incident(litter, END, district=torgby, precision=Precision.DISTRICT)  # at Torgby's centre, not all inside
    _incident(litter, END - dt.timedelta(days=40), district=torgby, lat=59.302, lon=18.005)  # previous period

    picture = situation_for(coordinator, polygon=triangle, start=START, end=END)
    assert _counts(picture) == {"graffiti": 3, "litter": 1}  # the police's restricted one is not theirs
    assert picture.total == 4 and picture.area is None and picture.polygon == triangle
    assert picture.by_source == {"partner_report": 3, "police_event": 1}
    rows = {r.category.code: r for r in picture.rows}
    assert rows["litter"].previous.before == 1 and rows["graffiti"].previous.before == 0
    assert rows["graffiti"].trend[-1] == 3 and len(rows["graffiti"].trend) == 13
    assert _counts(situation_for(police_member, polygon=triangle, start=START, end=END)) == {
        "graffiti": 3,
        "litter": 2,
    }

    # The same as testing every visible incident of the period one by one.
    shape = triangle.polygon
    expected = sum(
        1
        for i in Incident.objects.filter(occurred_at__date__gte=START, classification="internal")
        if i.precision == Precision.PLACE and shape.covers(Point(i.lon, i.lat))
    )
    assert picture.total == expected


def test_situation_for__polygon_of_a_district_matches_its_rollup_picture(areas, police, coordinator, police_member):
    cats = ensure_default_categories()
    _district_area, torgby, angsby, square = areas
    school = OrganisationFactory(name="Skolan")
    categories = [cats["graffiti"], cats["litter"], cats["robbery"], cats["drug_dealing"]]
    rng = random.Random(11)
    for _ in range(400):
        district = rng.choice([torgby, torgby, angsby])
        west = 18.0 if district == torgby else 18.01
        lat, lon = rng.uniform(59.3001, 59.3099), rng.uniform(west + 0.0001, west + 0.0099)
        precision = rng.choice([Precision.PLACE] * 4 + [Precision.DISTRICT])
        classification = rng.choice(["open", "open", "internal", "restricted"])
        owner = rng.choice([police, school]) if classification == "restricted" else None
        _incident(
            rng.choice(categories),
            END - dt.timedelta(days=rng.randrange(420)),
            district=district,
            lat=lat if precision == Precision.PLACE else None,
            lon=lon if precision == Precision.PLACE else None,
            place=square if district == torgby and precision == Precision.PLACE and rng.random() < 0.3 else None,
            precision=precision,
            classification=classification,
            owner=owner,
            shared_with=[police] if owner == school and rng.random() < 0.5 else (),
            source=rng.choice([IncidentSource.PARTNER_REPORT, IncidentSource.POLICE_EVENT]),
        )
    drawn = DrawnArea.parse(TORGBY)
    for user in (coordinator, police_member, AnonymousUser()):
        for start in (START, dt.date(2026, 1, 1)):
            by_area = situation_for(user, area=torgby, start=start, end=END)
            by_polygon = situation_for(user, polygon=drawn, start=start, end=END)

            def figures(picture):
                return [
                    (r.category.code, r.count, r.previous.before, r.previous.p_value, r.last_year.before, r.trend)
                    for r in picture.rows
                ]

            assert figures(by_polygon) == figures(by_area)
            assert by_polygon.total == by_area.total and by_polygon.total
            assert by_polygon.by_source == by_area.by_source
            assert by_polygon.top_places == by_area.top_places
            assert by_polygon.suppressed == by_area.suppressed


def test_situation_for__polygon_suppresses_small_counts_for_the_public(areas):
    cats = ensure_default_categories()
    torgby = areas[1]
    for _ in range(2):
        _incident(cats["fire"], END, district=torgby, lat=59.303, lon=18.005, classification="open")
    for _ in range(3):
        _incident(cats["graffiti"], END, district=torgby, lat=59.303, lon=18.005, classification="open")
    for _ in range(5):
        _incident(cats["robbery"], END, district=torgby, lat=59.303, lon=18.005)  # internal
    picture = situation_for(AnonymousUser(), polygon=DrawnArea.parse(TRIANGLE), start=START, end=END)
    assert picture.suppressed and _counts(picture) == {"graffiti": 3, "fire": None}
    # Neither the total nor the sources may reveal the suppressed 2: only what is shown is summed.
    assert picture.total == 3 and picture.by_source == {}
    fire = next(r for r in picture.rows if r.category.code == "fire")
    assert fire.previous.p_value is None and set(fire.trend) <= {0, None} and None in fire.trend


def test_situation_page__polygon_picture_and_errors(client, areas, coordinator):
    cats = ensure_default_categories()
    _incident(cats["litter"], END, district=areas[1], lat=59.303, lon=18.005)
    client.force_login(coordinator)
    params = {"polygon": TRIANGLE, "start": "2026-10-01", "end": "2026-10-31"}
    response = client.get("/lagesbild/bild/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ritat område, 2026-10-01–2026-10-31" in html and "Nedskräpning" in html
    assert "Nedskräpning i det ritade området" in html  # the summary names it
    assert "rapport.pdf" not in html and 'name="frequency"' not in html  # no report for a drawn area yet
    assert 'name="polygon"' in html and "data-label-draw" in html

    for polygon in ("18.0 59.3,18.01 59.31,18.01 59.3,18.0 59.31", "59.3 18.0,59.3 18.01,59.31 18.01", "x" * 9000):
        response = client.get("/lagesbild/bild/", {**params, "polygon": polygon})
        assert response.status_code == 400
        assert "Ritat område:" in response.content.decode()
    both = client.get("/lagesbild/bild/", {**params, "area": areas[1].pk})
    assert both.status_code == 400 and "inte båda" in both.content.decode()
    neither = client.get("/lagesbild/bild/", {"start": "2026-10-01", "end": "2026-10-31"})
    assert neither.status_code == 200 and "rita ett på kartan" in neither.content.decode()
    assert client.get("/lagesbild/bild/").status_code == 200  # the empty page shows the map to draw on
    assert client.get("/lagesbild/bild/rapport.pdf", params).status_code == 400


def test_situation_map__polygon_layers(client, areas, coordinator):
    cats = ensure_default_categories()
    _incident(cats["litter"], END, district=areas[1], lat=59.303, lon=18.005)
    _incident(cats["litter"], END, district=areas[1], lat=59.308, lon=18.0015)  # in the box, outside
    client.force_login(coordinator)
    data = client.get("/lagesbild/bild/karta.json", {"polygon": TRIANGLE, "start": "2026-10-01", "end": "2026-10-31"})
    layers = data.json()
    assert [(p["lat"], p["lon"]) for p in layers["points"]] == [(59.303, 18.005)]
    assert layers["boundaries"]["features"][0]["properties"]["level"] == "drawn"
    assert layers["hotspots"]["type"] == "FeatureCollection"
    assert client.get("/lagesbild/bild/karta.json", {"polygon": "1 2", "start": "2026-10-01"}).status_code == 400


def test_situation_api__polygon_same_shape_and_numbers(client, areas, coordinator):
    cats = ensure_default_categories()
    for _ in range(4):
        _incident(cats["robbery"], END, district=areas[1], lat=59.303, lon=18.005)
    client.force_login(coordinator)
    period = {"from": "2026-10-01", "to": "2026-10-31"}
    by_area = client.get("/api/v1/situation", {"area": areas[1].pk, **period}).json()
    response = client.get("/api/v1/situation", {"polygon": TRIANGLE, **period})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == set(by_area)
    assert data["area"] is None and data["polygon"] == DrawnArea.parse(TRIANGLE).text
    assert data["area_name"] == "Ritat område" and by_area["polygon"] is None
    assert data["total"] == 4 and data["categories"] == by_area["categories"]

    bad = client.get("/api/v1/situation", {"polygon": "59.3 18.0,59.3 18.01,59.31 18.01", **period})
    assert bad.status_code == 400 and "bytt plats" in bad.json()["detail"]
    assert client.get("/api/v1/situation", {"polygon": "garbage", **period}).status_code == 400
    assert client.get("/api/v1/situation", period).status_code == 400
    assert client.get("/api/v1/situation", {"area": areas[1].pk, "polygon": TRIANGLE, **period}).status_code == 400


def test_polygon__refused_without_login_on_page_api_and_map(client, areas):
    params = {"polygon": TRIANGLE, "start": "2026-10-01", "end": "2026-10-31"}
    page = client.get("/lagesbild/bild/", params)
    assert page.status_code == 400 and "Logga in för att rita ett eget område" in page.content.decode()
    api = client.get("/api/v1/situation", {"polygon": TRIANGLE, "from": "2026-10-01", "to": "2026-10-31"})
    assert api.status_code == 403
    assert client.get("/lagesbild/bild/karta.json", params).status_code == 400


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "0001-01-31"), ("9999-12-01", "9999-12-31")])
def test_situation__dates_out_of_range_are_a_swedish_error_not_a_crash(client, areas, coordinator, start, end):
    client.force_login(coordinator)
    page = client.get("/lagesbild/bild/", {"area": areas[1].pk, "start": start, "end": end})
    assert page.status_code == 200 and "Välj ett datum mellan 1900 och nästa år." in page.content.decode()
    api = client.get("/api/v1/situation", {"area": areas[1].pk, "from": start, "to": end})
    assert api.status_code == 400
    assert (
        client.get("/lagesbild/bild/karta.json", {"area": areas[1].pk, "start": start, "end": end}).status_code == 400
    )


def test_situation_page__polygon_shows_open_problems_of_places_inside(client, areas, coordinator):
    from tests.factories import ProblemFactory
    from tryggsam.places.models import AreaLevel

    inside = AreaFactory(
        name="Lekplatsen vid ån", level=AreaLevel.PLACE, parent=areas[1], centroid_lat=59.303, centroid_lon=18.005
    )
    outside = AreaFactory(
        name="Busstorget väst", level=AreaLevel.PLACE, parent=areas[1], centroid_lat=59.35, centroid_lon=18.1
    )
    ProblemFactory(area=inside, title="Krossat glas vid gungorna")
    ProblemFactory(area=outside, title="Klotter på torget")
    client.force_login(coordinator)
    html = client.get(
        "/lagesbild/bild/", {"polygon": TRIANGLE, "start": "2026-10-01", "end": "2026-10-31"}
    ).content.decode()
    assert "Krossat glas vid gungorna" in html and "Klotter på torget" not in html
