"""The police import's fast paths give what the general ones give: the datetime and the name read by
position against the patterns (on the recorded feed in ../shared/data/polisen and on odd input), and
the per-run locator (one query per distinct area) against `locate_text`."""

import datetime as dt
from collections import Counter

import hypothesis
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import strategies as st

from tryggsam.incidents.locating import TextLocator, locate_text
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police import (
    SWEDISH_TIME,
    PoliceEvent,
    Rejected,
    _fixed_datetime,
    _fixed_name,
    _local_year_month,
    _pattern_datetime,
    _pattern_name,
    locate_event,
    parse_event,
)
from tryggsam.incidents.police_import import import_events


def same_instant_and_offset(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a, a.utcoffset(), a.replace(tzinfo=None)) == (b, b.utcoffset(), b.replace(tzinfo=None))


def test_fixed_datetime__reads_every_datetime_of_the_recorded_feed_as_the_pattern_does(police_sample):
    texts = [event["datetime"] for event in police_sample]
    assert {len(t) for t in texts} == {25, 26}  # both the one- and the two-digit hour occur
    for text in texts:
        fixed = _fixed_datetime(text)
        assert fixed is not None, text
        assert same_instant_and_offset(fixed, _pattern_datetime(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-18 22:03:10 -05:30",
        "2026-02-18 22:03:10 +00:00",
        "2026-02-30 22:03:10 +01:00",  # no such day
        "2026-02-18 24:03:10 +01:00",
        "2026-02-18 22:03:10 +24:00",  # an offset of a day
        "1989-02-18 22:03:10 +01:00",  # before MIN_YEAR
        "2026-02-18T22:03:10 +01:00",
        "2026-02-18 22:03 +01:00",
        "2026-02-18 22:03:10 +0100",
        "2026-02-18 ٢٢:03:10 +01:00",  # Arabic-Indic digits: only the pattern reads them
        "2026-2-18 22:03:10 +01:00",
        " 2026-02-18 7:03:10 +01:00",
    ],
)
def test_fixed_datetime__odd_shapes_read_as_the_pattern_or_left_to_it(text):
    fixed = _fixed_datetime(text)
    assert fixed is None or same_instant_and_offset(fixed, _pattern_datetime(text))


@hypothesis.given(
    st.text(alphabet="0123456789-: +T٢", max_size=27)
    | st.from_regex(r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2} [+-]\d{2}:\d{2}", fullmatch=True)
)
def test_fixed_datetime__never_disagrees_with_the_pattern(text):
    fixed = _fixed_datetime(text)
    assert fixed is None or same_instant_and_offset(fixed, _pattern_datetime(text))


def test_fixed_name__reads_every_name_of_the_recorded_feed_as_the_pattern_does(police_sample):
    names = [event["name"] for event in police_sample]
    read = [n for n in names if _fixed_name(n) is not None]
    assert len(read) == len(names)
    for name in names:
        assert _fixed_name(name) == _pattern_name(name), name


@pytest.mark.parametrize(
    "name",
    [
        "18 februari 20.27, Brand, Åre",
        "  7 mars 7:05 , Rån, Malmö",
        "18 februari 20.27 Brand",  # no comma
        "18 februari 20.2, Brand",
        "118 februari 20.27, Brand",
        "18 feb_ 20.27, Brand",
        "18 februari 20.27, Brand\nmed en rad till",
        "18 februari 20.27, Brand\n",
        "١٨ februari 20.27, Brand",  # Arabic-Indic digits: only the pattern reads them
        "18  februari\u00a020.27\u2003, Brand",
        "Sammanfattning natt, Stockholms län",
    ],
)
def test_fixed_name__odd_names_read_as_the_pattern_or_left_to_it(name):
    fixed = _fixed_name(name)
    assert fixed is None or fixed == _pattern_name(name)


@hypothesis.given(st.text(alphabet="0123456789 .:,abfjmr\n\u00a0١_", max_size=30))
def test_fixed_name__never_disagrees_with_the_pattern(name):
    fixed = _fixed_name(name)
    assert fixed is None or fixed == _pattern_name(name)


