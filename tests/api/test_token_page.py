"""The token page: a coordinator creates a token (the secret shown once) and revokes it; a member may not."""

from tests.factories import OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.api.models import ApiToken
from tryggsam.audit.models import AuditEvent


def test_token_page__coordinator_creates_and_revokes(client, db):
    org = OrganisationFactory(name="Vaktbolaget")
    client.force_login(user_with_role(Role.COORDINATOR, org))
    response = client.post("/api-nycklar/", {"organisation": org.pk, "name": "Larmcentral", "scopes": ["read"]})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    html = response.content.decode()
    assert "visas bara den här gången" in html and f"tsk_{token.prefix}." in html
    assert f"tsk_{token.prefix}." not in client.get("/api-nycklar/").content.decode()  # shown once
    assert client.post(f"/api-nycklar/{token.pk}/aterkalla/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(object_type="api.apitoken", action__in=["create", "update"]).count() == 2


def test_token_page__member_refused_and_bad_form_changes_nothing(client, db):
    org = OrganisationFactory()
    client.force_login(user_with_role(Role.MEMBER, org))
    assert client.get("/api-nycklar/").status_code == 403
    client.force_login(user_with_role(Role.ADMIN, org))
    response = client.post("/api-nycklar/", {"organisation": org.pk, "name": "", "scopes": []})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
