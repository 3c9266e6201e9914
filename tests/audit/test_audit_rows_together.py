"""Audit rows written together (one INSERT per block) record exactly what one row per write records."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.services import audit_record, audit_rows_together
from tryggsam.audit.writes import create_audited, create_audited_many
from tryggsam.meetings.models import Attendance, Meeting

pytestmark = pytest.mark.django_db


def MeetingFactory():
    return Meeting.objects.create(forum=ForumFactory(), date=dt.date(2026, 3, 4))


def _audit_inserts(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith('INSERT INTO "audit_auditevent"'))


def _content(events):
    return [(e.actor_id, e.actor_label, e.action, e.object_type, e.object_repr, e.changes, e.note) for e in events]


def _rows(meeting, names):
    return [{"meeting": meeting, "name": name, "title": "Rektor", "position": n} for n, name in enumerate(names, 1)]


def test_create_audited_many__same_rows_and_audit_rows_as_one_create_audited_per_row(coordinator):
    one_by_one, together = MeetingFactory(), MeetingFactory()
    names = ["Karin Ahl", "Olle Berg", "Sara Lind"]
    singles = [create_audited(model=Attendance, actor=coordinator, **row) for row in _rows(one_by_one, names)]
    with CaptureQueriesContext(connection) as queries:
        many = create_audited_many(model=Attendance, actor=coordinator, rows=_rows(together, names))
    assert _audit_inserts(queries.captured_queries) == 1
    assert [a.pk for a in many] == list(together.attendances.order_by("position").values_list("pk", flat=True))

    def audit_of(objects):
        events = AuditEvent.objects.filter(
            object_type="meetings.attendance", object_id__in=[str(o.pk) for o in objects]
        )
        content = _content(events.order_by("id"))
        return [(*c[:5], {k: v for k, v in c[5].items() if k not in {"id", "meeting_id"}}, c[6]) for c in content]

    assert audit_of(many) == audit_of(singles) and len(audit_of(many)) == 3


def test_audit_rows_together__one_insert_in_order_and_nothing_when_the_block_fails(coordinator):
    meeting = MeetingFactory()
    before = AuditEvent.objects.count()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries, audit_rows_together():
        for note in ("första", "andra", "tredje"):
            audit_record(actor=coordinator, action="update", obj=meeting, note=note)
        assert AuditEvent.objects.count() == before  # not yet written
    assert _audit_inserts(queries.captured_queries) == 1
    assert list(AuditEvent.objects.order_by("-id").values_list("note", flat=True)[:3]) == ["tredje", "andra", "första"]
    with pytest.raises(ValueError), transaction.atomic(), audit_rows_together():
        audit_record(actor=coordinator, action="update", obj=meeting, note="ångrad")
        raise ValueError
    assert not AuditEvent.objects.filter(note="ångrad").exists()
    audit_record(actor=coordinator, action="update", obj=meeting, note="efteråt")  # the buffer is gone
    assert AuditEvent.objects.filter(note="efteråt").exists()


@pytest.mark.django_db(transaction=True)
def test_audit_rows_together__refused_outside_a_transaction():
    with pytest.raises(RuntimeError), audit_rows_together():
        pass


def test_create_audited__many_to_many_added_without_reading_them_and_both_audit_rows_in_one_insert(coordinator):
    """A new row has no related rows: they are added without reading the current ones (as `set`
    would), and its create and many-to-many audit rows are written together, the same rows in order."""
    from tests.factories import OrganisationFactory

    first, second = OrganisationFactory(name="Första"), OrganisationFactory(name="Andra")
    with CaptureQueriesContext(connection) as queries:
        meeting = create_audited(
            model=Meeting,
            actor=coordinator,
            forum=ForumFactory(),
            date=dt.date(2026, 3, 4),
            m2m={"shared_with": [second, first]},
        )
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in statements if s.startswith("SELECT") and "meetings_meeting_shared_with" in s]
    assert _audit_inserts(queries.captured_queries) == 1
    assert set(meeting.shared_with.all()) == {first, second}
    events = AuditEvent.objects.filter(object_type="meetings.meeting", object_id=str(meeting.pk)).order_by("id")
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changes == {"shared_with": [[], sorted([first.pk, second.pk])]}
