"""Enrolled users keep their authenticator app when the devices move to django-otp (and back)."""

import pytest
from django_otp.oath import TOTP

from tests import migration_walk

BEFORE = [("accounts", "0002_totp_device")]
AFTER = [("accounts", "0003_two_factor_django_otp")]
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890" (RFC 6238 appendix B)


@pytest.mark.django_db(transaction=True)
def test_two_factor_migration__keeps_secrets_and_last_used_step_both_ways():
    old_apps = migration_walk.migrate(BEFORE)
    try:
        User = old_apps.get_model("accounts", "User")
        Old = old_apps.get_model("accounts", "TOTPDevice")
        enrolled = User.objects.create(email="enrolled@exempel.se", full_name="Enrolled", password="!")
        halfway = User.objects.create(email="halfway@exempel.se", full_name="Halfway", password="!")
        Old.objects.create(user=enrolled, secret=RFC_SECRET, confirmed=True, last_used_step=56_000_000)
        Old.objects.create(user=halfway, secret="JBSWY3DPEHPK3PXP", confirmed=False)

        new_apps = migration_walk.migrate(AFTER)
        devices = list(new_apps.get_model("otp_totp", "TOTPDevice").objects.all())
        assert [(d.user_id, d.confirmed) for d in devices] == [(enrolled.pk, True)]
        device = devices[0]
        assert bytes.fromhex(device.key) == b"12345678901234567890"
        assert device.last_t == 56_000_000 and (device.step, device.digits, device.t0) == (30, 6, 0)
        check = TOTP(bytes.fromhex(device.key), step=30, t0=0, digits=8)
        check.time = 59
        assert check.token() == 94287082  # the RFC test vector: the app's codes are unchanged

        back = migration_walk.migrate(BEFORE)
        restored = back.get_model("accounts", "TOTPDevice").objects.get()
        assert (restored.user_id, restored.secret, restored.confirmed) == (enrolled.pk, RFC_SECRET, True)
        assert restored.last_used_step == 56_000_000
    finally:
        executor = migration_walk.executor()
        executor.migrate(migration_walk.leaves(executor))
