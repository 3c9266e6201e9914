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
