"""Schemathesis over the API: every operation of the django-ninja OpenAPI schema, called in-process
through WSGI with values generated from the schema (and outside it), anonymously and as a logged-in
coordinator, never answers a server error. Bounded in examples so that it runs in CI on both databases."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.factories import AreaFactory, MeasureFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role


@pytest.fixture
def session_cookie(db) -> str:
    """A coordinator's session, and a few records for the operations to find."""
    organisation = OrganisationFactory(name="Schemaförvaltningen")
    coordinator = user_with_role(Role.COORDINATOR, organisation, full_name="Schema Samordnare")
    AreaFactory(name="Schemaområdet")
    MeasureFactory(title="Schemaåtgärd")
    client = Client()
    client.force_login(coordinator)
    return f"sessionid={client.cookies['sessionid'].value}"


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


def test_api__no_server_error_for_any_generated_request(session_cookie, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    failures: list[str] = []
    for operation in operations:
        for mode in MODES:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def call(case):
                for headers in ({}, {"Cookie": session_cookie}):
                    response = case.call(headers=headers)
                    if response.status_code >= 500:
                        failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

            call()
    assert not failures, "\n".join(sorted(set(failures))[:30])