@hypothesis.given(
    local=st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2200, 12, 31)),
    minutes=st.integers(-(24 * 60 - 1), 24 * 60 - 1),
)
def test_local_year_month__without_astimezone_as_with_it(local, minutes):
    """From the 2nd to the 26th the publication's own year and month are read: the same as converting it
    to Swedish time, for every offset the parser accepts (under a day) and across both clock changes."""
    published = local.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    swedish = published.astimezone(SWEDISH_TIME)
    assert _local_year_month(published) == (swedish.year, swedish.month)


@pytest.mark.parametrize("day", [1, 2, 26, 27, 28, 31])
@pytest.mark.parametrize("offset", ["-23:59", "-11:00", "-00:30", "+01:00", "+02:00", "+14:00", "+23:59"])
def test_local_year_month__around_the_turn_of_a_month(day, offset):
    for clock in ("00:00:00", "00:59:59", "12:00:00", "21:59:59", "22:00:00", "23:59:59"):
        published = dt.datetime.fromisoformat(f"2026-{'01' if day > 28 else '02'}-{day:02d} {clock}{offset}")
        swedish = published.astimezone(SWEDISH_TIME)
        assert _local_year_month(published) == (swedish.year, swedish.month)


def location_fields(location) -> tuple:
    if location is None:
        return ()
    return (
        location.lat,
        location.lon,
        location.precision,
        location.place and location.place.pk,
        location.district and location.district.pk,
        location.district_area and location.district_area.pk,
    )


def event_in_stockholm(external_id: str, summary: str) -> dict:
    return {
        "id": external_id,
        "datetime": "2026-02-18 22:03:10 +01:00",
        "name": "18 februari 20.27, Brand, Stockholm",
        "summary": summary,
        "url": "/aktuellt/handelser/",
        "type": "Brand",
        "location": {"name": "Stockholm", "gps": "59.329324,18.068581"},
    }


def test_text_locator__two_texts_naming_the_same_place_one_area_query(stockholm, db):
    locator = TextLocator()
    first = locator.locate("Brand i en källare i Rinkeby.")
    assert first is not None and first.district is not None and first.district.name == "Rinkeby"
    with CaptureQueriesContext(connection) as queries:
        second = locator.locate("Två bilar krockade i Rinkeby i kväll.")
    assert len(queries) == 0
    assert location_fields(second) == location_fields(first) == location_fields(locate_text("Rinkeby brinner"))
    assert locator.locate("Ingen plats nämns här.") is None


def test_locate_event__with_a_locator_as_without_on_the_recorded_feed(stockholm, db, police_sample):
    events = [e for i, raw in enumerate(police_sample, 1) if isinstance(e := parse_event(raw, index=i), PoliceEvent)]
    placed_by_text = [event for event in events if locate_event(event).district is not None]
    assert placed_by_text  # the sample has Stockholm events whose summary names a district
    locator = TextLocator()
    for event in events:
        assert location_fields(locate_event(event, locator)) == location_fields(locate_event(event)), event


def test_import_events__one_area_query_per_distinct_place_not_per_event(stockholm, db):
    summaries = ["Brand i Rinkeby.", "Bråk i Vällingby.", "Rån i Rinkeby.", "Skadegörelse i Rinkeby.", "Vällingby"]
    raw = [event_in_stockholm(f"snabb-{k}", text) for k, text in enumerate(summaries)]
    assert not any(isinstance(parse_event(e, index=1), Rejected) for e in raw)
    with CaptureQueriesContext(connection) as queries:
        result = import_events(raw, source_label="test")
    assert result.created == 5
    by_area = Counter(
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "places_area"' in q["sql"] and '"places_area"."id" =' in q["sql"]
    )
    assert sum(by_area.values()) == 2  # Rinkeby and Vällingby, once each
    districts = dict(
        Incident.objects.filter(source=IncidentSource.POLICE_EVENT, external_id__startswith="snabb-").values_list(
            "external_id", "district__name"
        )
    )
    assert districts == {
        "snabb-0": "Rinkeby",
        "snabb-1": "Vällingby",
        "snabb-2": "Rinkeby",
        "snabb-3": "Rinkeby",
        "snabb-4": "Vällingby",
    }
