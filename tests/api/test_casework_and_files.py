"""Issue 16, item 3: problems and measures edited through the API with the measure's version (the same
forms, services and audit as the web), cursor paging over every list, meetings and published minutes,
and incidents as GeoJSON/CSV: exact for members, the public map's aggregation for visitors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.api import services
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import Measure
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, Precision
from tryggsam.meetings.models import Meeting, MinutesStatus


@pytest.fixture
def guards(db):
    return OrganisationFactory(name="Vaktbolaget Natt och Dag")


@pytest.fixture
def guards_admin(guards):
    return user_with_role(Role.ADMIN, guards)


@pytest.fixture
def measure(guards):
    problem = ProblemFactory(owner_organisation=guards, title="Klotter i gångtunneln")
    return MeasureFactory(problem=problem, responsible_organisation=guards, title="Sanering varje vecka")


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def token(admin, organisation, scopes) -> tuple:
    return services.create_token(actor=admin, organisation=organisation, name="Ärendesystemet", scopes=scopes)


def patch(client, url, body, secret):
    return client.patch(url, json.dumps(body), content_type="application/json", **bearer(secret))


def test_measure__edited_with_the_right_version_is_saved_and_audited(client, guards, guards_admin, measure):
    tok, secret = token(guards_admin, guards, ["read", "edit_casework"])
    url = f"/api/v1/measures/{measure.pk}"
    read = client.get(url, **bearer(secret)).json()
    response = patch(client, url, {"version": read["version"], "title": "Sanering två gånger i veckan"}, secret)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Sanering två gånger i veckan"
    assert response.json()["version"] == read["version"] + 1
    measure.refresh_from_db()
    assert measure.title == "Sanering två gånger i veckan" and measure.version == read["version"] + 1
    change = AuditEvent.objects.get(object_type="casework.measure", object_id=str(measure.pk), action="update")
    assert change.actor_id == tok.principal_id
    notes = list(
        AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(tok.pk)).values_list("note", flat=True)
    )
    assert f"API PATCH {url}" in notes


def test_measure__a_stale_version_is_a_409_naming_the_current_one(client, guards, guards_admin, measure):
    _tok, secret = token(guards_admin, guards, ["read", "edit_casework"])
    url = f"/api/v1/measures/{measure.pk}"
    assert patch(client, url, {"version": 1, "title": "Först"}, secret).status_code == 200
    response = patch(client, url, {"version": 1, "title": "Sist, men läste för länge sedan"}, secret)
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert "har ändrats av någon annan" in body["detail"] and "versionen är nu 2" in body["detail"]
    measure.refresh_from_db()
    assert measure.title == "Först" and measure.version == 2


def test_measure__without_the_scope_403_revoked_401_and_nothing_changes(client, guards, guards_admin, measure):
    _tok, reader = token(guards_admin, guards, ["read"])
    url = f"/api/v1/measures/{measure.pk}"
    response = patch(client, url, {"version": 1, "title": "Ändrad"}, reader)
    assert response.status_code == 403
    assert "behörigheten att ändra problem och åtgärder (edit_casework)" in response.json()["detail"]
    tok, editor = token(guards_admin, guards, ["read", "edit_casework"])
    services.revoke_token(actor=guards_admin, token=tok)
    response = patch(client, url, {"version": 1, "title": "Ändrad"}, editor)
    assert response.status_code == 401 and "återkallad" in response.json()["detail"]
    assert client.patch(url, json.dumps({"version": 1}), content_type="application/json").status_code == 401
    measure.refresh_from_db()
    assert measure.title == "Sanering varje vecka" and measure.version == 1


def test_measure__the_web_forms_validation_messages_and_policy(client, guards, guards_admin, measure):
    _tok, secret = token(guards_admin, guards, ["read", "edit_casework"])
    url = f"/api/v1/measures/{measure.pk}"
    response = patch(client, url, {"version": 1, "start_date": "2026-05-01", "end_date": "2026-04-01"}, secret)
    assert response.status_code == 422
    assert "Slutdatum kan inte vara före startdatum." in response.json()["detail"]
    # Another organisation's member token may read an internal measure but not edit it (the web's predicate).
    other = OrganisationFactory()
    _tok, outsider = token(user_with_role(Role.ADMIN, other), other, ["read", "edit_casework"])
    response = patch(client, url, {"version": 1, "title": "Utifrån"}, outsider)
    assert response.status_code == 403 and "Du får inte ändra den här åtgärden." in response.json()["detail"]
    measure.refresh_from_db()
    assert measure.version == 1


def test_measure__follow_up_changes_status_through_the_service(client, guards, guards_admin, measure):
    _tok, secret = token(guards_admin, guards, ["read", "edit_casework"])
    url = f"/api/v1/measures/{measure.pk}/follow-ups"
    body = {"version": 1, "status": "paused", "note": ""}
    response = client.post(url, json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 422 and "statusändring måste förklaras" in response.json()["detail"]
    body["note"] = "Vilar över sommaren."
    response = client.post(url, json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "paused" and measure.follow_ups.count() == 1
    stale = client.post(url, json.dumps(body), content_type="application/json", **bearer(secret))
    assert stale.status_code == 409 and stale.json()["current_version"] == 2


def test_problem__edited_through_the_service_and_audited(client, guards, guards_admin, measure):
    _tok, secret = token(guards_admin, guards, ["read", "edit_casework"])
    url = f"/api/v1/problems/{measure.problem_id}"
    response = patch(client, url, {"version": 1, "title": "Klotter och nedskräpning i gångtunneln"}, secret)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    change = AuditEvent.objects.get(object_type="casework.problem", action="update")
    assert change.changes["version"] == [1, 2]
    stale = patch(client, url, {"version": 1, "title": "Gammal läsning"}, secret)
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert "Problemet har ändrats av någon annan" in stale.json()["detail"]
    assert patch(client, url, {"version": 2, "title": ""}, secret).status_code == 422
    measure.problem.refresh_from_db()
    assert measure.problem.title == "Klotter och nedskräpning i gångtunneln"


@pytest.mark.parametrize("path", ["/api/v1/measures/", "/api/v1/problems/", "/api/v1/areas/", "/api/v1/meetings/"])
def test_lists__the_cursor_walks_every_row_exactly_once(client, guards, guards_admin, path):
    forum = ForumFactory(classification=Classification.INTERNAL)
    for i in range(7):
        MeasureFactory(problem=ProblemFactory(forum=forum, area=AreaFactory()), title=f"Åtgärd {i}")
        Meeting.objects.create(forum=forum, date=dt.date(2026, 1, 1 + i), classification=Classification.INTERNAL)
    _tok, secret = token(guards_admin, guards, ["read"])
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        response = client.get(path, params, **bearer(secret))
        assert response.status_code == 200, response.content
        page = response.json()
        seen += [row["id"] for row in page["items"]]
        cursor, pages = page["next_cursor"], pages + 1
        if not cursor:
            break
    assert len(seen) == len(set(seen)) >= 7 and pages >= 3
    bad = client.get(path, {"cursor": "inte-en-cursor"}, **bearer(secret))
    assert bad.status_code == 400 and "Ogiltig cursor" in bad.json()["detail"]


def test_measures__more_than_a_thousand_are_paged_not_cut(client, guards, guards_admin):
    problem = ProblemFactory()
    Measure.objects.bulk_create(
        [Measure(problem=problem, title=f"M{i}", classification=problem.classification) for i in range(1005)]
    )
    _tok, secret = token(guards_admin, guards, ["read"])
    seen, cursor = 0, None
    while True:
        page = client.get(
            "/api/v1/measures/", {"limit": 500} | ({"cursor": cursor} if cursor else {}), **bearer(secret)
        )
        seen += len(page.json()["items"])
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert seen == 1005


def test_minutes__the_public_reads_only_published_ones_in_their_open_version(client, guards, guards_admin):
    forum = ForumFactory(classification=Classification.OPEN, name="Trygg i Hagsätra")
    approved = {"status": MinutesStatus.APPROVED, "approved_at": timezone.now(), "classification": Classification.OPEN}
    published = Meeting.objects.create(forum=forum, date=dt.date(2026, 3, 4), published_at=timezone.now(), **approved)
    unpublished = Meeting.objects.create(forum=forum, date=dt.date(2026, 4, 4), **approved)
    response = client.get(f"/api/v1/meetings/{published.pk}/minutes")
    assert response.status_code == 200, response.content
    assert response.json()["public"] is True and response.json()["title"].startswith("Trygg i Hagsätra")
    assert client.get(f"/api/v1/meetings/{unpublished.pk}/minutes").status_code == 404
    listed = client.get("/api/v1/meetings/", {"published": "true"}).json()
    assert [m["id"] for m in listed["items"]] == [published.pk]
    # A member reads the unpublished minutes as the web shows them.
    client.force_login(user_with_role(Role.MEMBER, guards))
    response = client.get(f"/api/v1/meetings/{unpublished.pk}/minutes")
    assert response.status_code == 200 and response.json()["public"] is False


@pytest.fixture
def located(db):
    """Four open incidents at one point and two at another, about 800 m apart, in one district, and
    one restricted one at the first point."""
    area = AreaFactory(name="Testdalen", level="district")
    now = timezone.now() - dt.timedelta(days=2)
    for lat, lon, n, classification in (
        (59.302, 18.002, 4, "open"),
        (59.308, 18.008, 2, "open"),
        (59.302, 18.002, 1, "restricted"),
    ):
        for i in range(n):
            Incident.objects.create(
                source="partner_report",
                occurred_at=now - dt.timedelta(hours=i),
                title=f"Händelse {lat} {i}",
                district=area,
                precision=Precision.PLACE,
                lat=lat,
                lon=lon,
                classification=classification,
            )
    return area


def test_geojson__the_public_gets_hexagons_with_no_count_under_the_limit(client, located):
    response = client.get("/api/v1/incidents.geojson", {"area": located.pk})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    counts = [f["properties"]["count"] for f in body["features"]]
    assert counts == [4]  # the cell of two is left out; the restricted one is not the public's
    assert all(c >= permissions.PUBLIC_MIN_COUNT for c in counts)
    assert {f["geometry"]["type"] for f in body["features"]} == {"Polygon"}
    text = response.content.decode()
    assert "Händelse" not in text and "Point" not in text and "occurred_at" not in text
    public_csv = list(
        csv.reader(
            io.StringIO(client.get("/api/v1/incidents.csv", {"area": located.pk}).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert [row[-1] for row in public_csv[1:]] == ["4"]
    refused = client.get("/api/v1/incidents.geojson")
    assert refused.status_code == 400 and "ange area" in refused.json()["detail"]


def test_geojson__members_get_exact_points_and_restricted_ones_are_audited(client, located):
    owner = OrganisationFactory()
    Incident.objects.filter(classification="restricted").update(owner_organisation=owner)
    member = user_with_role(Role.MEMBER, owner)
    client.force_login(member)
    response = client.get("/api/v1/incidents.geojson", {"area": located.pk})
    assert response.status_code == 200
    features = response.json()["features"]
    assert len(features) == 7 and {f["geometry"]["type"] for f in features} == {"Point"}
    reads = AuditEvent.objects.filter(actor=member, action="read", object_type="incidents.incident")
    assert reads.count() == 1
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/incidents.csv").content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 8 and reads.count() == 2
    # A member of another organisation: the six open ones only, nothing audited.
    outsider = user_with_role(Role.MEMBER, OrganisationFactory())
    client.force_login(outsider)
    assert len(client.get("/api/v1/incidents.geojson").json()["features"]) == 6
    assert not AuditEvent.objects.filter(actor=outsider, action="read").exists()


def test_geojson__each_incident_says_its_status_and_the_status_filters(client, located):
    """A dismissed tip and a duplicate are in the export (as on the list page), but say so; `status`
    filters as the list's status filter does; an unknown status is refused in Swedish."""
    first, second, third = Incident.objects.filter(classification="open").order_by("pk")[:3]
    Incident.objects.filter(pk=second.pk).update(review_status="dismissed", dismissal_reason="Skämt")
    Incident.objects.filter(pk=third.pk).update(duplicate_of=first)
    client.force_login(user_with_role(Role.MEMBER, OrganisationFactory()))
    features = client.get("/api/v1/incidents.geojson").json()["features"]
    status = {f["id"]: f["properties"]["status"] for f in features}
    assert status[first.pk] == "reviewed" and status[second.pk] == "dismissed" and status[third.pk] == "duplicate"
    assert len(status) == 6 and list(status.values()).count("reviewed") == 4
    only = client.get("/api/v1/incidents.geojson", {"status": "duplicate"}).json()["features"]
    assert [f["id"] for f in only] == [third.pk]
    reviewed = client.get("/api/v1/incidents.geojson", {"status": "reviewed"}).json()["features"]
    assert len(reviewed) == 4 and third.pk not in {f["id"] for f in reviewed}
    rows = list(
        csv.reader(
            io.StringIO(client.get("/api/v1/incidents.csv", {"status": "dismissed"}).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0][-1] == "Status" and [row[-1] for row in rows[1:]] == ["Avfärdad"]
    unknown = client.get("/api/v1/incidents.geojson", {"status": "godkänd"})
    assert unknown.status_code == 422 and "Okänd status" in unknown.json()["detail"]
    client.logout()
    public = client.get("/api/v1/incidents.geojson", {"area": located.pk, "status": "dismissed"})
    assert public.status_code == 400 and "ta bort status" in public.json()["detail"]


def test_reads__a_token_without_read_is_refused_everywhere(client, guards, guards_admin, measure):
    _tok, secret = token(guards_admin, guards, ["report_incidents"])
    for url in (
        "/api/v1/measures/",
        f"/api/v1/problems/{measure.problem_id}",
        "/api/v1/meetings/",
        "/api/v1/areas/",
        "/api/v1/incidents.geojson",
        "/api/v1/incidents.csv",
    ):
        response = client.get(url, **bearer(secret))
        assert response.status_code == 403, url
        assert "behörigheten att läsa (read)" in response.json()["detail"]
