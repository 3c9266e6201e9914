import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from tryggsam.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "Sommar2026",
        "Stockholm123",
        "Oktober2025!",
        "S0mmar2026!!",
        "2026vinter",
        "Göteborg1234",
        "Hejhej123456",
        "Sommarsol2026",
        "Lösenord2026",
        "Fredag-13-13",
    ],
)
def test_common_swedish_passwords__are_refused(password):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any("lätt att gissa" in message for message in error.value.messages)


@pytest.mark.parametrize("password", ["korv-fönster-molnig-7", "Blåklint+trappa+regnrock", "Vinterkväll i lådan 9"])
def test_passphrases__are_accepted(password):
    validate_password(password)


@pytest.mark.parametrize(
    "password", ["BlaHenriettaHav77", "Lindqvist#Blue42", "Kommunal-Hlindq-88", "L1ndqv1st-vid-sjön"]
)
def test_own_name_or_email__is_refused(password):
    user = UserFactory(full_name="Henrietta Lindqvist", email="hlindq@sundbyviken.se")
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert any("namn" in message for message in error.value.messages)


def test_password_change__checks_the_rules_audits_and_tells_the_owner(
    client, police_member, django_capture_on_commit_callbacks
):
    client.force_login(police_member)
    assert client.get("/konto/losenord/").status_code == 200
    weak = client.post(
        "/konto/losenord/",
        {"old_password": "losenord-123", "new_password1": "Sommar2026", "new_password2": "Sommar2026"},
    )
    assert weak.status_code == 200 and "lätt att gissa" in weak.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/konto/losenord/",
            {
                "old_password": "losenord-123",
                "new_password1": "tre-trötta-tranor!",
                "new_password2": "tre-trötta-tranor!",
            },
        )
    assert done["Location"] == "/konto/losenord/klart/"
    police_member.refresh_from_db()
    assert police_member.check_password("tre-trötta-tranor!")
    assert AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(police_member.pk), note="Lösenord ändrat"
    ).exists()
    assert mail.outbox[-1].to == [police_member.email] and "ändrats" in mail.outbox[-1].subject
    assert client.get("/konto/losenord/klart/").status_code == 200  # still logged in


def test_password_reset__mail_after_commit_and_link_sets_a_new_password(
    client, police_member, django_capture_on_commit_callbacks
):
    assert "Glömt lösenordet" in client.get("/konto/logga-in/").content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/konto/losenord/aterstall/", {"email": police_member.email})
    assert response["Location"] == "/konto/losenord/aterstall/skickat/"
    assert not mail.outbox and len(callbacks) == 1  # the mail waits for the commit
    callbacks[0]()
    message = mail.outbox[-1]
    assert message.to == [police_member.email] and "Återställ" in message.subject
    link = re.search(r"http://\S+/konto/losenord/aterstall/\S+/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "Välj ett nytt lösenord" in form_page.content.decode()
    post_to = form_page.redirect_chain[-1][0]
    client.post(post_to, {"new_password1": "Kungsholmen2026", "new_password2": "Kungsholmen2026"})
    police_member.refresh_from_db()
    assert police_member.check_password("losenord-123")  # a town and a year is refused
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(post_to, {"new_password1": "grön-kanot-i-dimma", "new_password2": "grön-kanot-i-dimma"})
    assert done["Location"] == "/konto/losenord/aterstall/klart/"
    police_member.refresh_from_db()
    assert police_member.check_password("grön-kanot-i-dimma")
    assert AuditEvent.objects.filter(object_id=str(police_member.pk), note__contains="återställt").exists()
    assert "_auth_user_id" not in client.session  # the reset does not log in (the second factor still applies)


def test_password_reset__unknown_address_says_the_same_and_sends_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/losenord/aterstall/", {"email": "ingen@exempel.se"})
    assert response["Location"] == "/konto/losenord/aterstall/skickat/"
    assert not mail.outbox
