"""Schemathesis over the API: every operation of the django-ninja OpenAPI schema, reads and writes,
called in-process through WSGI with values generated from the schema (and outside it), anonymously,
as a logged-in coordinator and with an organisation token holding every scope, never answers a server
error, and every answer with a documented status matches its schema. Bounded in examples so that it
runs in CI (the normal test command) on both databases in well under two minutes."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import AreaFactory, MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.api import services


@pytest.fixture
def callers(db) -> list[dict[str, str]]:
    """The headers of the three kinds of caller (nobody, a coordinator's session, a token with every
    scope of the coordinator's organisation), and a few records for the operations to find and edit."""
    organisation = OrganisationFactory(name="Schemaförvaltningen")
    coordinator = user_with_role(Role.COORDINATOR, organisation, full_name="Schema Samordnare")
    AreaFactory(name="Schemaområdet")
    for _ in range(3):  # low ids, so that generated ids hit them now and then
        MeasureFactory(title="Schemaåtgärd", problem=ProblemFactory(owner_organisation=organisation))
    _token, secret = services.create_token(
        actor=coordinator,
        organisation=organisation,
        name="Schemathesis",
        scopes=["read", "report_incidents", "edit_casework"],
    )
    client = Client()
    client.force_login(coordinator)
    return [{}, {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}, {"Authorization": f"Bearer {secret}"}]


MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.fixture
def keep_test_connection():
    """Django closes the database connection when a WSGI request finishes; inside a test that would
    end the test's transaction (PostgreSQL). The test client avoids it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


EXAMPLES = 12


def test_api__no_server_error_and_no_broken_schema_for_any_generated_request(callers, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    expected = {(m, p) for p, ops in schema.raw_schema["paths"].items() for m in ops}
    assert {(o.method.lower(), o.path) for o in operations} == expected
    assert {o.method.lower() for o in operations} >= {"get", "post", "patch"}
    failures: list[str] = []
    for operation in operations:
        for mode in MODES:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def call(case):
                for headers in callers:
                    # identity: schemathesis reads the body as it is, and the server compresses for gzip
                    response = case.call(headers={**headers, "Accept-Encoding": "identity"})
                    where = f"{case.method} {case.formatted_path} {case.query} {case.body!r:.80}"
                    if response.status_code >= 500:
                        failures.append(f"{where}: {response.status_code}")
                        continue
                    try:
                        case.validate_response(response, checks=[response_schema_conformance])
                    except (AssertionError, FailureGroup) as error:
                        failures.append(f"{where}: {response.status_code} bryter schemat: {str(error)[:200]}")

            call()
    assert not failures, "\n".join(sorted(set(failures))[:30])
