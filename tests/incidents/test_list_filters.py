"""The incident list filtered by period, source, category, area and status, paged with its total (no
silent cut), and the CSV export holding exactly the incidents the filter shows, over every page."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AreaFactory
from tryggsam.incidents import views
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource, ReviewStatus
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _incident(title, *, district, source=IncidentSource.PARTNER_REPORT, code="graffiti", days_ago=1, **extra):
    row = Incident.objects.create(
        source=source,
        occurred_at=NOW - dt.timedelta(days=days_ago),
        title=title,
        description=title,
        district=district,
        district_area=district.parent,
        **extra,
    )
    row.categories.set([IncidentCategory.objects.get(code=code)])
    return row


@pytest.fixture
def world(db):
    ensure_default_categories()
    area = AreaFactory(name="Filterområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    here = AreaFactory(name="Filterby", level=AreaLevel.DISTRICT, parent=area)
    there = AreaFactory(name="Annanby", level=AreaLevel.DISTRICT, parent=AreaFactory(level=AreaLevel.DISTRICT_AREA))
    original = _incident("FILTER-träff", district=here)
    return {
        "here": here,
        "area": area,
        "hit": original,
        "others": [
            _incident("FILTER-annan-plats", district=there),
            _incident("FILTER-gammal", district=here, days_ago=40),
            _incident("FILTER-polis", district=here, source=IncidentSource.POLICE_EVENT),
            _incident("FILTER-brand", district=here, code="fire"),
            _incident("FILTER-väntar", district=here, review_status=ReviewStatus.PENDING),
            _incident("FILTER-dubblett", district=here, duplicate_of=original),
        ],
    }


def _query(world, **extra):
    query = {
        "start": (NOW - dt.timedelta(days=7)).date().isoformat(),
        "end": NOW.date().isoformat(),
        "source": IncidentSource.PARTNER_REPORT,
        "category": IncidentCategory.objects.get(code="graffiti").pk,
        "district": world["area"].pk,  # a district area: the incidents of its districts
        "status": ReviewStatus.REVIEWED,
    }
    query.update(extra)
    return query


def _titles(body: str) -> set[str]:
    return set(re.findall(r"FILTER-[\w-]+", body))


def test_list__every_filter_narrows_and_the_export_holds_exactly_the_same(client, world, police_member):
    client.force_login(police_member)
    listed = client.get(reverse("incidents:list"), _query(world))
    assert listed.status_code == 200
    assert _titles(listed.content.decode()) == {"FILTER-träff"}
    exported = client.get(reverse("incidents:export_csv"), _query(world))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[4] for row in rows[1:]] == ["FILTER-träff"]  # the heading column


@pytest.mark.parametrize(
    ("changed", "gains"),
    [
        ({"start": ""}, "FILTER-gammal"),
        ({"source": IncidentSource.POLICE_EVENT}, "FILTER-polis"),
        ({"status": ReviewStatus.PENDING}, "FILTER-väntar"),
        ({"status": "duplicate"}, "FILTER-dubblett"),
    ],
)
def test_list__each_filter_on_its_own(client, world, coordinator, changed, gains):
    """A coordinator: tips awaiting review are shown only to those who review them."""
    client.force_login(coordinator)
    body = client.get(reverse("incidents:list"), _query(world, **changed)).content.decode()
    assert gains in _titles(body)


def test_list__category_and_area_filters(client, world, police_member):
    client.force_login(police_member)
    fire = IncidentCategory.objects.get(code="fire").pk
    assert _titles(client.get(reverse("incidents:list"), _query(world, category=fire)).content.decode()) == {
        "FILTER-brand"
    }
    everywhere = _query(world, district="")
    assert "FILTER-annan-plats" in _titles(client.get(reverse("incidents:list"), everywhere).content.decode())


def test_list__a_period_that_ends_before_it_starts_is_a_swedish_error(client, world, police_member):
    client.force_login(police_member)
    body = client.get(reverse("incidents:list"), {"start": "2026-10-10", "end": "2026-10-01"}).content.decode()
    assert "Till-datumet ligger före från-datumet." in body


def test_list__paged_with_the_total_and_no_row_lost(client, world, coordinator, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    client.force_login(coordinator)
    seen: list[str] = []
    page = 1
    while True:
        response = client.get(reverse("incidents:list"), {"sida": page})
        body = response.content.decode()
        seen += sorted(_titles(body))
        if 'rel="next"' not in body:
            break
        page += 1
    assert page == 3
    assert "av 7 händelser" in body
    assert sorted(seen) == sorted(Incident.objects.values_list("title", flat=True))
