"""`core.compiled.CompiledQueries`: a statement compiled once per key gives what the queryset gives,
converters included, and reads the rows afresh on every call."""

import datetime as dt

import pytest

from tests.factories import AreaFactory, ProblemFactory
from tryggsam.casework.models import Problem
from tryggsam.core.compiled import CompiledQueries

pytestmark = pytest.mark.django_db


def test_rows__as_values_list_with_converters_and_read_afresh():
    area = AreaFactory(name="Kompilerad")
    ProblemFactory(title="Först", area=area, closed_on=dt.date(2026, 1, 2), is_closed=True)
    statements = CompiledQueries()

    def build():
        return Problem.objects.filter(area=area).values_list("title", "is_closed", "closed_on").order_by("id")

    assert statements.rows(("problems", area.pk), build) == list(build())
    assert statements.rows(("problems", area.pk), build)[0] == ("Först", True, dt.date(2026, 1, 2))
    ProblemFactory(title="Sedan", area=area)  # the statement is kept, the rows are not
    assert [r[0] for r in statements.rows(("problems", area.pk), build)] == ["Först", "Sedan"]


def test_rows__compiles_once_per_key_and_keeps_at_most_maxsize():
    built: list[int] = []
    statements = CompiledQueries(maxsize=2)

    def build(pk):
        def make():
            built.append(pk)
            return Problem.objects.filter(pk=pk).values_list("pk")

        return make

    for key in (1, 1, 2, 1, 3, 2):
        statements.rows(key, build(key))
    assert built == [1, 2, 3, 2]  # 1 compiled once; 2 dropped when 3 came (1 was used after it)
    assert len(statements) == 2


def test_rows__an_empty_filter_gives_no_rows_without_a_statement():
    assert CompiledQueries().rows("none", lambda: Problem.objects.filter(pk__in=[]).values_list("pk")) == []
