import datetime as dt

import pytest

from tryggsam.priorities.periods import Period, PeriodError, last_ended, parse_period, period_containing


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [(1, dt.date(2026, 1, 1), dt.date(2026, 4, 30)), (2, dt.date(2026, 5, 1), dt.date(2026, 8, 31)),
     (3, dt.date(2026, 9, 1), dt.date(2026, 12, 31))],
)  # fmt: skip
def test_tertial__january_april_may_august_september_december(number, start, end):
    period = Period("tertial", 2026, number)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [(1, dt.date(2026, 1, 1), dt.date(2026, 3, 31)), (2, dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
     (3, dt.date(2026, 7, 1), dt.date(2026, 9, 30)), (4, dt.date(2026, 10, 1), dt.date(2026, 12, 31))],
)  # fmt: skip
def test_quarter__three_months_each(number, start, end):
    period = Period("quarter", 2026, number)
    assert (period.start, period.end) == (start, end)


def test_period__days_count_a_leap_february():
    assert Period("tertial", 2024, 1).days == 121
    assert Period("tertial", 2025, 1).days == 120
    assert Period("quarter", 2024, 1).days == 91


def test_period__previous_crosses_the_year_and_same_period_last_year():
    assert Period("tertial", 2026, 1).previous() == Period("tertial", 2025, 3)
    assert Period("tertial", 2026, 3).previous() == Period("tertial", 2026, 2)
    assert Period("quarter", 2026, 1).previous() == Period("quarter", 2025, 4)
    assert Period("quarter", 2026, 3).same_last_year() == Period("quarter", 2025, 3)
    assert Period("tertial", 2026, 2).same_last_year() == Period("tertial", 2025, 2)


def test_last_ended__the_period_before_the_one_running_today():
    assert last_ended("tertial", dt.date(2026, 5, 1)) == Period("tertial", 2026, 1)
    assert last_ended("tertial", dt.date(2026, 4, 30)) == Period("tertial", 2025, 3)
    assert last_ended("tertial", dt.date(2026, 12, 6)) == Period("tertial", 2026, 2)
    assert last_ended("quarter", dt.date(2026, 1, 15)) == Period("quarter", 2025, 4)
    assert period_containing("quarter", dt.date(2026, 11, 30)) == Period("quarter", 2026, 4)


def test_parse_period__keys_round_trip():
    assert parse_period("2026-T2", "tertial") == Period("tertial", 2026, 2)
    assert parse_period("2026-K4", "quarter") == Period("quarter", 2026, 4)
    assert Period("quarter", 2026, 4).key == "2026-K4"


@pytest.mark.parametrize(
    ("key", "rhythm"),
    [("", "tertial"), ("2026-T4", "tertial"), ("2026-T0", "tertial"), ("2026-K1", "tertial"),
     ("2026-T1", "quarter"), ("2026-K5", "quarter"), ("0001-T1", "tertial"), ("9999-T1", "tertial"),
     ("2026-T1; DROP", "tertial"), ("2026-t1", "tertial"), ("x" * 5000, "tertial"), ("2026-T1\n", "tertial")],
)  # fmt: skip
def test_parse_period__anything_else_is_a_swedish_error(key, rhythm):
    with pytest.raises(PeriodError) as error:
        parse_period(key, rhythm)
    assert "eriod" in str(error.value)
