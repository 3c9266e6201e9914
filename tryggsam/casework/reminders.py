"""Reminders of due follow-ups: each responsible person gets one e-mail per day listing the measures
whose next follow-up is due (today or within the lead time) or overdue, and each measure is
mentioned to a person once per due date, whatever how often the job runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.casework.models import Measure, ReminderSent
from tryggsam.casework.selectors import OPEN_STATUSES
from tryggsam.core.mail import send_after_commit

LEAD_DAYS = 3


@dataclass
class ReminderResult:
    emails: int = 0
    measures: int = 0


def _base_url() -> str:
    return getattr(settings, "TRYGGSAM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def send_reminders(*, today: dt.date | None = None, dry_run: bool = False) -> ReminderResult:
    today = today or timezone.localdate()
    due = (
        Measure.objects.filter(
            status__in=OPEN_STATUSES,
            responsible_user__isnull=False,
            responsible_user__is_active=True,
            next_follow_up__isnull=False,
            next_follow_up__lte=today + dt.timedelta(days=LEAD_DAYS),
        )
        .exclude(responsible_user__email="")
        .select_related("responsible_user", "problem", "problem__forum")
        .order_by("next_follow_up", "id")
    )
    sent = set(ReminderSent.objects.filter(measure__in=due).values_list("measure_id", "recipient_id", "due_date"))
    by_person: dict[int, list[Measure]] = defaultdict(list)
    for measure in due:
        user = measure.responsible_user
        assert user is not None
        if (measure.pk, user.pk, measure.next_follow_up) in sent or not permissions.can_view(user, measure):
            continue
        by_person[user.pk].append(measure)
    result = ReminderResult()
    for measures in by_person.values():
        user = measures[0].responsible_user
        assert user is not None
        if not dry_run and not _send(user, measures, today):
            continue
        result.emails += 1
        result.measures += len(measures)
    return result


def _send(user: Person, measures: list[Measure], today: dt.date) -> bool:
    """Record the reminders and queue the mail in one transaction; the mail leaves after the commit.
    If another run recorded them first, nothing is sent twice; if the mail server fails, the records
    are removed again (and the failure logged) so that the next run tries again."""
    try:
        with transaction.atomic():
            records = [
                ReminderSent.objects.create(measure=m, recipient=user, due_date=m.next_follow_up or today)
                for m in measures
            ]
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "casework/reminder_email.txt",
                    {
                        "user": user,
                        "today": today,
                        "rows": [(m, _base_url() + reverse("casework:measure_detail", args=[m.pk])) for m in measures],
                        "due_url": _base_url() + reverse("casework:due"),
                    },
                )
                subject = _("TryggSam: %(n)d uppföljningar att göra") % {"n": len(measures)}
            send_after_commit(
                [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])],
                on_failure=partial(_forget, [record.pk for record in records]),
            )
    except IntegrityError:
        return False
    return True


def _forget(record_ids: list[int]) -> None:
    ReminderSent.objects.filter(pk__in=record_ids).delete()
