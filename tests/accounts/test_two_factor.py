import time

import pytest
from django.test import override_settings

from tryggsam.accounts import services, totp
from tryggsam.accounts.models import TOTPDevice
from tryggsam.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890" (RFC 6238 appendix B)


@pytest.mark.parametrize(
    ("t", "code"), [(59, "94287082"), (1111111109, "07081804"), (1234567890, "89005924"), (2000000000, "69279037")]
)
def test_code_at__rfc6238_test_vectors(t, code):
    assert totp.code_at(RFC_SECRET, t // 30, digits=8) == code


def test_matching_step__accepts_neighbouring_step_only():
    now = 1_700_000_000
    code = totp.code_at(RFC_SECRET, totp.current_step(now) - 1)
    assert totp.matching_step(RFC_SECRET, code, now=now) == totp.current_step(now) - 1
    old = totp.code_at(RFC_SECRET, totp.current_step(now) - 3)
    assert totp.matching_step(RFC_SECRET, old, now=now) is None
    assert totp.matching_step(RFC_SECRET, "12 34", now=now) is None


def _login(client, user, password="losenord-123"):
    return client.post("/konto/logga-in/", {"username": user.email, "password": password})


def _enable(user) -> TOTPDevice:
    device = services.totp_begin(user=user)
    services.totp_confirm(user=user, code=totp.code_at(device.secret, totp.current_step() - 1))
    device.refresh_from_db()
    return device


def test_login__without_device_logs_in_directly(client, coordinator):
    response = _login(client, coordinator)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == coordinator


def test_login__with_device_asks_for_code_and_refuses_replay(client, coordinator):
    device = _enable(coordinator)
    response = _login(client, coordinator)
    assert response["Location"] == "/konto/logga-in/kod/"
    assert not client.get("/").context["user"].is_authenticated  # not logged in before the code
    bad = client.post("/konto/logga-in/kod/", {"code": "000000"})
    assert "stämmer inte" in bad.content.decode()
    code = totp.code_at(device.secret, totp.current_step())
    assert client.post("/konto/logga-in/kod/", {"code": code})["Location"] == "/"
    assert client.get("/").context["user"] == coordinator
    client.logout()
    _login(client, coordinator)
    again = client.post("/konto/logga-in/kod/", {"code": code})  # the same code a second time
    assert again.status_code == 200 and "redan använts" in again.content.decode()


def test_login__five_wrong_codes_start_over(client, coordinator):
    _enable(coordinator)
    _login(client, coordinator)
    for _ in range(5):
        response = client.post("/konto/logga-in/kod/", {"code": "000000"})
    assert response["Location"] == "/konto/logga-in/"
    assert client.get("/konto/logga-in/kod/")["Location"] == "/konto/logga-in/"


def test_setup__confirm_with_code_is_audited(client, police_member):
    client.force_login(police_member)
    page = client.get("/konto/tvastegsverifiering/").content.decode()
    assert "otpauth://totp/TryggSam" in page
    device = TOTPDevice.objects.get(user=police_member)
    client.post("/konto/tvastegsverifiering/", {"code": totp.code_at(device.secret, int(time.time() // 30))})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(object_type="accounts.totpdevice", note__contains="aktiverad").exists()


@override_settings(TRYGGSAM_REQUIRE_2FA=True)
def test_required_2fa__coordinator_is_sent_to_setup_member_is_not(client, coordinator, police_member):
    client.force_login(coordinator)
    assert client.get("/forum/")["Location"] == "/konto/tvastegsverifiering/"
    assert client.get("/konto/tvastegsverifiering/").status_code == 200
    _enable(coordinator)
    assert client.get("/forum/").status_code == 200
    client.force_login(police_member)
    assert client.get("/forum/").status_code == 200
