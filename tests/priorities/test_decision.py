"""A draft list decided in a meeting of the council (meetings.agenda.decision_decide_priorities),
frozen and naming its meeting; the next meeting's agenda follows it up; the picture shows it."""

import datetime as dt

import pytest

from tests.factories import AreaFactory, ForumFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.meetings import services as meetings
from tryggsam.meetings.models import Decision
from tryggsam.priorities import services
from tryggsam.priorities.models import PriorityList, PriorityStatus
from tryggsam.priorities.selectors import current_priorities

from .conftest import PERIOD

TODAY = dt.date(2025, 10, 1)


@pytest.fixture
def draft(fx):
    return services.priority_list_create(actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=TODAY)


@pytest.fixture
def item(fx):
    meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 9, 20))
    return meetings.item_add(actor=fx.coordinator_a, meeting=meeting, heading="Prioriterade områden")


def test_create__starts_from_the_suggested_ranking_with_its_reasons(fx, draft):
    entries = list(draft.entries.select_related("area"))
    assert [e.area.name for e in entries] == ["Söderort prov", "Torgby"]  # Ängsby scored nothing
    assert "ökning mot föregående tertial" in entries[1].justification
    assert draft.status == PriorityStatus.DRAFT


def test_create__refuses_a_period_not_ended_and_a_member(fx):
    with pytest.raises(ServiceError, match="inte tagit slut"):
        services.priority_list_create(actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=PERIOD.end)
    with pytest.raises(PermissionDeniedError):
        services.priority_list_create(actor=fx.member_a, council=fx.council, period=PERIOD, today=TODAY)


def test_set_entries__refuses_a_foreign_area_and_duplicates(fx, draft):
    elsewhere = AreaFactory(name="Långt borta")
    with pytest.raises(ServiceError, match="hör inte till"):
        services.priority_list_set_entries(actor=fx.coordinator_a, priority_list=draft, entries=[(elsewhere, "")])
    with pytest.raises(ServiceError, match="två gånger"):
        services.priority_list_set_entries(
            actor=fx.coordinator_a, priority_list=draft, entries=[(fx.torgby, ""), (fx.torgby, "")]
        )
    assert draft.entries.count() == 2  # unchanged


def test_decide_in_meeting__freezes_the_list_names_the_meeting_and_audits(fx, draft, item):
    services.priority_list_set_entries(
        actor=fx.coordinator_a, priority_list=draft, entries=[(fx.torgby, "Ökningen"), (fx.angsby, "")]
    )
    before = AuditEvent.objects.count()
    decision = meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=draft)
    draft.refresh_from_db()
    assert draft.status == PriorityStatus.DECIDED
    assert draft.decided_at_meeting == item.meeting and draft.decided_on == item.meeting.date
    assert "1. Torgby, 2. Ängsby" in decision.text and "Tertial 2 2025" in decision.text
    assert AuditEvent.objects.count() >= before + 2  # the list's status and the decision
    assert AuditEvent.objects.filter(object_type__endswith="prioritylist", action="status").exists()
    with pytest.raises(InvalidTransitionError):
        services.priority_list_set_entries(actor=fx.coordinator_a, priority_list=draft, entries=[(fx.angsby, "")])
    current = current_priorities(fx.member_b, fx.council)
    assert current is not None and [i.area_name for i in current.items] == ["Torgby", "Ängsby"]
    assert current.meeting_id == item.meeting_id


def test_decide__refused_in_another_forums_meeting_and_twice_for_a_period(fx, draft, item):
    other = ForumFactory(name="Platssamverkan X", owner_organisation=fx.org_a)
    other_meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=other, date=dt.date(2025, 9, 21))
    other_item = meetings.item_add(actor=fx.coordinator_a, meeting=other_meeting, heading="Punkt")
    with pytest.raises(PermissionDeniedError):
        meetings.decision_decide_priorities(actor=fx.coordinator_a, item=other_item, priority_list=draft)
    with pytest.raises(PermissionDeniedError):
        meetings.decision_decide_priorities(actor=fx.member_a, item=item, priority_list=draft)
    assert not Decision.objects.exists()
    second = services.priority_list_create(actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=TODAY)
    meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=draft)
    with pytest.raises(ServiceError, match="redan beslutat"):
        meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=second)
    assert PriorityList.objects.get(pk=second.pk).status == PriorityStatus.DRAFT
    assert Decision.objects.count() == 1  # the refused decision was undone with the list's


def test_next_agenda__follows_up_the_decided_priorities(fx, draft, item):
    meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=draft)
    later = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 11, 20))
    items = meetings.agenda_from_template(actor=fx.coordinator_a, meeting=later)
    follow_up = [i for i in items if i.heading == "Uppföljning av prioriterade områden"]
    assert len(follow_up) == 1
    assert follow_up[0].depth == 1 and "1. Söderort prov" in follow_up[0].notes
    assert items[follow_up[0].position - 2].heading == "Lägesbild och prioriterade områden"


def test_next_agenda__nothing_to_follow_up_without_a_decided_list(fx, draft):
    later = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 11, 20))
    items = meetings.agenda_from_template(actor=fx.coordinator_a, meeting=later)
    assert not [i for i in items if i.heading == "Uppföljning av prioriterade områden"]
