"""`located_in_q`: the incidents of an area in a period, with the period inside each branch of the OR
so that SQLite searches the (district, occurred_at) and (district_area, occurred_at) indexes by both
columns (before, it read every incident of the district since the first; docs/benchmarks.md)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from tests.factories import AreaFactory
from tryggsam.incidents.models import Incident
from tryggsam.incidents.selectors import located_in_q
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def areas():
    south = AreaFactory(name="Söder", level=AreaLevel.DISTRICT_AREA)
    district = AreaFactory(name="Älvsjö", level=AreaLevel.DISTRICT, parent=south)
    place = AreaFactory(name="Torget", level=AreaLevel.PLACE, parent=district)
    other = AreaFactory(name="Farsta", level=AreaLevel.DISTRICT)
    for days in (1, 20, 400):
        for where in ({"district": district, "district_area": south, "place": place}, {"district": other}):
            Incident.objects.create(
                source="partner_report", occurred_at=NOW - dt.timedelta(days=days), title=f"{days}", **where
            )
    return south, district, place, other


def test_located_in__the_same_incidents_as_the_condition_outside_the_or(areas):
    period = Q(occurred_at__range=(NOW - dt.timedelta(days=30), NOW))
    for area in areas:
        before = Incident.objects.filter(Q(place=area) | Q(district=area) | Q(district_area=area)).filter(period)
        after = Incident.objects.filter(located_in_q(area, period))
        assert sorted(after.values_list("pk", flat=True)) == sorted(before.values_list("pk", flat=True))
        assert len(after) == 2
    assert Incident.objects.filter(located_in_q(areas[0])).count() == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan of SQLite's OR")
def test_located_in__searches_the_district_indexes_by_the_period_too(areas):
    period = Q(occurred_at__range=(NOW - dt.timedelta(days=30), NOW))
    plan = Incident.objects.filter(located_in_q(areas[1], period)).values_list("pk").explain()
    assert "district_id=? AND occurred_at>? AND occurred_at<?" in plan, plan
    assert "district_area_id=? AND occurred_at>? AND occurred_at<?" in plan, plan
