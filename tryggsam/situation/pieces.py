"""Reading the roll-ups of a span of days in pieces: whole calendar months from the monthly roll-ups and
the other days from the daily ones, cut so that each piece lies wholly inside or outside every period a
picture compares.

Decisions:
- Speed: a year's picture (with its previous period, the same period last year and a 13-month trend)
  reads some 16 monthly rows and the days at the edges of its periods per category and source, instead of
  some 730 daily rows; the counts are summed per piece and per period in SQL, in one statement with an
  index range per piece (one range over the area with OR-ed days made SQLite read all of the area's days).
- The statements are written by hand (the ORM spent more time compiling a query with a CASE per piece
  than SQLite spent running it); the visibility rule is not: it is the policy's Q
  (`permissions.rollup_visible_q`), compiled by Django into the WHERE clause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Model, Q
from django.db.models.sql import Query

from tryggsam.situation.models import DailyRollup, MonthlyRollup


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Piece:
    """Days first..last within one calendar month; `whole` when they are the whole month."""

    first: dt.date
    last: dt.date

    @property
    def whole(self) -> bool:
        return self.first.day == 1 and self.last == next_month(self.first) - dt.timedelta(days=1)


def cut(first: dt.date, last: dt.date, cuts: list[dt.date]) -> list[Piece]:
    """first..last cut at the given days (each starts a piece) and at every first of a month: pieces that
    each lie wholly inside or outside every period that starts at a cut and ends the day before one."""
    starts = {first, *(c for c in cuts if first < c <= last)}
    month = next_month(first)
    while month <= last:
        starts.add(month)
        month = next_month(month)
    ordered = sorted(starts)
    ends = [b - dt.timedelta(days=1) for b in ordered[1:]] + [last]
    return [Piece(a, b) for a, b in zip(ordered, ends, strict=True)]


@lru_cache(maxsize=256)
def _where(model: type[Model], q: Q, vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The policy's filter as SQL on the roll-up table alone (unqualified column names). Remembered per
    filter (a Q compares by its content: the same organisations give the same SQL) and database."""
    query = Query(model, alias_cols=False)
    try:
        sql, params = query.build_where(q).as_sql(query.get_compiler(connection=connection), connection)
    except FullResultSet:  # everything (a superuser)
        return "1 = 1", ()
    except EmptyResultSet:  # nothing
        return "1 = 0", ()
    return (sql or "1 = 1"), tuple(params)


def _days(piece: Piece) -> int:
    return (piece.last - piece.first).days + 1


def _reads(pieces: list[Piece], *, complement: bool) -> tuple[list[Piece], list[dict[int, int]]]:
    """What the statement reads for the pieces (whole months from the monthly roll-ups, other days from
    the daily ones) and how each piece is made of those reads: {read: +1 or -1}. With `complement`, the
    largest piece of a month that is otherwise read day by day is the month's monthly row less the
    month's other days (its other pieces, and the days outside the pieces), when those are fewer days:
    a picture's periods cut several months near their edges (a 30 days' picture read some 120 days
    from the daily roll-ups, now about 30). The monthly roll-up of a month is the sum of its days (both
    are written in one statement per change, `rollups.upsert_counts`)."""
    reads: list[Piece] = []
    index: dict[Piece, int] = {}

    def read(piece: Piece) -> int:
        if piece not in index:
            index[piece] = len(reads)
            reads.append(piece)
        return index[piece]

    made: list[dict[int, int]] = [{} for _ in pieces]
    in_month: dict[dt.date, list[int]] = {}
    for i, piece in enumerate(pieces):
        if piece.whole or not complement:
            made[i] = {read(piece): 1}
        else:
            in_month.setdefault(piece.first.replace(day=1), []).append(i)
    for month, members in in_month.items():
        month_last = next_month(month) - dt.timedelta(days=1)
        members.sort(key=lambda i: pieces[i].first)
        outside, cursor = [], month
        for i in members:
            if pieces[i].first > cursor:
                outside.append(Piece(cursor, pieces[i].first - dt.timedelta(days=1)))
            cursor = pieces[i].last + dt.timedelta(days=1)
        if cursor <= month_last:
            outside.append(Piece(cursor, month_last))
        largest = max(members, key=lambda i: _days(pieces[i]))
        others = [pieces[i] for i in members if i != largest] + outside
        if 1 + sum(_days(p) for p in others) >= _days(pieces[largest]):  # the month's row counts as a day
            for i in members:
                made[i] = {read(pieces[i]): 1}
            continue
        for i in members:
            if i != largest:
                made[i] = {read(pieces[i]): 1}
        made[largest] = {read(Piece(month, month_last)): 1}
        for other in others:
            made[largest][read(other)] = -1
    return reads, made


def _coefficients(group: list[int], made: list[dict[int, int]]) -> dict[int, int]:
    """{read: coefficient} of a group of pieces, reads that cancel out left out."""
    summed: dict[int, int] = {}
    for i in group:
        for read, sign in made[i].items():
            summed[read] = summed.get(read, 0) + sign
    return {read: value for read, value in summed.items() if value}


def _total(coefficients: dict[int, int]) -> str:
    """SQL: the sum of the reads' counts, each times its coefficient."""
    if not coefficients:
        return "0"
    by_value: dict[int, list[int]] = {}
    for read, value in sorted(coefficients.items()):
        by_value.setdefault(value, []).append(read)
    cases = " ".join(
        f"WHEN piece IN ({', '.join(map(str, reads))}) THEN {'n' if value == 1 else '-n' if value == -1 else f'{value} * n'}"
        for value, reads in sorted(by_value.items(), reverse=True)
    )
    # PostgreSQL's SUM of a bigint is a numeric (a Decimal in Python): cast back to an integer.
    return f"CAST(SUM(CASE {cases} ELSE 0 END) AS BIGINT)"


