"""E-mailing the situation report to its subscribers: each subscription gets the report of the last
complete week (Monday–Sunday) or quarter once, as a PDF attachment, seen as the subscriber may see it."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tryggsam.core.mail import send_after_commit
from tryggsam.situation.models import ReportFrequency, ReportSubscription
from tryggsam.situation.report.build import build_report, report_pdf

logger = logging.getLogger(__name__)


def last_complete_period(frequency: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if frequency == ReportFrequency.WEEKLY:
        end = today - dt.timedelta(days=today.weekday() + 1)
        return end - dt.timedelta(days=6), end
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = quarter_start - dt.timedelta(days=1)
    return dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def send_situation_reports(*, today: dt.date | None = None) -> int:
    """Mark each subscription whose period is due as sent and queue its mail, one transaction per
    subscription; the mail leaves after the commit. Returns the number of reports queued. If the
    mail server fails, the mark is put back (and the failure logged) so that the next run tries again."""
    today = today or timezone.localdate()
    sent = 0
    for sub in ReportSubscription.objects.select_related("user", "area").filter(user__is_active=True):
        start, end = last_complete_period(sub.frequency, today)
        if sub.last_period_end and sub.last_period_end >= end:
            continue
        try:
            with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
                locked = ReportSubscription.objects.select_for_update().get(pk=sub.pk)
                previous = locked.last_period_end
                if previous and previous >= end:
                    continue
                report = build_report(sub.user, area=sub.area, start=start, end=end)
                message = EmailMessage(
                    subject=report.title,
                    body="\n".join([*report.summary, "", _("Rapporten finns bifogad som PDF.")]),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[sub.user.email],
                )
                message.attach(f"lagesbild-{sub.area.pk}-{end:%Y-%m-%d}.pdf", report_pdf(report), "application/pdf")
                locked.last_period_end = end
                locked.save(update_fields=["last_period_end"])
                send_after_commit([message], on_failure=partial(_unmark, locked.pk, sent=end, previous=previous))
                sent += 1
        except OSError:  # the report could not be drawn: the others still go
            logger.exception("Lägesbildsrapporten till %s kunde inte skapas", sub.user.email)
    return sent


def _unmark(pk: int, *, sent: dt.date, previous: dt.date | None) -> None:
    ReportSubscription.objects.filter(pk=pk, last_period_end=sent).update(last_period_end=previous)
