"""Open311 GeoReport v2: a recorded client exchange (tests/api/recorded/open311_client_exchange.http,
raw HTTP requests in the shape reporting apps send) is replayed: it lists the services, creates a tip
through the same service as the web form (masked, limited, audited) and reads its status. Hostile
input gets a Swedish error in the spec's shape, changes nothing and never a 500."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import SQUARE, AreaFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.incidents import work
from tryggsam.incidents.models import Incident, IncidentSource, ReviewStatus, TipReceipt
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.incidents.tips import LOOKUPS_PER_HOUR, TIPS_PER_HOUR
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parent / "recorded" / "open311_client_exchange.http"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


@dataclass
class RecordedRequest:
    title: str
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def recorded_exchange() -> list[RecordedRequest]:
    """The requests of the recording: blocks headed `### title`, each a request line, headers, a blank
    line and the body as sent on the wire."""
    found = []
    for block in RECORDED.read_text(encoding="utf-8").split("### ")[1:]:
        title, _, raw = block.partition("\n")
        head, _, body = raw.partition("\n\n")
        request_line, *header_lines = head.strip().splitlines()
        method, path, _version = request_line.split(" ")
        headers = dict(line.split(": ", 1) for line in header_lines)
        found.append(RecordedRequest(title.strip(), method, path, headers, body.strip().encode("ascii")))
    return found


def replay(client: Client, request: RecordedRequest, **values: str):
    path = request.path.format(**values)
    meta = {"HTTP_USER_AGENT": request.headers.get("User-Agent", ""), "HTTP_ACCEPT": request.headers["Accept"]}
    if request.method == "GET":
        return client.get(path, **meta)
    return client.post(path, request.body, content_type=request.headers["Content-Type"], **meta)


@pytest.fixture
def district():
    ensure_default_categories()
    parent = AreaFactory(name="Öppenområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Öppenby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


def _error(response, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    [error] = response.json()
    assert set(error) == {"code", "description"} and error["code"] == status
    return error["description"]


def test_open311__recorded_client_exchange_creates_a_tip_and_reads_its_status(district, coordinator):
    services, create, by_id, by_query = recorded_exchange()
    client = Client(REMOTE_ADDR="203.0.113.50")

    listed = replay(client, services)
    assert listed.status_code == 200
    graffiti = next(s for s in listed.json() if s["service_code"] == "graffiti")
    assert graffiti["service_name"] == "Klotter" and graffiti["metadata"] is False and graffiti["type"] == "realtime"

    created = replay(client, create)
    assert created.status_code == 201
    [answer] = created.json()
    reference = answer["service_request_id"]
    assert reference.startswith("TS-") and reference in answer["service_notice"]
    tip = Incident.objects.get(source=IncidentSource.RESIDENT_TIP)
    assert tip.review_status == ReviewStatus.PENDING and tip.district.name == "Öppenby"
    assert tip.description == "Nytt klotter på gavlen vid lekplatsen, syns från gångvägen."
    receipt = TipReceipt.objects.get(incident=tip)
    assert receipt.reference == reference and receipt.email == "boende@example.org"
    stored = json.dumps(list(Incident.objects.values()), default=str) + json.dumps(
        list(TipReceipt.objects.values()), default=str
    )
    assert "Kim" not in stored and "8f14e45f" not in stored  # names and device ids are not kept
    assert AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(tip.pk), action="create").exists()

    [status] = replay(client, by_id, service_request_id=reference).json()
    assert status["service_request_id"] == reference and status["status"] == "open"
    assert status["status_notes"].startswith("Mottaget") and status["service_code"] == "graffiti"
    assert "description" not in status and "lat" not in status  # the tip's text and point stay internal

    work.incident_dismiss(actor=coordinator, incident=tip, reason="Internt skäl", answer="Redan sanerat.")
    [closed] = replay(client, by_query, service_request_id=reference).json()
    assert closed["status"] == "closed" and "Redan sanerat." in closed["status_notes"]
    assert "Internt" not in json.dumps(closed)


def test_open311__the_description_is_masked_as_on_the_web(district):
    response = Client().post(
        "/open311/v2/requests.json",
        {"service_code": "graffiti", "address_string": "Öppenby", "description": "Ring mig på 070-123 45 67"},
    )
    assert response.status_code == 201
    assert "070-123 45 67" not in Incident.objects.get().description


def test_open311__the_same_limit_per_address_as_the_web_form(district):
    data = {"service_code": "graffiti", "address_string": "Öppenby", "description": "Klotter"}
    client = Client(REMOTE_ADDR="203.0.113.60")
    for _ in range(TIPS_PER_HOUR):
        assert client.post("/open311/v2/requests.json", data).status_code == 201
    assert "Många tips" in _error(client.post("/open311/v2/requests.json", data), 429)
    web = Client(REMOTE_ADDR="203.0.113.60").post(
        "/lagesbild/tips/",
        {"category": Incident.objects.first().categories.get().pk, "place_text": "Öppenby", "text": "x"},
    )
    assert web.status_code == 400  # one limit for both doors
    assert Incident.objects.count() == TIPS_PER_HOUR


GOOD = {"service_code": "graffiti", "lat": "59.305", "long": "18.005", "description": "Klotter på väggen"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"description": "x" * 100_000}, "description:"),
        ({"description": ""}, "description:"),
        ({"lat": "91"}, "lat:"),
        ({"lat": "norr"}, "lat:"),
        ({"long": "nan"}, "long:"),
        ({"long": ""}, "Ange både lat och long"),
        ({"service_code": "finns-inte"}, "Okänd tjänst"),
        ({"service_code": ""}, "service_code:"),
        ({"email": "inte en adress"}, "email:"),
        ({"lat": "", "long": ""}, "Ange platsen"),
    ],
)
def test_open311__hostile_input_is_a_swedish_error_and_changes_nothing(district, change, expected):
    response = Client().post("/open311/v2/requests.json", GOOD | change)
    assert expected in _error(response, 400)
    assert not Incident.objects.exists() and not TipReceipt.objects.exists()


def test_open311__a_body_that_is_not_utf8_is_refused(district):
    body = b"service_code=graffiti&lat=59.305&long=18.005&description=Klotter+p%E5+v%E4ggen"  # Latin-1
    response = Client().post("/open311/v2/requests.json", body, content_type=FORM)
    assert "UTF-8" in _error(response, 400)
    raw = "service_code=graffiti&lat=59.305&long=18.005&description=På".encode("latin-1")
    assert "UTF-8" in _error(Client().post("/open311/v2/requests.json", raw, content_type=FORM), 400)
    assert not Incident.objects.exists()


def test_open311__json_bodies_and_xml_are_refused_with_a_clear_error(district):
    as_json = Client().post("/open311/v2/requests.json", json.dumps(GOOD), content_type="application/json")
    assert "formulärkodade" in _error(as_json, 400)
    assert "Endast JSON" in _error(Client().get("/open311/v2/services.xml"), 400)
    assert "Endast JSON" in _error(Client().post("/open311/v2/requests.xml", GOOD), 400)
    assert "Endast JSON" in _error(Client().get("/open311/v2/requests/TS-22222222.xml"), 400)
    assert not Incident.objects.exists()


def test_open311__too_many_fields_is_refused(district):
    body = "&".join(f"f{i}=x" for i in range(500))
    assert "för många fält" in _error(Client().post("/open311/v2/requests.json", body, content_type=FORM), 400)


def test_open311__unknown_and_malformed_ids_get_the_same_answer(district):
    Client().post("/open311/v2/requests.json", GOOD)
    answers = set()
    for wrong in ("TS-22222222", "TS-0000", "1", "%27%20OR%201%3D1", "TS-" + "Z" * 300):
        response = Client().get(f"/open311/v2/requests/{wrong}.json")
        answers.add((response.status_code, response.content))
    assert answers == {
        (404, json.dumps([{"code": 404, "description": "Det finns inget tips med det referensnumret."}]).encode())
    }
    listed = Client().get("/open311/v2/requests.json", {"service_request_id": "TS-22222222,nej"})
    assert listed.status_code == 200 and listed.json() == []


def test_open311__no_list_of_all_tips(district):
    Client().post("/open311/v2/requests.json", GOOD)
    assert "Listor över alla tips" in _error(Client().get("/open311/v2/requests.json"), 400)
    many = ",".join(["TS-22222222"] * 11)
    assert "Högst" in _error(Client().get("/open311/v2/requests.json", {"service_request_id": many}), 400)


def test_open311__status_look_ups_are_limited_per_address(district):
    reference = Client().post("/open311/v2/requests.json", GOOD).json()[0]["service_request_id"]
    client = Client(REMOTE_ADDR="203.0.113.70")
    for _ in range(LOOKUPS_PER_HOUR):
        client.get("/open311/v2/requests/TS-22222222.json")
    assert "Många sökningar" in _error(client.get(f"/open311/v2/requests/{reference}.json"), 429)


def test_open311__a_nul_byte_is_refused_in_the_spec_shape(district):
    response = Client().post("/open311/v2/requests.json", GOOD | {"description": "Klotter\x00"})
    assert "NUL" in _error(response, 400)
    assert not Incident.objects.exists()


def test_open311__multipart_with_a_photo_creates_the_tip_without_the_photo(district):
    photo = SimpleUploadedFile("klotter.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", content_type="image/jpeg")
    response = Client().post("/open311/v2/requests.json", GOOD | {"media": photo})
    assert response.status_code == 201
    assert Incident.objects.get().description == "Klotter på väggen"