def sums(
    visible: Q,
    area_ids: list[int],
    pieces: list[Piece],
    by: str,
    groups: list[list[int]],
    *,
    complement: bool = False,
) -> list[tuple[Any, ...]]:
    """The visible roll-up counts in the areas per the columns `by` ("category_id, source" or
    "area_id"), summed over each group of pieces (lists of indexes into `pieces`): rows of (*by, the
    sum of each group), in one statement (`_sums_per_read`; on PostgreSQL `_sums_postgresql`). With
    `complement`, fewer days are read (`_reads`), and a row whose sums are all zero may come too."""
    if not pieces:
        return []
    statement = _sums_postgresql if connection.vendor == "postgresql" else _sums_per_read
    return statement(visible, area_ids, pieces, by, groups, complement=complement)


def _sums_per_read(
    visible: Q, area_ids: list[int], pieces: list[Piece], by: str, groups: list[list[int]], *, complement: bool
) -> list[tuple[Any, ...]]:
    """`sums` as a SELECT per read (each an index range on area and period), joined with UNION ALL,
    summed per group around it."""
    adapt = connection.ops.adapt_datefield_value
    quote = connection.ops.quote_name
    areas = ", ".join(["%s"] * len(area_ids))
    # The two tables have the same columns: the policy's filter is compiled once.
    visible_sql, visible_params = _where(DailyRollup, visible, connection.vendor)
    reads, made = _reads(pieces, complement=complement)
    selects: list[str] = []
    params: list[Any] = []
    for index, piece in enumerate(reads):
        model, column = (MonthlyRollup, "month") if piece.whole else (DailyRollup, "day")
        selects.append(
            f"SELECT {index} AS piece, {by}, CAST(SUM({quote('count')}) AS BIGINT) AS n "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} "
            f"WHERE area_id IN ({areas}) AND {column} BETWEEN %s AND %s AND ({visible_sql}) GROUP BY {by}"
        )
        params.extend([*area_ids, adapt(piece.first), adapt(piece.first if piece.whole else piece.last)])
        params.extend(visible_params)
    if complement:
        totals = ", ".join(_total(_coefficients(group, made)) for group in groups)
    else:  # one read per piece
        totals = ", ".join(
            # PostgreSQL's SUM of a bigint is a numeric (a Decimal in Python): cast back to an integer.
            f"CAST(SUM(CASE WHEN piece IN ({', '.join(map(str, group))}) THEN n ELSE 0 END) AS BIGINT)"
            if group
            else "0"
            for group in groups
        )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {by}, {totals} FROM ({' UNION ALL '.join(selects)}) AS pieces GROUP BY {by}", params)  # noqa: S608
        return cursor.fetchall()


def _sums_postgresql(
    visible: Q, area_ids: list[int], pieces: list[Piece], by: str, groups: list[list[int]], *, complement: bool
) -> list[tuple[Any, ...]]:
    """`sums` on PostgreSQL, in a statement that is cheap to plan: PostgreSQL spent longer planning a
    SELECT per read (a year's picture: some 30, each with the policy's filter) than running them. Here
    the reads are arrays (whole months and ranges of days), each still one index range, and each
    group's sum is the counts times the group's coefficient of their read, from an array per group
    (0 for the reads outside it). The rows come ordered by `by`, as the grouped statement gave them."""
    visible_sql, visible_params = _where(DailyRollup, visible, connection.vendor)
    reads, made = _reads(pieces, complement=complement)
    coefficients = [_coefficients(group, made) for group in groups]
    months = [(i + 1, p.first) for i, p in enumerate(reads) if p.whole]
    days = [(i + 1, p.first, p.last) for i, p in enumerate(reads) if not p.whole]
    quote = connection.ops.quote_name
    selects: list[str] = []
    params: list[Any] = []
    # LATERAL and the GROUP BY keep each read an index range of its own (a nested loop over the
    # reads): joined plainly, PostgreSQL read all of the area's days and filtered them by the reads.
    if months:
        selects.append(
            "SELECT r.piece, t.* FROM unnest(%s::int[], %s::date[]) AS r(piece, first_day) CROSS JOIN LATERAL ("  # noqa: S608
            f"SELECT {by}, SUM({quote('count')}) AS n FROM {quote(MonthlyRollup._meta.db_table)} "
            f"WHERE area_id = ANY(%s::bigint[]) AND month = r.first_day AND ({visible_sql}) GROUP BY {by}) AS t"
        )
        params += [[m[0] for m in months], [m[1] for m in months], area_ids, *visible_params]
    if days:
        selects.append(
            "SELECT r.piece, t.* FROM unnest(%s::int[], %s::date[], %s::date[]) AS r(piece, first_day, last_day) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT {by}, SUM({quote('count')}) AS n FROM {quote(DailyRollup._meta.db_table)} "
            f"WHERE area_id = ANY(%s::bigint[]) AND day BETWEEN r.first_day AND r.last_day AND ({visible_sql}) "
            f"GROUP BY {by}) AS t"
        )
        params += [[d[0] for d in days], [d[1] for d in days], [d[2] for d in days], area_ids, *visible_params]
    totals: list[str] = []
    weights: list[Any] = []  # the totals come first in the statement
    for summed in coefficients:
        if summed:
            totals.append("CAST(SUM(n * (%s::int[])[piece]) AS BIGINT)")
            weights.append([summed.get(i, 0) for i in range(len(reads))])
        else:
            totals.append("0")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {by}, {', '.join(totals)} FROM ({' UNION ALL '.join(selects)}) AS pieces "  # noqa: S608
            f"GROUP BY {by} ORDER BY {by}",
            weights + params,
        )
        return cursor.fetchall()
