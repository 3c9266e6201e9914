"""Querysets compiled to SQL once per process, run afresh on every read.

Building a queryset (`filter`, Django's `add_q`) and compiling it (`as_sql`) cost a page with a few
small lists more CPU than the database spent answering them: the situation page spent about a third
of its time so. `CompiledQueries.rows(key, build)` compiles `build()` the first time it sees `key` and
afterwards runs the kept statement with its parameters. Only the statement is kept, never rows: every
call reads the database, so a new or changed record shows at once.

The key must hold everything the statement depends on: what the policy's filter depends on (the
reader's `permissions.reading_audience`, when the queryset is filtered by the policy) and every value
the caller puts in it (area ids, statuses). A statement with values that change by themselves (the
time of day) must not be kept. The rows pass through Django's converters, as a `values_list()` gives
them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


class _Statement:
    __slots__ = ("converters", "database", "params", "sql")

    def __init__(self, database: str, sql: str | None, params: tuple[Any, ...], converters: Any) -> None:
        self.database, self.sql, self.params, self.converters = database, sql, params, converters


class CompiledQueries:
    """At most `maxsize` statements, the least recently used dropped first (one per key)."""

    def __init__(self, *, maxsize: int = 1024) -> None:
        self.maxsize = maxsize
        self._statements: OrderedDict[Hashable, _Statement] = OrderedDict()
        self._lock = Lock()

    def _compile(self, queryset: QuerySet[Any]) -> _Statement:
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. `pk__in=[]`: no rows, no statement
            return _Statement(queryset.db, None, (), [])
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        return _Statement(queryset.db, sql, tuple(params), compiler.get_converters(fields))

    def rows(self, key: Hashable, build: Callable[[], QuerySet[Any]]) -> list[tuple[Any, ...]]:
        """The rows of `build()` (a `values_list()` queryset, not flat), compiled once per key."""
        with self._lock:
            statement = self._statements.get(key)
            if statement is not None:
                self._statements.move_to_end(key)
        if statement is None:
            statement = self._compile(build())
            with self._lock:
                self._statements[key] = statement
                while len(self._statements) > self.maxsize:
                    self._statements.popitem(last=False)
        if statement.sql is None:
            return []
        connection = connections[statement.database]
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, statement.params)
            rows = cursor.fetchall()
        if not statement.converters:
            return [tuple(row) for row in rows]
        return _apply(rows, statement.converters, connection)

    def clear(self) -> None:
        with self._lock:
            self._statements.clear()

    def __len__(self) -> int:
        return len(self._statements)


def _apply(rows: list[Any], converters: dict[int, tuple[list[Any], Any]], connection: Any) -> list[tuple[Any, ...]]:
    """What `SQLCompiler.apply_converters` does (the converters of each column, in order)."""
    out = []
    for row in rows:
        values = list(row)
        for pos, (column_converters, expression) in converters.items():
            value = values[pos]
            for converter in column_converters:
                value = converter(value, expression, connection)
            values[pos] = value
        out.append(tuple(values))
    return out
