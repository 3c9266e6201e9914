"""Enrolling an authenticator app in a real browser: the e-mailed code, the QR code as inline SVG
under the Content Security Policy, and the next login asking for a code."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.two_factor_helpers import code_for, next_code

pytestmark = pytest.mark.browser
SERIOUS = ("serious", "critical")


def test_enrolment__email_code_then_qr_then_login_with_code(page, console, live_server, log_in, shot, police_member):
    log_in(page, police_member)
    page.goto(f"{live_server.url}/konto/tvastegsverifiering/")
    assert page.locator("svg").count() == 0
    page.get_by_role("button", name="Skicka kod med e-post").click()
    page.wait_for_load_state()
    code = re.search(r"\b(\d{8})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Kod från e-postmeddelandet").fill(code)
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_selector("figure.qr svg")
    shot(page, "qr")
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert violations == []
    device = TOTPDevice.objects.get(user=police_member, confirmed=False)
    page.get_by_label("Kod från appen").fill(code_for(device))
    page.get_by_role("button", name="Aktivera").click()
    page.wait_for_url(f"{live_server.url}/")
    assert TOTPDevice.objects.filter(user=police_member, confirmed=True).exists()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("E-postadress").fill(police_member.email)
    page.get_by_label("Lösenord").fill("losenord-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/konto/logga-in/kod/")
    page.get_by_label("Kod från appen").fill(next_code(device))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert console.csp_violations == []
