import pdfplumber
import pytest
from django.core import mail
from django.db import transaction

from tests.meetings.conftest import make_public
from tryggsam.audit import services as audit_services
from tryggsam.core.errors import ServiceError
from tryggsam.meetings import services
from tryggsam.meetings.distribution import minutes_publish, minutes_send


def _sending(callbacks: list) -> list:
    """The callbacks left after the rollback, but the audit layer's one for the test's own enclosing
    transaction (it holds what the setup wrote; the rolled-back block's part was dropped)."""
    return [c for c in callbacks if not isinstance(c, audit_services._Writes)]


def test_minutes_send__only_after_approval_each_gets_their_version(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    with pytest.raises(ServiceError, match="justerat"):
        minutes_send(actor=coordinator, meeting=meeting)
    services.meeting_approve(actor=coordinator, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        sent = minutes_send(actor=coordinator, meeting=meeting)
        assert not mail.outbox  # the mail waits for the commit
    people = meeting.attendances.exclude(user=None).exclude(user__email="").count()
    assert sent == people == len(mail.outbox)
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    meeting.refresh_from_db()
    assert meeting.sent_at is not None


def test_minutes_send__nothing_leaves_when_the_transaction_rolls_back(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    services.meeting_approve(actor=coordinator, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert minutes_send(actor=coordinator, meeting=meeting) > 0
        transaction.set_rollback(True)
    assert not _sending(callbacks) and not mail.outbox


def test_published_minutes__anyone_reads_the_open_version_only(client, meeting, coordinator, tmp_path, kvarn):
    make_public(meeting, kvarn)  # the partnership itself is public; its rows keep their own classification
    assert client.get(f"/moten/{meeting.pk}/publicerat.pdf").status_code == 404
    services.meeting_approve(actor=coordinator, meeting=meeting)
    client.force_login(coordinator)
    client.post(f"/moten/{meeting.pk}/publicera/")
    client.logout()
    response = client.get(f"/moten/{meeting.pk}/publicerat.pdf")
    assert response.status_code == 200
    path = tmp_path / "publ.pdf"
    path.write_bytes(response.content)
    with pdfplumber.open(path) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Snabbsanering" in text  # open row (its cell may wrap)
    assert "Spaning" not in text and "Fältgruppen går" not in text


def test_minutes_publish__member_refused(meeting, coordinator, police_member):
    services.meeting_approve(actor=coordinator, meeting=meeting)
    with pytest.raises(ServiceError):
        minutes_publish(actor=police_member, meeting=meeting)
