"""Issue 17, item 5: a drawn polygon is counted from the roll-ups of the districts wholly inside it and
from the raw incidents of the districts its edge crosses (and of those without a district). The figures
must be exactly those of counting every incident raw (`polygon_reference`, the count before the
change), for any polygon: random polygons over a small synthetic city whose incidents are located the
way the services locate them (points on borders and corners, outside every district, known only to a
district or district area, at a named place, without a category, waiting for review, duplicates)."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon, box

from tests.situation.polygon_reference import polygon_tally as reference_tally
from tryggsam.core.models import Classification
from tryggsam.incidents.locating import Location, locate_area, locate_point
from tryggsam.incidents.models import Incident, IncidentSource, Precision, ReviewStatus
from tryggsam.incidents.selectors import incidents_counted
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.geometry import geometry_columns
from tryggsam.places.models import Area, AreaLevel
from tryggsam.situation.models import DailyRollup, MonthlyRollup
from tryggsam.situation.polygon import DrawnArea
from tryggsam.situation.rollups import add_incidents
from tryggsam.situation.selectors import _polygon_tally, periods_of, situation_for

pytestmark = pytest.mark.django_db
END = dt.date(2026, 10, 31)
PERIODS = [(dt.date(2026, 10, 1), END), (dt.date(2025, 11, 1), END), (dt.date(2026, 2, 17), dt.date(2026, 5, 3))]
# The city: 17.995-18.035 E, 59.295-59.325 N, on a grid of 0.0025 degrees (borders and corners are on it).
GRID_LON = [round(17.995 + 0.0025 * i, 4) for i in range(17)]
GRID_LAT = [round(59.295 + 0.0025 * i, 4) for i in range(13)]


def _area(name, level, geometry=None, parent=None):
    columns = geometry_columns(geometry) if geometry is not None else {}
    return Area.objects.create(name=name, level=level, parent=parent, **columns)


@pytest.fixture
def city(police, district_admin):
    """Two district areas (the west one with an outline, the east one without), five districts (one
    concave, one without an outline), a gap between them that belongs to no district, and places: a
    point in a district, a point in the gap (under the district without an outline) and one without a
    point under a district area. Incidents located as the services locate them, counted into the
    roll-ups."""
    west = _area("Väster", AreaLevel.DISTRICT_AREA, box(18.0, 59.3, 18.01, 59.32))
    east = _area("Öster", AreaLevel.DISTRICT_AREA)
    districts = [
        _area("Ankarby", AreaLevel.DISTRICT, box(18.0, 59.3, 18.01, 59.31), west),
        _area("Björkby", AreaLevel.DISTRICT, box(18.0, 59.31, 18.01, 59.32), west),
        _area("Citadellet", AreaLevel.DISTRICT, box(18.01, 59.3, 18.02, 59.31), east),
        _area("Dalby", AreaLevel.DISTRICT, box(18.01, 59.31, 18.02, 59.3175), east),
        # Concave on its west side: the triangle between it and the districts west of it is no district's.
        _area(
            "Ekdalen",
            AreaLevel.DISTRICT,
            Polygon([(18.02, 59.3), (18.03, 59.3), (18.03, 59.32), (18.02, 59.32), (18.025, 59.31)]),
            east,
        ),
    ]
    unmapped = _area("Fjärdsby", AreaLevel.DISTRICT, None, east)
    places = [
        _area("Torget", AreaLevel.PLACE, Point(18.005, 59.305), districts[0]),
        _area("Udden", AreaLevel.PLACE, Point(18.0215, 59.305), unmapped),
        _area("Gläntan", AreaLevel.PLACE, None, west),
    ]
    cats = list(ensure_default_categories().values())[:4]
    rng = random.Random(17)
    incidents = []
    for n in range(420):
        r = rng.random()
        if r < 0.3:  # a map click on the grid: on borders and corners
            location = locate_point(rng.choice(GRID_LAT), rng.choice(GRID_LON))
        elif r < 0.55:  # anywhere in the city, or outside every district
            location = locate_point(round(rng.uniform(59.295, 59.325), 6), round(rng.uniform(17.995, 18.035), 6))
        elif r < 0.6:
            location = locate_point(59.305, 18.005 if r < 0.58 else 18.0215)  # at a place's point
        elif r < 0.72:
            location = locate_area(rng.choice([*districts, unmapped]))
        elif r < 0.78:
            location = locate_area(rng.choice([west, east]))
        elif r < 0.86:
            location = locate_area(rng.choice(places))
        elif r < 0.93:
            location = Location(lat=59.3, lon=18.0, precision=Precision.MUNICIPALITY)
        else:
            location = Location()
        classification = rng.choice(list(Classification.values))
        owner = rng.choice([police, district_admin]) if classification != Classification.OPEN else None
        status = ReviewStatus.PENDING if rng.random() < 0.05 else ReviewStatus.REVIEWED
        incident = Incident.objects.create(
            source=rng.choice([IncidentSource.PARTNER_REPORT, IncidentSource.POLICE_EVENT, IncidentSource.SAFETY_WALK]),
            occurred_at=timezone.make_aware(
                dt.datetime.combine(END - dt.timedelta(days=rng.randrange(800)), dt.time(rng.randrange(24), 30))
            ),
            classification=classification,
            owner_organisation=owner,
            review_status=status,
            duplicate_of=incidents[-1] if incidents and rng.random() < 0.03 else None,
            title=f"Händelse {n}",
            **location.area_fields(),
        )
        chosen = [] if rng.random() < 0.03 else rng.sample(cats, rng.choice([1, 1, 1, 2]))
        incident.categories.set(chosen)
        if owner == district_admin and rng.random() < 0.4:
            incident.shared_with.set([police])
        add_incidents([(incident, [c.pk for c in chosen])])
        incidents.append(incident)
    return {"districts": districts, "unmapped": unmapped, "places": places, "west": west, "east": east}


def _figures(tally, top):
    def nonzero(counts):
        return {k: v for k, v in counts.items() if v}

    return (
        nonzero(tally.now),
        nonzero(tally.previous),
        nonzero(tally.last_year),
        nonzero(tally.sources),
        nonzero(tally.by_month),
        sorted((area.pk, n) for area, n in top),
    )


def _assert_same(users, drawn):
    for user in users:
        for start, end in PERIODS:
            periods = periods_of(start, end)
            assert _figures(*_polygon_tally(user, drawn, periods)) == _figures(*reference_tally(user, drawn, periods))


def _star(lon, lat, radii, turns):
    angles = sorted(turns)
    return ",".join(
        f"{lon + r * math.cos(2 * math.pi * a):.6f} {lat + r * math.sin(2 * math.pi * a) * 0.6:.6f}"
        for r, a in zip(radii, angles, strict=False)
    )


def _parse(text):
    try:
        return DrawnArea.parse(text)
    except ValidationError:
        assume(False)


grid_lon = st.sampled_from(GRID_LON)
grid_lat = st.sampled_from(GRID_LAT)
rectangles = st.tuples(grid_lon, grid_lon, grid_lat, grid_lat).map(
    lambda c: f"{c[0]} {c[2]},{c[1]} {c[2]},{c[1]} {c[3]},{c[0]} {c[3]}"
)
grid_shapes = st.lists(st.tuples(grid_lon, grid_lat), min_size=3, max_size=7, unique=True).map(
    lambda corners: (
        ",".join(f"{x} {y}" for x, y in Polygon(corners).convex_hull.exterior.coords[:-1])
        if Polygon(corners).convex_hull.geom_type == "Polygon"
        else "0 0"
    )
)
stars = st.builds(
    _star,
    st.floats(17.995, 18.035),
    st.floats(59.295, 59.325),
    st.lists(st.floats(0.002, 0.03), min_size=3, max_size=9),
    st.lists(st.floats(0, 1, exclude_max=True), min_size=3, max_size=9, unique=True),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(rectangles, grid_shapes, stars))
def test_polygon_tally__equals_counting_every_incident_raw(city, coordinator, police_member, text):
    _assert_same([coordinator, police_member, AnonymousUser()], _parse(text))


def test_polygon_tally__whole_city_and_single_districts_equal_the_raw_count(city, coordinator, police_member):
    shapes = [
        "17.99 59.29,18.04 59.29,18.04 59.33,17.99 59.33",  # the whole city with a margin
        "18 59.3,18.03 59.3,18.03 59.32,18 59.32",  # the city's outline itself
        "18 59.3,18.01 59.3,18.01 59.31,18 59.31",  # exactly Ankarby
        "18.0215 59.305,18.03 59.3,18.03 59.31",  # through Ekdalen, a corner on Udden's point
    ]
    for text in shapes:
        _assert_same([coordinator, police_member], DrawnArea.parse(text))


def test_cover__inside_edge_and_outside(city):
    ankarby, bjorkby, citadellet, dalby, ekdalen = city["districts"]
    whole = DrawnArea.parse("17.99 59.29,18.04 59.29,18.04 59.33,17.99 59.33").cover()
    assert whole.inside == {d.pk for d in city["districts"]}
    assert whole.edge == {city["unmapped"].pk}  # no outline: where its incidents lie is unknown
    assert city["west"].pk in whole.covered_district_areas  # the east one has no outline
    cut = DrawnArea.parse("18 59.3,18.015 59.3,18.015 59.31,18 59.31").cover()
    assert cut.inside == {ankarby.pk}
    assert cut.edge == {citadellet.pk, bjorkby.pk, dalby.pk, city["unmapped"].pk}  # crossed or touched
    assert ekdalen.pk not in cut.inside | cut.edge  # wholly outside: none of its incidents is read


def test_polygon_tally__reads_the_districts_inside_from_their_rollups(city, coordinator):
    """Tamper with the roll-ups of a district inside and of one on the edge: the first changes the
    drawn area's count (it is read from the roll-ups), the second does not (read raw)."""
    ankarby, bjorkby = city["districts"][:2]
    drawn = DrawnArea.parse("18 59.3,18.01 59.3,18.01 59.315,18 59.315")  # Ankarby and half of Björkby
    periods = periods_of(*PERIODS[1])
    before = _polygon_tally(coordinator, drawn, periods)[0].now
    for district in (ankarby, bjorkby):
        for model, column in ((DailyRollup, "day"), (MonthlyRollup, "month")):
            row = model.objects.filter(area=district, **{f"{column}__gte": PERIODS[1][0]}).order_by(column).first()
            model.objects.filter(pk=row.pk).update(count=row.count + 1000)
    after = _polygon_tally(coordinator, drawn, periods)[0].now
    assert sum(after.values()) - sum(before.values()) == 1000  # Ankarby's monthly roll-up; no daily piece here


def test_situation_for__polygon_suppression_unchanged(city):
    """The public rule applies to the polygon's figures as before (the page refuses polygons to the
    public; the selector still suppresses)."""
    picture = situation_for(
        AnonymousUser(),
        polygon=DrawnArea.parse("18 59.3,18.03 59.3,18.03 59.32,18 59.32"),
        start=PERIODS[0][0],
        end=END,
    )
    assert picture.suppressed
    assert all(row.count is None or row.count == 0 or row.count >= 3 for row in picture.rows)


def test_polygon_raw_rows__without_a_district_read_through_their_partial_index(city, coordinator):
    """The incidents known only to the municipality (most of those without a district) are not read to
    be dropped: SQLite searches the partial index of the few a polygon can count (the plan says so)."""
    drawn = DrawnArea.parse("17.99 59.29,18.04 59.29,18.04 59.33,17.99 59.33")
    unplaced = drawn.raw_q(drawn.cover())[-1]
    sql, params = incidents_counted(coordinator).filter(unplaced).values_list("pk").query.sql_with_params()
    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "incident_unplaced_drawn" in plan, plan
