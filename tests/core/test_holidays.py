"""Swedish public holidays and eves (`core.holidays`): Easter by the computus against known dates and
its bounds, the moving holidays on their weekdays, and working days around them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tryggsam.core.holidays import (
    days_off,
    easter_sunday,
    is_working_day,
    working_day_on_or_after,
    working_day_on_or_before,
)

years = st.integers(min_value=1900, max_value=2200)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, (3, 31)),
        (2025, (4, 20)),
        (2026, (4, 5)),
        (2027, (3, 28)),
        (2038, (4, 25)),
        (2285, (3, 22)),
        (2000, (4, 23)),
    ],
)
def test_easter_sunday__known_dates(year, easter):
    assert easter_sunday(year) == dt.date(year, *easter)


@given(years)
def test_easter_sunday__a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6 and dt.date(year, 3, 22) <= easter <= dt.date(year, 4, 25)


@given(years)
def test_days_off__the_moving_days_on_their_weekdays(year):
    off = days_off(year)
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    assert all(dt.date(year, *day) in off for day in fixed)
    assert 14 <= len(off) <= 16  # Kristi himmelsfärd may fall on 1 May (2008), pingst on 6 June
    midsummer_eve = next(d for d in off if d.month == 6 and 19 <= d.day <= 25 and d.weekday() == 4)
    assert midsummer_eve + dt.timedelta(days=1) in off
    assert any(d.weekday() == 5 and (d.month, d.day) >= (10, 31) and (d.month, d.day) <= (11, 6) for d in off)
    ascension = easter_sunday(year) + dt.timedelta(days=39)
    assert ascension.weekday() == 3 and ascension in off


def test_is_working_day__christmas_midsummer_and_an_ordinary_tuesday():
    assert not is_working_day(dt.date(2026, 12, 24))  # julafton, a Thursday
    assert not is_working_day(dt.date(2026, 12, 25))
    assert not is_working_day(dt.date(2026, 6, 19))  # midsommarafton
    assert not is_working_day(dt.date(2026, 1, 6))  # trettondedag jul, a Tuesday
    assert not is_working_day(dt.date(2026, 12, 5))  # a Saturday
    assert is_working_day(dt.date(2026, 12, 8))
    assert working_day_on_or_after(dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)
    assert working_day_on_or_before(dt.date(2026, 12, 24)) == dt.date(2026, 12, 23)
    assert working_day_on_or_after(dt.date(2026, 12, 8)) == dt.date(2026, 12, 8)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2199, 12, 1)))
def test_working_day_near__a_working_day_within_a_week(day):
    after, before = working_day_on_or_after(day), working_day_on_or_before(day)
    assert is_working_day(after) and is_working_day(before)
    assert 0 <= (after - day).days <= 5 and 0 <= (day - before).days <= 5
