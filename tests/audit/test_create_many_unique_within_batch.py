"""`audit.writes.create_audited_many` refuses a batch in which two rows break a unique constraint
together (each row alone passes `full_clean`, which checks against the saved rows only): a Swedish
error naming the rows, and nothing written, neither rows nor audit rows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AreaFactory, ForumFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.writes import create_audited_many
from tryggsam.meetings.models import Attendance, Meeting
from tryggsam.places.models import AreaPopulation

pytestmark = pytest.mark.django_db


def _meeting() -> Meeting:
    return Meeting.objects.create(forum=ForumFactory(), date=dt.date(2026, 5, 6))


def test_create_audited_many__two_rows_with_the_same_key_are_refused_and_nothing_written(coordinator):
    meeting, person = _meeting(), user_with_role(Role.MEMBER)
    rows = [
        {"meeting": meeting, "user": person, "name": "Ida Holm", "position": 1},
        {"meeting": meeting, "user": None, "name": "Gäst", "position": 2},
        {"meeting": meeting, "user": person, "name": "Ida Holm", "position": 3},
    ]
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        create_audited_many(model=Attendance, actor=coordinator, rows=rows)
    message = " ".join(refused.value.messages)
    assert "Rad 1 och 3 i samma omgång" in message and "Inget sparades" in message
    assert not Attendance.objects.exists() and AuditEvent.objects.count() == events


def test_create_audited_many__a_conditional_constraint_counts_only_where_it_holds(coordinator):
    """Attendance is unique per (meeting, user) only where user is set: two guests without an account
    in one meeting are fine."""
    meeting = _meeting()
    rows = [{"meeting": meeting, "user": None, "name": name, "position": n} for n, name in enumerate("AB", 1)]
    assert len(create_audited_many(model=Attendance, actor=coordinator, rows=rows)) == 2


def test_create_audited_many__an_unconditional_constraint_within_the_batch(coordinator):
    area = AreaFactory()
    rows = [{"area": area, "year": 2024, "inhabitants": n, "source": "entered"} for n in (100, 200)]
    with pytest.raises(ValidationError, match="Rad 1 och 2"):
        create_audited_many(model=AreaPopulation, actor=coordinator, rows=rows)
    assert not AreaPopulation.objects.exists()
