"""`situation.pieces`: with `complement`, the largest piece of a month otherwise read day by day is
the month's monthly roll-up less the month's other days; every piece must still be exactly its days."""

import datetime as dt
import random

import pytest

from tryggsam.situation.pieces import Piece, _reads, cut
from tryggsam.situation.selectors import _cut, periods_of


def _days_of(piece: Piece) -> set[dt.date]:
    return {piece.first + dt.timedelta(days=i) for i in range((piece.last - piece.first).days + 1)}


def _read_days(piece: Piece) -> set[dt.date]:
    # A whole month is read from the monthly roll-up: every day of it.
    return _days_of(piece)


def _check(parts: list[Piece]) -> tuple[int, int]:
    plain, _ = _reads(parts, complement=False)
    reads, made = _reads(parts, complement=True)
    for piece, coefficients in zip(parts, made, strict=True):
        weight: dict[dt.date, int] = {}
        for read, sign in coefficients.items():
            for day in _read_days(reads[read]):
                weight[day] = weight.get(day, 0) + sign
        assert {day for day, w in weight.items() if w} == _days_of(piece)
        assert all(w in (0, 1) for w in weight.values())

    def daily(rs: list[Piece]) -> int:
        return sum(len(_days_of(r)) for r in rs if not r.whole)

    return daily(plain), daily(reads)


@pytest.mark.parametrize("days", [1, 7, 30, 31, 90, 365, 366, 1000])
def test_reads__each_piece_is_its_days_and_fewer_days_are_read(days):
    rng = random.Random(days)
    for _ in range(60):
        end = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1200))
        parts, *_ = _cut(periods_of(end - dt.timedelta(days=days - 1), end))
        before, after = _check(parts)
        assert after <= before


def test_reads__a_30_days_picture_reads_a_quarter_of_the_days():
    parts, *_ = _cut(periods_of(dt.date(2026, 11, 7), dt.date(2026, 12, 7)))
    before, after = _check(parts)
    assert (before, after) == (123, 32)


def test_reads__without_complement_one_read_per_piece():
    parts = cut(dt.date(2026, 1, 15), dt.date(2026, 3, 10), [dt.date(2026, 2, 20)])
    reads, made = _reads(parts, complement=False)
    assert reads == parts and made == [{i: 1} for i in range(len(parts))]
