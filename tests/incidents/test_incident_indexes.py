"""The indexes an incident row carries (docs/benchmarks.md, issue 17 item 3): the keys that are NULL in
almost every row are indexed only where set, and the queries that ask them still search that index."""

import pytest
from django.db import connection

from tryggsam.incidents.models import Incident


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ({"place_id": 1}, "incident_place_set"),
        ({"problem_id": 1}, "incident_problem_set"),
        ({"routed_to_id__in": [1, 2]}, "incident_routed_to_set"),
        ({"duplicate_of_id": 1}, "incident_duplicate_of_set"),
    ],
)
def test_partial_key_indexes__searched_by_the_queries_that_need_them(lookup, index):
    query = Incident.objects.filter(**lookup).order_by().values_list("pk", flat=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert index in plan, plan


@pytest.mark.django_db
def test_review_queue__searches_the_partial_index_of_incidents_awaiting_review(coordinator):
    """The review queue of those who review tips asks `review_status IN (pending, routed)` ordered by
    when they were reported: a partial index holds exactly those few rows in that order. PostgreSQL
    (production) searches it; SQLite cannot match a partial index to a condition with bound parameters
    (Django binds every value), so there the test only finds the index itself. A member's queue is
    searched through `incident_routed_to_set` (routed_to IN their organisations)."""
    from tryggsam.incidents.selectors import tips_awaiting_review

    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, Incident._meta.db_table)
        assert indexes["incident_awaiting_review"]["columns"] == ["reported_at", "id"]
        return
    query = tips_awaiting_review(coordinator).prefetch_related(None).values_list("pk", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "incident_awaiting_review" in plan, plan
