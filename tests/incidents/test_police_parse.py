"""The police event parser: formats of the real feed, mapping of types, and robustness."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tryggsam.incidents.police import (
    PoliceEvent,
    Rejected,
    category_code_for,
    parse_datetime,
    parse_event,
    parse_name,
)

EVENT = {
    "id": 1001,
    "datetime": "2026-02-18 22:03:10 +01:00",
    "name": "18 februari 20.27, Misshandel, grov, Umeå",
    "summary": "En man grips efter ett bråk.",
    "url": "/aktuellt/handelser/2026/februari/18/test/",
    "type": "Misshandel, grov",
    "location": {"name": "Västerbottens län", "gps": "65.333731,16.516169"},
}


@pytest.mark.parametrize(
    ("event_type", "code"),
    [
        ("Rån", "robbery"),
        ("Rån, försök", "robbery"),
        ("Skadegörelse", "vandalism"),
        ("Narkotikabrott", "drug_dealing"),
        ("Misshandel", "threats_violence"),
        ("Misshandel, grov", "threats_violence"),
        ("Våld/hot mot tjänsteman", "threats_violence"),
        ("Olaga hot", "threats_violence"),
        ("Inbrott", "burglary"),
        ("Inbrott, försök", "burglary"),
        ("Stöld", "burglary"),
        ("Stöld/inbrott", "burglary"),
        ("Brand", "fire"),
        ("Rattfylleri", "reckless_driving"),
        ("Trafikbrott", "reckless_driving"),
        ("Vårdslös körning", "reckless_driving"),
        ("Trafikolycka", "other"),
        ("Sammanfattning natt", "other"),
        ("Arbetsplatsolycka", "other"),
    ],
)
def test_category_code_for__maps_common_types(event_type, code):
    assert category_code_for(event_type) == code


def test_parse_datetime__two_digit_hour():
    assert parse_datetime("2026-02-18 22:03:10 +01:00") == dt.datetime(2026, 2, 18, 21, 3, 10, tzinfo=dt.UTC)


def test_parse_datetime__hour_without_leading_zero():
    parsed = parse_datetime("2025-06-07 7:32:06 +02:00")
    assert parsed == dt.datetime(2025, 6, 7, 5, 32, 6, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["", "igår", "2026-13-01 10:00:00 +01:00", "2026-02-30 10:00:00 +01:00", "2026-02-18"])
def test_parse_datetime__unreadable_is_none(text):
    assert parse_datetime(text) is None


def test_parse_name__time_and_last_part():
    published = parse_datetime("2026-02-18 22:03:10 +01:00")
    occurred, place = parse_name("18 februari 20.27, Trafikolycka, personskada, Huddinge", published)
    assert place == "Huddinge"
    assert occurred == dt.datetime(2026, 2, 18, 19, 27, tzinfo=dt.UTC)


def test_parse_name__december_event_published_in_january_is_last_year():
    published = parse_datetime("2026-01-01 0:15:00 +01:00")
    occurred, _place = parse_name("31 december 23.50, Brand, Malmö", published)
    assert occurred is not None and occurred.year == 2025


def test_parse_event__fields():
    event = parse_event(EVENT, index=1)
    assert isinstance(event, PoliceEvent)
    assert event.external_id == "1001"
    assert event.event_type == "Misshandel, grov"
    assert event.category_code == "threats_violence"
    assert event.municipality == "Umeå"
    assert event.county == "Västerbottens län"
    assert event.url == "https://polisen.se/aktuellt/handelser/2026/februari/18/test/"
    assert event.gps == (65.333731, 16.516169)
    assert event.occurred.astimezone(dt.UTC).hour == 19


def test_parse_event__absolute_url_kept():
    event = parse_event({**EVENT, "url": "https://polisen.se/x/"}, index=1)
    assert isinstance(event, PoliceEvent) and event.url == "https://polisen.se/x/"


def test_parse_event__county_name_gives_no_municipality():
    event = parse_event({**EVENT, "name": "18 februari 07.00, Sammanfattning natt, Hallands län"}, index=1)
    assert isinstance(event, PoliceEvent)
    assert event.municipality == ""
    assert event.county == "Västerbottens län"


def test_parse_event__unreadable_name_falls_back_to_published_time():
    event = parse_event({**EVENT, "name": "Brand"}, index=1)
    assert isinstance(event, PoliceEvent)
    assert event.occurred == event.published


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"id": None}, "id"),
        ({"id": True}, "id"),
        ({"type": ""}, "typ"),
        ({"datetime": None}, "tidpunkt"),
        ({"datetime": "18 februari"}, "tidpunkten"),
    ],
)
def test_parse_event__rejected_with_swedish_reason(change, word):
    rejected = parse_event({**EVENT, **change}, index=7)
    assert isinstance(rejected, Rejected)
    assert "Händelse 7" in rejected.reason and word in rejected.reason


def test_parse_event__not_an_object_is_rejected():
    assert isinstance(parse_event(["id", 1], index=1), Rejected)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
_event_like = st.fixed_dictionaries(
    {},
    optional={
        "id": _json | st.integers(),
        "datetime": _json | st.sampled_from(["2026-02-18 22:03:10 +01:00", "2025-06-07 7:32:06 +02:00"]),
        "name": _json | st.sampled_from(["18 februari 20.27, Brand, Åre", "31 februari 99.99, x, y"]),
        "summary": _json,
        "url": _json | st.sampled_from(["/a/b/", "https://polisen.se/", "//x", "javascript:alert(1)"]),
        "type": _json | st.sampled_from(["Rån", "Brand"]),
        "location": _json | st.fixed_dictionaries({"name": _json, "gps": _json | st.just("59.3,18.0")}),
    },
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_event_like | _json)
def test_parse_event__random_input_never_raises(raw):
    result = parse_event(raw, index=1)
    assert isinstance(result, (PoliceEvent, Rejected))
    if isinstance(result, PoliceEvent):
        assert result.external_id and result.event_type
        assert result.url == "" or result.url.startswith("https://polisen.se/")
        assert result.published.tzinfo is not None and result.occurred.tzinfo is not None


@pytest.mark.parametrize("url", ["//example.com/x", "javascript:alert(1)", "http://polisen.se/x", "https://evil.se/"])
def test_parse_event__links_elsewhere_dropped(url):
    event = parse_event({**EVENT, "url": url}, index=1)
    assert isinstance(event, PoliceEvent) and event.url == ""


@pytest.mark.parametrize("text", ["0001-01-01 00:10:00 +01:00", "9999-12-31 23:59:59 -01:00"])
def test_parse_datetime__out_of_range_year_is_none(text):
    assert parse_datetime(text) is None
