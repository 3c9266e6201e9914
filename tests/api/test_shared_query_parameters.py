"""The query parameters several API operations take (from, to, category, cursor, limit) are defined
once, in `tryggsam.api.params`, and every operation documents and checks them the same way."""

import re
from pathlib import Path

import pytest

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.api.paging import MAX_LIMIT
from tryggsam.core.spreadsheets import MAX_EXPORT_ROWS

API = Path(__file__).resolve().parents[2] / "tryggsam" / "api"
# A Query(...) of one of the shared parameters written out in an operation instead of the shared type.
WRITTEN_OUT = re.compile(
    r'Query\(\s*(None,\s*alias="(from|to)"|None,\s*max_length=(50|200)|DEFAULT_LIMIT|MAX_EXPORT_ROWS)'
)


def test_shared_query_parameters__written_out_only_in_params():
    found = [
        f"{path.name}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in sorted(API.glob("*.py"))
        if path.name != "params.py"
        for text in [path.read_text(encoding="utf-8")]
        for match in WRITTEN_OUT.finditer(text)
    ]
    assert not found, found


def _parameters(schema: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"].get("parameters", [])}


@pytest.mark.django_db
def test_openapi__shared_parameters_are_the_same_in_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    paged = ["/api/v1/problems/", "/api/v1/measures/", "/api/v1/areas/", "/api/v1/meetings/", "/api/v1/incidents/"]
    for path in paged:
        params = _parameters(schema, path)
        assert params["limit"]["maximum"] == MAX_LIMIT and params["limit"]["minimum"] == 1, path
        assert params["cursor"]["anyOf"][0]["maxLength"] == 200, path
    for path in ["/api/v1/incidents.geojson", "/api/v1/incidents.csv"]:
        params = _parameters(schema, path)
        assert params["limit"]["maximum"] == MAX_EXPORT_ROWS, path
        assert params["category"]["anyOf"][0]["maxLength"] == 50, path
    for path in ["/api/v1/incidents.geojson", "/api/v1/incidents.csv", "/api/v1/incidents/", "/api/v1/meetings/"]:
        params = _parameters(schema, path)
        assert {"from", "to"} <= set(params), path
        assert params["from"]["anyOf"][0]["format"] == "date", path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/measures/?limit={MAX_LIMIT + 1}",
        "/api/v1/areas/?limit=0",
        "/api/v1/incidents/?from=igår",
        f"/api/v1/incidents.csv?limit={MAX_EXPORT_ROWS + 1}",
        "/api/v1/meetings/?cursor=" + "x" * 201,
        "/api/v1/incidents.geojson?category=" + "k" * 51,
    ],
)
def test_shared_parameters__refused_alike_with_a_client_error(client, url):
    client.force_login(user_with_role(Role.COORDINATOR, OrganisationFactory()))
    client.raise_request_exception = False
    assert client.get(url).status_code == 422, url
