import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from tests.factories import MeasureFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure, MeasureStatus, ReminderSent
from tryggsam.casework.reminders import send_reminders

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def responsible(district_admin):
    return user_with_role(Role.MEMBER, district_admin, full_name="Ansvarig Andersson", email="ansvarig@exempel.se")


def _measure(responsible, due, **kwargs):
    problem = ProblemFactory(owner_organisation=responsible.memberships.get().organisation)
    return MeasureFactory(problem=problem, responsible_user=responsible, next_follow_up=due, **kwargs)


def test_send_reminders__one_mail_per_person_listing_due_and_overdue(responsible, django_capture_on_commit_callbacks):
    overdue = _measure(responsible, TODAY - dt.timedelta(days=5), title="Belysning i parken")
    soon = _measure(responsible, TODAY + dt.timedelta(days=2), title="Städrunda vid torget")
    _measure(responsible, TODAY + dt.timedelta(days=30), title="Långt fram")
    _measure(responsible, TODAY, title="Redan klar", status=MeasureStatus.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(today=TODAY)
    assert (result.emails, result.measures) == (1, 2)
    message = mail.outbox[0]
    assert message.to == ["ansvarig@exempel.se"]
    assert (
        "Belysning i parken" in message.body and "(försenad)" in message.body and "Städrunda vid torget" in message.body
    )
    assert "Långt fram" not in message.body and "Redan klar" not in message.body
    assert f"/arbete/atgard/{overdue.pk}/" in message.body and f"/arbete/atgard/{soon.pk}/" in message.body


def test_send_reminders__running_twice_sends_nothing_twice(responsible, django_capture_on_commit_callbacks):
    measure = _measure(responsible, TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)
        out = io.StringIO()
        call_command("send_reminders", stdout=out)  # the daily job again, later the same day
    assert len(mail.outbox) == 1
    assert "0 påminnelser" in out.getvalue()
    Measure.objects.filter(pk=measure.pk).update(next_follow_up=TODAY + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=TODAY).emails == 1  # a new due date is a new reminder
    assert len(mail.outbox) == 2


def test_send_reminders__dry_run_sends_and_records_nothing(responsible):
    _measure(responsible, TODAY)
    assert send_reminders(today=TODAY, dry_run=True).emails == 1
    assert not mail.outbox
    assert send_reminders(today=TODAY).emails == 1


def test_send_reminders__failing_mail_is_retried_next_run(responsible, monkeypatch, django_capture_on_commit_callbacks):
    _measure(responsible, TODAY)

    def broken(*args, **kwargs):
        raise OSError("e-postservern svarar inte")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)  # logged; the record of the reminder is removed again
    assert not mail.outbox and not ReminderSent.objects.exists()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=TODAY).emails == 1
    assert len(mail.outbox) == 1


def test_send_reminders__nothing_leaves_when_the_transaction_rolls_back(
    responsible, django_capture_on_commit_callbacks
):
    _measure(responsible, TODAY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert send_reminders(today=TODAY).emails == 1
        assert not mail.outbox  # queued for the commit, not sent inside the transaction
        transaction.set_rollback(True)
    assert not callbacks and not mail.outbox and not ReminderSent.objects.exists()


def test_due_list__filters_by_organisation_and_forum(client, coordinator, responsible, police):
    mine = _measure(
        responsible,
        TODAY,
        title="Förvaltningens åtgärd",
        responsible_organisation=responsible.memberships.get().organisation,
    )
    theirs = MeasureFactory(title="Polisens åtgärd", responsible_organisation=police, next_follow_up=TODAY)
    client.force_login(coordinator)
    html = client.get("/arbete/uppfoljningar/", {"visa": "alla", "organisation": police.pk}).content.decode()
    assert "Polisens åtgärd" in html and "Förvaltningens åtgärd" not in html
    html = client.get("/arbete/uppfoljningar/", {"visa": "alla", "forum": mine.problem.forum_id}).content.decode()
    assert "Förvaltningens åtgärd" in html and "Polisens åtgärd" not in html
    assert theirs.pk != mine.pk


def test_reminder_schedule__installed_by_migration():
    from django_q.models import Schedule

    assert Schedule.objects.filter(name="send_reminders", func="django.core.management.call_command").exists()
