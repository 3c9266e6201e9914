"""Session 18 review: attacks on the request user's one-statement read, the session engine, the fixed
fragments of the base template, the report service's audit and policy, and the API's status filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import AreaFactory, OrganisationFactory, UserFactory, user_with_role
from tests.incidents.test_awaiting_review_visibility import PENDING, ROUTED
from tests.incidents.test_awaiting_review_visibility import world as review_world  # noqa: F401 - fixture
from tryggsam.accounts import permissions
from tryggsam.accounts.backends import StaffModelBackend
from tryggsam.accounts.models import Membership, Role
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.core.sessions import SessionStore
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories, incident_report

pytestmark = pytest.mark.django_db
BACKEND = "tryggsam.accounts.backends.StaffModelBackend"


HUGE_VALUES = ("9" * 30, 2**63, 2**64, -(2**63) - 1)
HUGE = list(HUGE_VALUES)


@pytest.mark.parametrize(
    "hostile", ["abc", "", "1.5", "-1", -1, 0, "0x1", None, [1], {"a": 1}, 2**63 - 1, "1; --", *HUGE]
)
def test_get_user__hostile_session_user_id_is_nobody(hostile):
    UserFactory()
    assert StaffModelBackend().get_user(hostile) is None


# A non-numeric id in the session is a ValidationError in Django's own auth.get_user (stock behaviour,
# and a database session's contents are not the client's to write): only numbers are tried here.
@pytest.mark.parametrize("hostile", ["-5", "0", str(2**63 - 1), *[str(v) for v in HUGE_VALUES]])
def test_get_user__hostile_session_user_id_over_http_is_anonymous(client, hostile):
    session = SessionStore()
    session[SESSION_KEY] = hostile
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = "x"
    session.create()
    client.cookies["sessionid"] = session.session_key
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def _me(client):
    return client.get(reverse("home:start")).wsgi_request.user


def test_get_user__deactivation_ends_the_session_at_the_next_request(client):
    user = user_with_role(Role.MEMBER)
    client.force_login(user)
    assert _me(client).is_authenticated
    user.is_active = False
    user.save()
    assert _me(client).is_anonymous


def test_get_user__membership_removed_or_downgraded_counts_at_the_next_request(client):
    organisation = OrganisationFactory()
    user = user_with_role(Role.COORDINATOR, organisation)
    other = OrganisationFactory()
    Membership.objects.create(user=user, organisation=other, role=Role.REPORTER)
    client.force_login(user)
    me = _me(client)
    assert permissions.roles_by_organisation(me) == {organisation.pk: Role.COORDINATOR, other.pk: Role.REPORTER}
    Membership.objects.filter(user=user, organisation=organisation).update(role=Role.READER)
    Membership.objects.filter(user=user, organisation=other).delete()
    me = _me(client)
    assert permissions.roles_by_organisation(me) == {organisation.pk: Role.READER}
    assert not permissions.may_report_for(me, organisation.pk)
    assert not permissions.may_report_for(me, other.pk)
    Membership.objects.filter(user=user).delete()
    assert permissions.roles_by_organisation(_me(client)) == {}


def test_get_user__password_change_elsewhere_ends_the_session(client):
    user = user_with_role(Role.MEMBER)
    client.force_login(user)
    assert _me(client).is_authenticated
    user.set_password("ett-helt-annat-losenord-42")
    user.save()
    assert _me(client).is_anonymous


def test_has_device__device_added_after_a_password_only_session_logs_out(client):
    user = user_with_role(Role.MEMBER)
    client.force_login(user)
    assert _me(client).is_authenticated
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = client.get(reverse("home:start"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert _me(client).is_anonymous


def test_has_device__unconfirmed_device_does_not_count(client):
    user = user_with_role(Role.MEMBER)
    TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    client.force_login(user)
    assert client.get(reverse("home:start")).status_code == 200


def test_session_engine__expired_session_is_not_read(client):
    user = user_with_role(Role.MEMBER)
    client.force_login(user)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert _me(client).is_anonymous


@pytest.mark.parametrize("key", ["", "x", "a" * 7, "!!!!!!!!!!!!", "a" * 5000, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"])
def test_session_engine__garbage_key_is_a_new_empty_session(client, key):
    client.cookies["sessionid"] = key
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous
    store = SessionStore(key)
    assert dict(store.items()) == {}
    assert store.session_key != key or not key


def test_session_engine__logout_deletes_and_login_cycles_the_key(client):
    user = user_with_role(Role.MEMBER)
    client.get(reverse("home:start"))
    before = SessionStore()
    before["x"] = 1
    before.create()
    client.cookies["sessionid"] = before.session_key
    client.force_login(user)
    logged_in = client.cookies["sessionid"].value
    assert logged_in != before.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=logged_in).exists()
    client.cookies["sessionid"] = logged_in
    assert _me(client).is_anonymous


def test_fixed_fragments__names_tokens_and_links_per_user(client):
    admin = user_with_role(Role.ADMIN, full_name="Adminia Första")
    member = user_with_role(Role.MEMBER, full_name="Medlem Andra")
    client.force_login(admin)
    first = client.get(reverse("home:start") + "?a=1")
    client.logout()
    client.force_login(member)
    second = client.get(reverse("home:start") + "?b=2")
    one, two = first.content.decode(), second.content.decode()
    assert "Adminia Första" in one and "Adminia Första" not in two and "Medlem Andra" in two
    assert reverse("accounts:register") in one and reverse("accounts:register") not in two
    assert "?a=1" in one and "?a=1" not in two and "?b=2" in two
    token_one = first.context["csrf_token"]
    token_two = second.context["csrf_token"]
    assert str(token_one) in one and str(token_one) not in two and str(token_two) in two


def test_report__for_an_organisation_not_ones_own_is_refused():
    cats = ensure_default_categories()
    own = OrganisationFactory()
    stranger = OrganisationFactory()
    reporter = user_with_role(Role.REPORTER, own)
    reader = user_with_role(Role.READER, stranger)
    kwargs = {"categories": [cats["graffiti"]], "occurred_at": timezone.now(), "text": "t"}
    with pytest.raises(PermissionDeniedError):
        incident_report(actor=reporter, reporting_organisation=stranger, **kwargs)
    with pytest.raises(PermissionDeniedError):
        incident_report(actor=reader, reporting_organisation=stranger, **kwargs)
    inactive_super = UserFactory(is_superuser=True, is_active=False)
    with pytest.raises(PermissionDeniedError):
        incident_report(actor=inactive_super, reporting_organisation=stranger, **kwargs)
    assert not Incident.objects.exists()


def test_create_audited__m2m_from_an_iterator_is_audited_as_saved():
    cats = ensure_default_categories()
    partner = OrganisationFactory()
    actor = user_with_role(Role.REPORTER, OrganisationFactory())
    incident = create_audited(
        model=Incident,
        actor=actor,
        m2m={"categories": iter([cats["graffiti"]]), "shared_with": iter([partner])},
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.now(),
        title="t",
        description="t",
        district=AreaFactory(),
        classification="restricted",
    )
    assert list(incident.shared_with.all()) == [partner]
    events = AuditEvent.objects.filter(object_id=str(incident.pk)).order_by("pk")
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changes == {"categories": [[], [cats["graffiti"].pk]], "shared_with": [[], [partner.pk]]}


@pytest.mark.django_db(transaction=True)
def test_create_audited__a_failing_m2m_leaves_neither_row_nor_audit():
    actor = user_with_role(Role.REPORTER, OrganisationFactory())
    with pytest.raises(IntegrityError):  # SQLite checks the foreign key at the commit
        create_audited(
            model=Incident,
            actor=actor,
            m2m={"shared_with": [999_999]},
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.now(),
            title="t",
            description="t",
            district=AreaFactory(),
            classification="restricted",
        )
    assert not Incident.objects.exists()
    assert not AuditEvent.objects.filter(object_type__icontains="incident").exists()


def test_report__share_with_an_organisation_that_does_not_exist_is_a_form_error(client):
    ensure_default_categories()
    own = OrganisationFactory()
    client.force_login(user_with_role(Role.REPORTER, own))
    response = client.post(
        reverse("incidents:report"),
        {
            "categories": ["graffiti"],
            "occurred_at": "2026-12-01T10:00",
            "text": "t",
            "reporting_organisation": own.pk,
            "classification": "restricted",
            "shared_with": ["999999", "x", str(2**70)],
        },
    )
    assert response.status_code in (200, 400)
    assert not Incident.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/incidents.geojson", "/api/v1/incidents.csv"])
def test_api_status__a_reader_never_sees_pending_tips(client, review_world, path):  # noqa: F811
    reader = user_with_role(Role.MEMBER, OrganisationFactory())
    assert not permissions.can_see_incidents_in_review_status(reader, "pending")
    client.force_login(reader)
    for status in ("pending", "routed", ""):
        response = client.get(path, {"status": status} if status else {})
        assert response.status_code == 200, response.content
        body = response.content.decode()
        assert PENDING not in body and ROUTED not in body


@pytest.mark.parametrize("path", ["/api/v1/incidents.geojson", "/api/v1/incidents.csv"])
@pytest.mark.parametrize("status", ["pending", "routed", "duplicate", "bogus", "x" * 5000, "\x00"])
def test_api_status__anonymous_or_hostile_status_is_refused_not_500(client, review_world, path, status):  # noqa: F811
    response = client.get(path, {"area": review_world["area"].pk, "status": status})
    assert response.status_code in (400, 422)
    assert PENDING not in response.content.decode()


def _csp_headers(middleware_class, path, decorate, nonce):
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get(path)

    def view(request):
        if nonce:
            str(request.csp_nonce)
        return HttpResponse("ok")

    middleware = middleware_class(decorate(view) if decorate else view)
    middleware.process_request(request)
    response = middleware.process_response(request, middleware.get_response(request))
    return {h: response.get(h) for h in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")}


def _decorators():
    from csp.decorators import csp, csp_exempt, csp_replace, csp_update

    return [
        None,
        csp_exempt(),
        csp_exempt(REPORT_ONLY=True),
        csp_update({"img-src": ["https://a.example"]}),
        csp_replace({"script-src": ["https://b.example"]}),
        csp({"default-src": ["'none'"]}),
        csp_update({"img-src": ["https://c.example"]}, REPORT_ONLY=True),
    ]


@pytest.mark.parametrize("decorate", range(7))
@pytest.mark.parametrize("nonce", [False, True])
@pytest.mark.parametrize("path", ["/", "/api/v1/incidents.csv", "/static/x.css"])
@pytest.mark.parametrize("report_only", [False, True])
def test_csp_middleware__same_headers_as_django_csp(settings, decorate, nonce, path, report_only):
    from csp.middleware import CSPMiddleware

    from tryggsam.core.middleware import ContentSecurityPolicyMiddleware

    policy = {**settings.CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/static/"]}
    settings.CONTENT_SECURITY_POLICY = policy
    if report_only:
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
            "DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp/"},
            "EXCLUDE_URL_PREFIXES": ["/api/"],
        }
    ours = _csp_headers(ContentSecurityPolicyMiddleware, path, _decorators()[decorate], nonce)
    theirs = _csp_headers(CSPMiddleware, path, _decorators()[decorate], nonce)
    if nonce:  # a fresh nonce per request: compare the rest
        import re

        ours = {k: v and re.sub(r"'nonce-[^']+'", "N", v) for k, v in ours.items()}
        theirs = {k: v and re.sub(r"'nonce-[^']+'", "N", v) for k, v in theirs.items()}
    assert ours == theirs


def test_csp_middleware__settings_change_is_seen(settings):
    from tryggsam.core.middleware import ContentSecurityPolicyMiddleware

    before = _csp_headers(ContentSecurityPolicyMiddleware, "/", None, False)["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    after = _csp_headers(ContentSecurityPolicyMiddleware, "/", None, False)["Content-Security-Policy"]
    assert before != after and after == "default-src 'none'"
