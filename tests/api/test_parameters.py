"""Ids past a 64-bit integer and NUL bytes in the API's query strings: a Swedish client error, never
a 500 (SQLite cannot bind the integer, PostgreSQL refuses NUL in text)."""

import pytest

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role


@pytest.fixture
def api_client(client, db):
    client.force_login(user_with_role(Role.COORDINATOR, OrganisationFactory()))
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/measures/?forum=9223372036854775808",
        "/api/v1/measures/?forum=-9223372036854775809",
        "/api/v1/measures/9223372036854775808",
        "/api/v1/areas/99999999999999999999",
        "/api/v1/situation?area=9223372036854775808&from=2026-01-01&to=2026-02-01",
    ],
)
def test_api_ids__past_64_bits_are_refused_in_swedish(api_client, url):
    response = api_client.get(url)
    assert response.status_code == 422, response.content[:300]
    assert "Ogiltigt värde för" in response.json()["message"]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/areas/?level=%00", "/api/v1/measures/?status=a%00b", "/api/v1/areas/find?text=%00"],
)
def test_api_text__nul_byte_is_refused_in_swedish(api_client, url):
    response = api_client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_pages__nul_byte_in_query_or_form_is_refused_in_swedish(api_client):
    for response in (
        api_client.get("/statistik/", {"omrade": "\x00"}),
        api_client.post("/lagesbild/tips/", {"text": "ett\x00tips"}),
    ):
        assert response.status_code == 400
        assert "otillåtet tecken (NUL)" in response.content.decode()


def test_pages__the_nul_refusal_carries_the_security_headers(api_client):
    response = api_client.get("/statistik/", {"omrade": "\x00"})
    assert response.status_code == 400
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "body",
    [
        {"categories": ["a\x00b"], "lat": 59.3, "lon": 18.0},
        {"categories": ["x"], "title": "tips\x00", "lat": 59.3, "lon": 18.0},
        {"\x00": 1, "categories": ["x"]},
        {"categories": [["nested", {"deep": "ett\x00tecken"}]]},
    ],
)
def test_api_json_body__nul_anywhere_is_refused_in_swedish_and_saves_nothing(api_client, body):
    from tryggsam.incidents.models import Incident

    before = Incident.objects.count()
    for url, method in (
        ("/api/v1/incidents/", api_client.post),
        ("/api/v1/measures/1", api_client.patch),
        ("/api/v1/problems/1", api_client.patch),
        ("/api/v1/measures/1/follow-ups", api_client.post),
    ):
        response = method(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.content[:300])
        assert "otillåtet tecken (NUL)" in response.json()["detail"]
    assert Incident.objects.count() == before


def test_api_json_body__a_backslash_text_that_only_looks_like_nul_is_not_refused(api_client):
    """The rule reads the parsed text, not the raw bytes: a literal backslash followed by "u0000" is text."""
    response = api_client.post(
        "/api/v1/incidents/", {"categories": ["\\u0000"], "lat": 59.3, "lon": 18.0}, content_type="application/json"
    )
    assert response.status_code != 400 or "NUL" not in response.content.decode()


@pytest.mark.parametrize("since", ["0751-09-30T06:56:04.7-23:46", "1899-12-31T23:00:00", "9999-12-31T23:59:59+14:00"])
@pytest.mark.parametrize("url", ["/api/v1/problems/", "/api/v1/measures/"])
def test_api_updated_since__outside_1900_to_next_year_is_refused_in_swedish(api_client, url, since):
    response = api_client.get(url, {"updated_since": since})
    assert response.status_code == 400, response.content[:300]
    assert "1900" in response.json()["detail"]


def test_api_updated_since__any_offset_is_compared_as_the_same_instant(api_client):
    """+14:00 and -12:00 are valid offsets that PostgreSQL takes only after they are turned into UTC."""
    for since in ("2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00-12:00", "2026-01-01T00:00:00"):
        assert api_client.get("/api/v1/problems/", {"updated_since": since}).status_code == 200
