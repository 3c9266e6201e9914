"""The public minutes generated ahead when an audited write changes them (issue 17, item 4): one job
per meeting however many writes come in a row, only the public version, and the daily clean-up of
generated files whose meeting is gone or that are old."""

from __future__ import annotations

import os
import time
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django_q.models import Schedule

from tryggsam.casework.services import measure_update
from tryggsam.core import generated
from tryggsam.meetings import agenda
from tryggsam.meetings.minutes import ahead
from tryggsam.meetings.minutes import generated as minutes_generated
from tryggsam.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ahead_on(settings):
    settings.TRYGGSAM_MINUTES_AHEAD = True


def _stored(root) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file())


def test_minutes_ahead__an_audited_change_generates_the_public_minutes(
    meeting, coordinator, generated_files, django_capture_on_commit_callbacks
):
    item = meeting.items.order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):  # the queue runs inline in the tests
        agenda.item_update_notes(actor=coordinator, item=item, notes="Rådet vill ha fler lampor vid torget.")
    key, _context = minutes_generated.minutes_key(meeting, AnonymousUser(), fmt="pdf", public=True)
    assert generated.stored(key) is not None
    assert _stored(generated_files) == [key.path.name]  # only the public version, nothing else waiting
    assert key.path.name.startswith("public--")


def test_minutes_ahead__many_writes_in_a_row_give_one_job(
    meeting, coordinator, work_rows, django_capture_on_commit_callbacks
):
    item = meeting.items.order_by("position").first()
    with mock.patch("django_q.tasks.async_task") as queued:  # the cluster has not taken the job yet
        for n in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                agenda.item_update_notes(actor=coordinator, item=item, notes=f"Anteckning nummer {n}.")
        with django_capture_on_commit_callbacks(execute=True):  # a work-table row on the agenda
            measure_update(actor=coordinator, measure=work_rows["open"], expected_version=None, title="Ny titel")
    assert queued.call_count == 1
    assert queued.call_args.args[1:] == (meeting.pk,)
    ahead.refresh_public_minutes(meeting.pk)  # the cluster runs it; the next write queues again
    with mock.patch("django_q.tasks.async_task") as queued, django_capture_on_commit_callbacks(execute=True):
        agenda.item_update_notes(actor=coordinator, item=item, notes="En sista anteckning.")
    assert queued.call_count == 1


def test_minutes_ahead__a_work_table_row_finds_the_meetings_of_its_partnership(meeting, work_rows):
    written = frozenset({("casework.measure", str(work_rows["open"].pk)), ("incidents.incident", "*")})
    assert ahead.meetings_written(written) == {meeting.pk}
    assert ahead.meetings_written(frozenset({("incidents.incident", "*")})) == set()


def test_minutes_ahead__turned_off_queues_nothing(meeting, coordinator, settings, django_capture_on_commit_callbacks):
    settings.TRYGGSAM_MINUTES_AHEAD = False
    with mock.patch("django_q.tasks.async_task") as queued, django_capture_on_commit_callbacks(execute=True):
        agenda.item_update_notes(actor=coordinator, item=meeting.items.first(), notes="Inget i kön.")
    assert queued.call_count == 0


def test_generated_clean_up__removes_files_of_gone_meetings_and_old_files(meeting, generated_files):
    kept = generated.FileKey("minutes", str(meeting.pk), "public", "a" * 32, "pdf")
    old = generated.FileKey("minutes", str(meeting.pk), "public", "b" * 32, "docx")
    gone = generated.FileKey(
        "minutes", str(Meeting.objects.order_by("-pk").first().pk + 100), "public", "c" * 32, "pdf"
    )
    for key in (kept, old, gone):
        generated.store(key, b"%PDF")
    month_ago = time.time() - 31 * 86400
    os.utime(old.path, (month_ago, month_ago))
    assert generated.clean_up(days=30) == 2
    assert _stored(generated_files) == [kept.path.name]
    assert not gone.folder.exists()  # its empty folder went too


def test_generated_clean_up__is_scheduled_daily():
    schedule = Schedule.objects.get(name="clean_generated_documents")
    assert schedule.func == "tryggsam.core.generated.clean_up_job"
    assert schedule.schedule_type == Schedule.DAILY


def test_minutes_ahead__each_kind_of_meeting_row_finds_its_current_meeting(meeting, coordinator):
    """The meeting of a written attendance, agenda item or decision (read in one query), and only a
    current version: a meeting that has a next version is not refreshed."""
    item = meeting.items.order_by("position").first()
    decision = agenda.decision_record(actor=coordinator, item=item, text="Rådet beslutade att ses igen.")
    attendance = meeting.attendances.first()
    for written in (
        {("meetings.meeting", str(meeting.pk))},
        {("meetings.agendaitem", str(item.pk))},
        {("meetings.decision", str(decision.pk))},
        {("meetings.attendance", str(attendance.pk))},
        {("meetings.attendance", str(attendance.pk)), ("meetings.decision", str(decision.pk))},
    ):
        assert ahead.meetings_written(frozenset(written)) == {meeting.pk}
    assert ahead.meetings_written(frozenset({("meetings.agendaitem", "0")})) == set()
    newer = Meeting.objects.create(forum=meeting.forum, date=meeting.date, previous_version=meeting, version=2)
    assert ahead.meetings_written(frozenset({("meetings.decision", str(decision.pk))})) == set()
    assert ahead.meetings_written(frozenset({("meetings.meeting", str(newer.pk))})) == {newer.pk}
