import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.two_factor_helpers import code_for, enable, next_code
from tryggsam.accounts import two_factor
from tryggsam.accounts.models import EnrolmentCode
from tryggsam.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


class Clock:
    """The throttling clock of django-otp, moved by the test (no sleeping, no timing)."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timezone.timedelta(seconds=seconds)


@pytest.fixture
def otp_clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("django_otp.models.timezone.now", clock)
    return clock


def _login(client, user, password="losenord-123"):
    return client.post("/konto/logga-in/", {"username": user.email, "password": password})


def test_login__without_device_logs_in_directly(client, coordinator):
    response = _login(client, coordinator)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == coordinator


def test_login__with_device_asks_for_code_and_refuses_replay(client, coordinator):
    device = enable(coordinator)
    response = _login(client, coordinator)
    assert response["Location"] == "/konto/logga-in/kod/"
    assert not client.get("/").context["user"].is_authenticated  # not logged in before the code
    bad = client.post("/konto/logga-in/kod/", {"code": "000000"})
    assert "stämmer inte" in bad.content.decode()
    device.throttle_reset()  # the wrong code above made the device wait a second
    code = next_code(device)
    assert client.post("/konto/logga-in/kod/", {"code": code})["Location"] == "/"
    assert client.get("/").context["user"] == coordinator
    client.logout()
    _login(client, coordinator)
    again = client.post("/konto/logga-in/kod/", {"code": code})  # the same code a second time
    assert again.status_code == 200 and "redan använts" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_login__five_wrong_codes_start_over(client, coordinator):
    enable(coordinator)
    _login(client, coordinator)
    for _ in range(5):
        response = client.post("/konto/logga-in/kod/", {"code": "000000"})
    assert response["Location"] == "/konto/logga-in/"
    assert client.get("/konto/logga-in/kod/")["Location"] == "/konto/logga-in/"


def test_two_factor__guesses_are_limited_per_user_across_logins(client, coordinator, otp_clock):
    """Finding 7: 100 guesses in 20 password logins never locked anything; now the device itself
    (in the database) makes every further try wait twice as long, and a new password login does not
    reset it. An attacker sending a guess every second gets 7 of 100 checked."""
    device = enable(coordinator)
    for _ in range(20):
        _login(client, coordinator)
        for _ in range(5):
            client.post("/konto/logga-in/kod/", {"code": "000000"})
            otp_clock.advance(1)
    device.refresh_from_db()
    assert 2 <= device.throttling_failure_count <= 7
    _login(client, coordinator)
    refused = client.post("/konto/logga-in/kod/", {"code": next_code(device)})  # even the right code
    assert "_auth_user_id" not in client.session
    assert "Vänta" in refused.content.decode()


def test_two_factor__throttle_is_on_the_device_not_the_session(coordinator, otp_clock):
    device = enable(coordinator)
    first, _device = two_factor.totp_verify(user=coordinator, code="000000")
    second, _device = two_factor.totp_verify(user=coordinator, code=next_code(device))
    assert first.outcome is two_factor.Outcome.WRONG
    assert second.outcome is two_factor.Outcome.THROTTLED and second.wait_seconds >= 1
    otp_clock.advance(2)
    ok, verified = two_factor.totp_verify(user=coordinator, code=next_code(device))
    assert ok.ok and verified == device
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_wrong_and_throttled_codes__are_in_the_audit_log(coordinator, otp_clock):
    """Someone holding the password and guessing codes shows in the log; a right code adds nothing."""
    device = enable(coordinator)
    before = AuditEvent.objects.count()
    two_factor.totp_verify(user=coordinator, code="000000")
    two_factor.totp_verify(user=coordinator, code=next_code(device))  # throttled: too soon after a wrong one
    rows = list(AuditEvent.objects.order_by("id")[before:])
    assert [(r.action, r.changes["outcome"][1], r.actor_id) for r in rows] == [
        ("login", "wrong", coordinator.pk),
        ("login", "throttled", coordinator.pk),
    ]
    otp_clock.advance(2)
    assert two_factor.totp_verify(user=coordinator, code=next_code(device))[0].ok
    assert AuditEvent.objects.count() == before + 2


def _grant_enrolment(client, user):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tryggsam.accounts.two_factor.secrets.randbelow", lambda n: 12345678)
        client.post("/konto/tvastegsverifiering/", {"action": "send"})
    response = client.post("/konto/tvastegsverifiering/", {"action": "email_code", "email_code": "12345678"})
    assert response.status_code == 302
    return client.get("/konto/tvastegsverifiering/")  # shows the new secret and QR code


def test_setup__needs_the_emailed_code_before_an_app_can_be_bound(
    client, police_member, django_capture_on_commit_callbacks
):
    """Finding 9: whoever has the password could enrol their own phone on first login."""
    client.force_login(police_member)
    page = client.get("/konto/tvastegsverifiering/").content.decode()
    assert "otpauth://" not in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=police_member).exists()
    wrong = client.post("/konto/tvastegsverifiering/", {"action": "email_code", "email_code": "11111111"})
    assert "gått ut" in wrong.content.decode()  # no code was sent yet
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _grant_enrolment(client, police_member)
    mails = [c for c in callbacks if getattr(getattr(c, "func", None), "__name__", "") == "send_mail"]
    assert len(mails) == 1 and mail.outbox[-1].to == [police_member.email]  # one mail, after commit
    assert "12345678" in mail.outbox[-1].body
    stored = EnrolmentCode.objects.get(user=police_member)
    assert "12345678" not in stored.code_hash and stored.used_at is not None  # hashed at rest, used once
    page = client.get("/konto/tvastegsverifiering/").content.decode()
    assert "otpauth://totp/TryggSam" in page and "<svg" in page  # QR code as inline SVG
    device = TOTPDevice.objects.get(user=police_member, confirmed=False)
    client.post("/konto/tvastegsverifiering/", {"action": "confirm", "code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(object_type="otp_totp.totpdevice", note__contains="aktiverad").exists()
    assert client.get("/forum/").status_code == 200  # the enrolling session counts as verified


def test_enrolment_code__is_one_time_short_lived_and_limited(police_member, settings):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tryggsam.accounts.two_factor.secrets.randbelow", lambda n: 42)
        row = two_factor.enrolment_code_send(user=police_member)
    assert two_factor.enrolment_code_redeem(user=police_member, code="00000042").ok
    assert two_factor.enrolment_code_redeem(user=police_member, code="00000042").outcome is two_factor.Outcome.EXPIRED
    EnrolmentCode.objects.filter(pk=row.pk).update(used_at=None, expires_at=timezone.now() - timezone.timedelta(1))
    assert not two_factor.enrolment_code_redeem(user=police_member, code="00000042").ok  # expired
    EnrolmentCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() + timezone.timedelta(1))
    for _ in range(settings.TRYGGSAM_ENROLMENT_CODE_TRIES):
        two_factor.enrolment_code_redeem(user=police_member, code="99999999")
    assert not two_factor.enrolment_code_redeem(user=police_member, code="00000042").ok  # too many wrong


def test_enrolment_code__not_sent_twice_a_minute(police_member):
    from tryggsam.core.errors import ServiceError

    two_factor.enrolment_code_send(user=police_member)
    with pytest.raises(ServiceError, match="Vänta"):
        two_factor.enrolment_code_send(user=police_member)


@override_settings(TRYGGSAM_REQUIRE_2FA=True)
def test_required_2fa__coordinator_is_sent_to_setup_member_is_not(client, coordinator, police_member):
    client.force_login(coordinator)
    assert client.get("/forum/")["Location"] == "/konto/tvastegsverifiering/"
    assert client.get("/konto/tvastegsverifiering/").status_code == 200
    _grant_enrolment(client, coordinator)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    client.post("/konto/tvastegsverifiering/", {"action": "confirm", "code": code_for(device)})
    assert client.get("/forum/").status_code == 200
    client.force_login(police_member)
    assert client.get("/forum/").status_code == 200


def test_session_without_second_factor__is_ended_for_a_user_with_a_device(client, coordinator):
    """A session from any password-only path (finding 6's admin login, or a future one) is not valid."""
    enable(coordinator)
    client.force_login(coordinator)
    response = client.get("/forum/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert "_auth_user_id" not in client.session


def test_disable__needs_a_current_code_and_is_audited(client, coordinator):
    device = enable(coordinator)
    _login(client, coordinator)
    client.post("/konto/logga-in/kod/", {"code": next_code(device)})
    client.post("/konto/tvastegsverifiering/", {"code": next_code(device)})
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert AuditEvent.objects.filter(object_type="otp_totp.totpdevice", note__contains="avstängd").exists()


def test_enrolment_code__a_new_code_removes_the_used_and_expired_ones(police_member):
    first = two_factor.enrolment_code_send(user=police_member)
    EnrolmentCode.objects.filter(pk=first.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=2))
    second = two_factor.enrolment_code_send(user=police_member)
    assert list(EnrolmentCode.objects.filter(user=police_member)) == [second]
    assert AuditEvent.objects.filter(object_type="accounts.enrolmentcode", object_id=str(first.pk)).exists()
