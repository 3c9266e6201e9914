"""Issue 16, the API half of "Done when": an organisation's token reports an incident as a security
company's system would, the incident shows in the situation picture, a token without the scope or a
revoked token is refused in Swedish, and every call made with a token is in the audit log."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, user_with_role
from tests.incidents.conftest import stockholm  # noqa: F401  (the real areas, read from ../shared)
from tryggsam.accounts.models import Role
from tryggsam.api import services
from tryggsam.api.models import ApiToken
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.incidents.models import Incident
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import Area, AreaLevel
from tryggsam.situation.selectors import situation_for

URL = "/api/v1/incidents/"


@pytest.fixture
def guards(db):
    return OrganisationFactory(name="Vaktbolaget Natt och Dag")


@pytest.fixture
def guards_admin(guards):
    return user_with_role(Role.ADMIN, guards)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def report(**changes) -> str:
    body = {
        "categories": ["graffiti", "vandalism"],
        "occurred_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "place_text": "Farsta",
        "text": "Klotter på väggen vid entrén, upptäckt vid ronden.",
    }
    body.update(changes)
    return json.dumps(body)


def test_token__reports_incident_seen_in_picture_and_every_call_audited(
    stockholm,  # noqa: F811
    client,
    guards,
    guards_admin,
):
    ensure_default_categories()
    token, secret = services.create_token(
        actor=guards_admin, organisation=guards, name="Larmcentralen", scopes=["read", "report_incidents"]
    )
    assert secret.startswith("tsk_") and token.secret_hash not in secret  # only a hash is stored
    audited_before = AuditEvent.objects.count()

    response = client.post(URL, report(), content_type="application/json", **bearer(secret))
    assert response.status_code == 201, response.content
    incident = Incident.objects.get(pk=response.json()["id"])
    assert incident.reporting_organisation == guards
    assert incident.reporter == token.principal
    assert incident.district is not None

    listed = client.get(URL, {"category": "graffiti"}, **bearer(secret))
    assert listed.status_code == 200
    assert [i["id"] for i in listed.json()["items"]] == [incident.pk]

    # The situation picture (its selector) counts it, for a member of the collaboration.
    member = user_with_role(Role.MEMBER, OrganisationFactory())
    today = timezone.localdate()
    farsta = Area.objects.get(pk=incident.district_id, level=AreaLevel.DISTRICT)
    picture = situation_for(member, area=farsta, start=today - dt.timedelta(days=7), end=today)
    assert picture.total >= 1
    assert {r.category.code for r in picture.rows if r.count} >= {"graffiti", "vandalism"}

    calls = AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(token.pk), action="read")
    assert [e.note for e in calls.order_by("id")] == [
        "API POST /api/v1/incidents/",
        "API GET /api/v1/incidents/?category=graffiti",
    ]
    assert AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(incident.pk)).exists()
    assert AuditEvent.objects.count() > audited_before
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token__without_the_scope_is_refused_in_swedish(client, guards, guards_admin):
    ensure_default_categories()
    _token, secret = services.create_token(actor=guards_admin, organisation=guards, name="Läsare", scopes=["read"])
    response = client.post(URL, report(), content_type="application/json", **bearer(secret))
    assert response.status_code == 403
    assert "behörigheten att rapportera" in response.json()["detail"]
    assert Incident.objects.count() == 0

    _token, report_only = services.create_token(
        actor=guards_admin, organisation=guards, name="Bara rapporter", scopes=["report_incidents"]
    )
    response = client.get(URL, **bearer(report_only))
    assert response.status_code == 403
    assert "behörigheten att läsa" in response.json()["detail"]


def test_token__revoked_or_wrong_is_refused_in_swedish(client, guards, guards_admin):
    ensure_default_categories()
    token, secret = services.create_token(
        actor=guards_admin, organisation=guards, name="Gammal", scopes=["read", "report_incidents"]
    )
    services.revoke_token(actor=guards_admin, token=token)
    response = client.post(URL, report(), content_type="application/json", **bearer(secret))
    assert response.status_code == 401
    assert "återkallad" in response.json()["detail"]
    assert Incident.objects.count() == 0

    response = client.get(URL, **bearer(secret[:-3] + "xyz"))
    assert response.status_code == 401
    assert "ogiltig" in response.json()["detail"]
    assert client.get(URL).status_code == 401  # neither token nor session


def test_token__invalid_report_gets_swedish_422_and_changes_nothing(stockholm, client, guards, guards_admin):  # noqa: F811
    ensure_default_categories()
    _token, secret = services.create_token(
        actor=guards_admin, organisation=guards, name="Larm", scopes=["report_incidents"]
    )
    response = client.post(URL, report(categories=[], place_text=""), content_type="application/json", **bearer(secret))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "Välj minst en kategori." in detail and "Ange var det hände." in detail
    response = client.post(URL, report(categories=["ufo"]), content_type="application/json", **bearer(secret))
    assert response.status_code == 422 and "Okända kategorier: ufo" in response.json()["detail"]
    assert Incident.objects.count() == 0


def test_tokens__only_the_organisations_coordinator_or_admin_manages_them(guards, guards_admin):
    member = user_with_role(Role.MEMBER, guards)
    other_admin = user_with_role(Role.ADMIN, OrganisationFactory())
    for user in (member, other_admin):
        with pytest.raises(PermissionDeniedError):
            services.create_token(actor=user, organisation=guards, name="X", scopes=["read"])
    coordinator = user_with_role(Role.COORDINATOR, guards)
    token, _secret = services.create_token(actor=coordinator, organisation=guards, name="Y", scopes=["read"])
    with pytest.raises(PermissionDeniedError):
        services.revoke_token(actor=member, token=token)
    assert AuditEvent.objects.filter(object_type="api.apitoken", action="create").count() == 1
    assert ApiToken.objects.count() == 1


def test_list__cursor_pages_through_everything_with_a_bounded_limit(client, guards, guards_admin):
    now = timezone.now()
    for i in range(5):  # two share a time, so the cursor must carry the id as well
        Incident.objects.create(
            source="police_event", occurred_at=now - dt.timedelta(hours=min(i, 3)), title=f"Händelse {i}"
        )
    _token, secret = services.create_token(actor=guards_admin, organisation=guards, name="Läs", scopes=["read"])
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get(URL, params, **bearer(secret)).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(Incident.objects.values_list("pk", flat=True)) and len(seen) == 5
    assert client.get(URL, {"limit": 501}, **bearer(secret)).status_code == 422
    bad = client.get(URL, {"cursor": "inte-en-cursor"}, **bearer(secret))
    assert bad.status_code == 400 and "Ogiltig cursor" in bad.json()["detail"]
