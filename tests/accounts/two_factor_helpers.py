"""Test helpers: enrol a device through the services and compute its codes as the app would."""

import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts import two_factor


def code_for(device: TOTPDevice, *, steps: int = 0) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps)).zfill(6)


def enable(user) -> TOTPDevice:
    device = two_factor.totp_begin(user=user)
    assert two_factor.totp_confirm(user=user, code=code_for(device)).ok
    device.refresh_from_db()
    return device


def next_code(device: TOTPDevice) -> str:
    """A code that the device has not accepted yet: the current one, or the next step's."""
    device.refresh_from_db()
    current = int((time.time() - device.t0) // device.step)
    return code_for(device, steps=max(current, device.last_t + 1) - current)
