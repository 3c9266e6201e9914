"""The council's decided priorities on the situation picture (`selectors.priorities_for_picture`):
what `current_priorities` gives for each council the reader may see, when the picture's area is the
council's, one above it or a prioritised one. The decided lists' ids are read by a statement kept per
reader audience: a new decision and a reader with other rights give another answer."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser

from tests.factories import AreaFactory
from tryggsam.meetings import services as meetings
from tryggsam.priorities import services
from tryggsam.priorities.models import PriorityList
from tryggsam.priorities.selectors import current_priorities, priorities_for_picture

from .conftest import PERIOD

TODAY = dt.date(2025, 10, 1)


def _decide(fx, *, restricted=False):
    draft = services.priority_list_create(actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=TODAY)
    services.priority_list_set_entries(actor=fx.coordinator_a, priority_list=draft, entries=[(fx.torgby, "Ökningen")])
    if restricted:  # as a coordinator could have classified it; the policy reads the column
        PriorityList.objects.filter(pk=draft.pk).update(classification="restricted", owner_organisation=fx.org_a)
    meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 9, 20))
    item = meetings.item_add(actor=fx.coordinator_a, meeting=meeting, heading="Prioriterade områden")
    meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=draft)
    return draft


def test_picture__a_new_decision_shows_for_the_areas_of_the_council(fx):
    assert priorities_for_picture(fx.member_b, fx.torgby) == []  # nothing decided yet (the statement is kept)
    _decide(fx)
    current = current_priorities(fx.member_b, fx.council)
    assert current is not None and [i.area_name for i in current.items] == ["Torgby"]
    for area in (fx.district_area, fx.torgby, fx.place, None):  # the council's area, below it, a polygon
        assert priorities_for_picture(fx.member_b, area) == [current]
    assert priorities_for_picture(fx.member_b, AreaFactory(name="Långt borta")) == []
    assert priorities_for_picture(AnonymousUser(), fx.torgby) == []  # visitors never see the table


def test_picture__a_reader_with_other_rights_gets_another_answer(fx):
    _decide(fx, restricted=True)
    for _ in range(2):  # B's statement is kept first; A must not be given it
        assert priorities_for_picture(fx.member_b, fx.torgby) == []  # restricted to A
        assert [c.council_id for c in priorities_for_picture(fx.member_a, fx.torgby)] == [fx.council.pk]
