import datetime as dt

import pytest

from tests.factories import SQUARE, AreaFactory, FindingFactory, SafetyWalkFactory
from tryggsam.forums.services import finding_add
from tryggsam.incidents.models import Incident, IncidentSource, ReviewStatus
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    parent = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


def test_resident_tip__anonymous_tip_is_masked_internal_and_awaits_review(client, district):
    graffiti = ensure_default_categories()["graffiti"]
    response = client.post(
        "/lagesbild/tips/",
        {
            "category": graffiti.pk,
            "place_text": "Torgby",
            "text": "Klotter på skolan, ring mig på 070-123 45 67",
            "website": "",
        },
    )
    assert response.status_code == 200 and "Tack för tipset" in response.content.decode()
    tip = Incident.objects.get()
    assert tip.source == IncidentSource.RESIDENT_TIP and tip.classification == "internal"
    assert "070-123 45 67" not in tip.description and "telefonnummer" in tip.description
    assert tip.district == district and tip.reporter is None
    assert tip.review_status == ReviewStatus.PENDING
    assert not DailyRollup.objects.filter(area=district, source=IncidentSource.RESIDENT_TIP).exists()


def test_resident_tip__unknown_place_keeps_input_and_saves_nothing(client, district):
    graffiti = ensure_default_categories()["graffiti"]
    response = client.post(
        "/lagesbild/tips/", {"category": graffiti.pk, "place_text": "Ingenstansby", "text": "Klotter"}
    )
    assert response.status_code == 400 and "hittade inte platsen" in response.content.decode()
    assert 'value="Ingenstansby"' in response.content.decode()
    assert not Incident.objects.exists()


def test_resident_tip__robots_and_floods_are_stopped(client, district):
    graffiti = ensure_default_categories()["graffiti"]
    data = {"category": graffiti.pk, "place_text": "Torgby", "text": "Klotter"}
    client.post("/lagesbild/tips/", {**data, "website": "http://spam.example"})
    assert not Incident.objects.exists()  # the hidden field was filled in: a robot
    for _ in range(6):
        response = client.post("/lagesbild/tips/", data)
    assert Incident.objects.count() == 5 and "Många tips" in response.content.decode()  # 5 per address and hour


def _finding_with_category(coordinator, district, text, location):
    """A finding of a safety walk on 2 October 2026, with a category: it becomes an incident."""
    walk = SafetyWalkFactory(area=district, date=dt.date(2026, 10, 2), classification="internal")
    finding_add(
        actor=coordinator,
        walk=walk,
        text=text,
        location=location,
        category=ensure_default_categories()["unsafe_place"],
    )
    return walk, Incident.objects.get(source=IncidentSource.SAFETY_WALK)


def test_finding_add__with_category_counts_as_safety_walk_incident(coordinator, district):
    walk, incident = _finding_with_category(coordinator, district, "Trasig lampa i gångtunneln", "Gångtunneln")
    assert incident.district == district and incident.occurred_at.date() == dt.date(2026, 10, 2)
    assert "Gångtunneln" in incident.title
    assert FindingFactory._meta.model.objects.filter(walk=walk).count() == 1


def test_finding_add__audit_keeps_neither_the_finding_text_nor_the_exact_point(coordinator, district):
    from tryggsam.audit.models import AuditEvent

    _walk, incident = _finding_with_category(coordinator, district, "Grannen i nr 5 lämnar porten öppen", "")
    event = AuditEvent.objects.get(object_type="incidents.incident", object_id=str(incident.pk), action="create")
    logged = str(event.changes) + event.object_repr
    assert "Grannen" not in logged and "Grannen" in incident.title
    assert event.object_repr.startswith("Trygghetsvandring 2026-10-02")
    if incident.lat is not None:
        assert event.changes["lat"][1] == round(incident.lat, 3)
