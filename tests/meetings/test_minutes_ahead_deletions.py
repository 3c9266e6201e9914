"""A deletion changes the public minutes as much as an edit: an agenda item, a decision, an attendance
or a follow-up removed by an audited write queues the refresh of its meeting's public minutes, though
the row is gone when the transaction commits (the meeting is found through the audited deletion)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import transaction

from tryggsam.audit.services import audit_delete
from tryggsam.casework.models import FollowUp
from tryggsam.meetings import agenda
from tryggsam.meetings.minutes import ahead
from tryggsam.meetings.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ahead_on(settings):
    settings.TRYGGSAM_MINUTES_AHEAD = True


def _delete_audited(actor, obj) -> None:
    with transaction.atomic():  # as a deleting service would
        audit_delete(actor=actor, obj=obj)
        obj.delete()


def _queued_after(capture, write) -> list[int]:
    with mock.patch("django_q.tasks.async_task") as queued, capture(execute=True):
        write()
    return [call.args[1] for call in queued.call_args_list]


def test_minutes_ahead__a_deleted_agenda_item_queues_its_meeting(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    item = meeting.items.order_by("-position").first()
    queued = _queued_after(django_capture_on_commit_callbacks, lambda: _delete_audited(coordinator, item))
    assert queued == [meeting.pk]


def test_minutes_ahead__a_deleted_decision_or_attendance_finds_its_meeting(meeting, coordinator):
    item = meeting.items.order_by("position").first()
    decision = Decision.objects.create(item=item, text="Rådet beslutar att följa upp frågan.")
    attendance = meeting.attendances.first()
    gone = {("meetings.decision", str(decision.pk)), ("meetings.attendance", str(attendance.pk))}
    for obj in (decision, attendance):
        _delete_audited(coordinator, obj)
    for written in gone:
        assert ahead.meetings_written(frozenset({written})) == {meeting.pk}, written


def test_minutes_ahead__a_deleted_follow_up_finds_the_meetings_of_its_partnership(meeting, coordinator, work_rows):
    follow_up = FollowUp.objects.filter(measure=work_rows["open"]).first()
    agenda.item_add(
        actor=coordinator, meeting=meeting, heading="Kvarntorget", partnership=work_rows["open"].problem.forum
    )
    written = frozenset({("casework.followup", str(follow_up.pk))})
    _delete_audited(coordinator, follow_up)
    assert ahead.meetings_written(written) == {meeting.pk}


def test_minutes_ahead__an_unaudited_gone_row_finds_nothing(meeting):
    assert ahead.meetings_written(frozenset({("meetings.agendaitem", "987654")})) == set()
