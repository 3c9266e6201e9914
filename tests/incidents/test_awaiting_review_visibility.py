"""An incident awaiting review (a resident's tip nobody has accepted yet) is seen only by those the
review queue shows it to: those who review tips see every one, a member the ones sent to their own
organisation, anyone else none. The same in every output of incidents: the list and its CSV/XLSX
exports, an incident's page, the API (list, GeoJSON, CSV), the situation map and the report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.incidents.models import Incident, IncidentSource, Precision, ReviewStatus
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.situation.report import build

pytestmark = pytest.mark.django_db

REVIEWED, PENDING, ROUTED = "SYNLIG-granskad", "SYNLIG-vantar", "SYNLIG-skickad"


@pytest.fixture
def world(coordinator, police_member):
    cats = ensure_default_categories()
    area = AreaFactory(name="Granskningsby")
    receiver = OrganisationFactory(name="Bostadsbolaget")
    when = timezone.now() - dt.timedelta(days=1)
    made = {}
    for i, (title, source, status, routed_to) in enumerate(
        (
            (REVIEWED, IncidentSource.PARTNER_REPORT, ReviewStatus.REVIEWED, None),
            (PENDING, IncidentSource.RESIDENT_TIP, ReviewStatus.PENDING, None),
            (ROUTED, IncidentSource.RESIDENT_TIP, ReviewStatus.ROUTED, receiver),
        )
    ):
        incident = Incident.objects.create(
            source=source,
            occurred_at=when - dt.timedelta(minutes=i),
            title=title,
            description=title,
            district=area,
            precision=Precision.PLACE,
            lat=59.301 + i / 1000,
            lon=18.001 + i / 1000,
            classification="internal",
            review_status=status,
            routed_to=routed_to,
        )
        incident.categories.set([cats["graffiti"]])
        made[title] = incident
    return {
        "area": area,
        "incidents": made,
        "coordinator": coordinator,
        "member": police_member,  # an ordinary member: nothing was sent to the police
        "receiver": user_with_role(Role.MEMBER, receiver),
        "receiver_reader": user_with_role(Role.READER, receiver),
    }


SEES = {
    "coordinator": {REVIEWED, PENDING, ROUTED},
    "member": {REVIEWED},
    "receiver": {REVIEWED, ROUTED},
    "receiver_reader": {REVIEWED},
}
WHO = sorted(SEES)


def _titles(text: str) -> set[str]:
    return set(re.findall(r"SYNLIG-[a-z]+", text))


def _period() -> dict[str, str]:
    today = timezone.localdate()
    return {"start": (today - dt.timedelta(days=7)).isoformat(), "end": today.isoformat()}


@pytest.mark.parametrize("who", WHO)
def test_incident_list_and_exports__awaiting_review_only_for_the_review_queue(client, world, who):
    client.force_login(world[who])
    assert _titles(client.get(reverse("incidents:list")).content.decode()) == SEES[who]
    exported = client.get(reverse("incidents:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported, newline=""), delimiter=";"))
    assert {row[4] for row in rows[1:]} == SEES[who]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("incidents:export_xlsx")).content)).active
    assert {row[4] for row in list(sheet.iter_rows(values_only=True))[1:]} == SEES[who]


@pytest.mark.parametrize("who", WHO)
def test_incident_page__awaiting_review_is_not_found_outside_the_review_queue(client, world, who):
    client.force_login(world[who])
    for title, incident in world["incidents"].items():
        status = client.get(reverse("incidents:detail", args=[incident.pk])).status_code
        assert status == (200 if title in SEES[who] else 404), title


@pytest.mark.parametrize("who", WHO)
def test_api__list_geojson_and_csv_follow_the_review_queue(client, world, who):
    client.force_login(world[who])
    listed = client.get("/api/v1/incidents/").json()
    assert {item["title"] for item in listed["items"]} == SEES[who]
    geojson = client.get("/api/v1/incidents.geojson", {"area": world["area"].pk}).json()
    assert {f["properties"]["title"] for f in geojson["features"]} == SEES[who]
    as_csv = client.get("/api/v1/incidents.csv", {"area": world["area"].pk}).content.decode("utf-8-sig")
    assert _titles(as_csv) == SEES[who]


@pytest.mark.parametrize("who", WHO)
def test_situation_map__points_awaiting_review_only_for_the_review_queue(client, world, who):
    client.force_login(world[who])
    data = client.get(reverse("situation:map_data"), {"area": world["area"].pk, **_period()}).json()
    assert {p["title"] for p in data["points"]} == SEES[who]


@pytest.mark.parametrize("who", WHO)
def test_situation_report__map_points_awaiting_review_only_for_the_review_queue(world, who, monkeypatch):
    drawn: list = []

    def fake_map_png(geometries, points, hot, **kwargs):
        drawn.extend(points)
        return b""

    monkeypatch.setattr(build, "map_png", fake_map_png)
    today = timezone.localdate()
    build.build_report(world[who], area=world["area"], start=today - dt.timedelta(days=7), end=today)
    located = {(i.lat, i.lon): title for title, i in world["incidents"].items()}
    assert {located[point] for point in drawn} == SEES[who]


def test_reading_audience__differs_where_the_review_queue_shows_more(world, district_admin):
    """A generated report is kept per audience: a coordinator's file (with every tip awaiting review)
    is never served to a reader of the same organisation, nor a receiving member's to its reader."""
    same_org_reader = user_with_role(Role.READER, district_admin)
    audiences = {
        permissions.reading_audience(world["coordinator"]),
        permissions.reading_audience(same_org_reader),
        permissions.reading_audience(world["receiver"]),
        permissions.reading_audience(world["receiver_reader"]),
    }
    assert len(audiences) == 4
