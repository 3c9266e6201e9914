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
