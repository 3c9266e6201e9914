"""The pages: login required, sortable table, hostile input answered in Swedish (never a 500), the
meeting's decision over HTTP and the council's priorities on the situation picture."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ForumFactory
from tryggsam.meetings import services as meetings
from tryggsam.priorities import services
from tryggsam.priorities.models import PriorityList, PriorityStatus

from .conftest import PERIOD

TODAY = dt.date(2025, 10, 1)


def _table(client, fx, **params):
    return client.get(reverse("priorities:table", args=[fx.council.pk]), {"period": PERIOD.key, **params})


def test_table__anonymous_is_sent_to_login(client, fx):
    response = _table(client, fx)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_table__shows_counts_reasons_and_sort_links(client, fx):
    client.force_login(fx.member_a)
    response = _table(client, fx, sortera="antal", ordning="fallande")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Söderort prov") < body.index(">Torgby <") < body.index(">Ängsby <")
    assert "ökning mot föregående tertial" in body
    assert 'aria-sort="descending"' in body
    assert "sortera=antal&amp;ordning=stigande" in body  # the current column's link turns the order
    assert "antal per 1 000 invånare" in body  # says why there are no rates


@pytest.mark.parametrize(
    "params",
    [{"period": "2025-T9"}, {"period": "drop table"}, {"period": "2025-K1"}, {"sortera": "__class__"},
     {"sortera": "antal", "ordning": "upp"}, {"period": "x" * 3000}],
)  # fmt: skip
def test_table__hostile_input_is_a_swedish_400(client, fx, params):
    client.force_login(fx.member_a)
    response = client.get(reverse("priorities:table", args=[fx.council.pk]), params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ogiltig period" in body or "rytm" in body or "sorteras" in body or "stigande eller fallande" in body


def test_table__a_forum_that_is_not_a_council_or_not_there_is_404(client, fx):
    client.force_login(fx.member_a)
    partnership = ForumFactory(name="Platssamverkan Y")
    assert client.get(reverse("priorities:table", args=[partnership.pk])).status_code == 404
    assert client.get(reverse("priorities:table", args=[999999])).status_code == 404
    restricted = ForumFactory(name="Råd B", kind="council", classification="restricted", owner_organisation=fx.org_b)
    assert client.get(reverse("priorities:table", args=[restricted.pk])).status_code == 404


def test_rhythm__coordinator_sets_quarter_member_refused(client, fx):
    url = reverse("priorities:rhythm_set", args=[fx.council.pk])
    client.force_login(fx.member_a)
    assert client.post(url, {"rhythm": "quarter"}).status_code == 403
    client.force_login(fx.coordinator_a)
    assert client.post(url, {"rhythm": "kvartalsvis"}).status_code == 302  # bad choice: a message, nothing saved
    assert client.get(reverse("priorities:table", args=[fx.council.pk]), {"period": "2025-K2"}).status_code == 400
    client.post(url, {"rhythm": "quarter"})
    assert client.get(reverse("priorities:table", args=[fx.council.pk]), {"period": "2025-K2"}).status_code == 200


def test_list_create_and_edit__over_http(client, fx):
    client.force_login(fx.coordinator_a)
    url = reverse("priorities:list_create", args=[fx.council.pk])
    assert client.post(url, {"period": "nonsens"}).status_code == 302
    assert not PriorityList.objects.exists()
    response = client.post(url, {"period": PERIOD.key})
    draft = PriorityList.objects.get()
    assert response["Location"] == reverse("priorities:list_detail", args=[draft.pk])
    detail = reverse("priorities:list_detail", args=[draft.pk])
    same_place = {f"plats_{fx.torgby.pk}": "1", f"plats_{fx.angsby.pk}": "1"}
    response = client.post(detail, same_place)
    assert response.status_code == 400 and "samma plats" in response.content.decode()
    response = client.post(detail, {f"plats_{fx.angsby.pk}": "1", f"motivering_{fx.angsby.pk}": "Nya rapporter"})
    assert response.status_code == 302
    assert [(e.area, e.justification) for e in draft.entries.all()] == [(fx.angsby, "Nya rapporter")]
    client.force_login(fx.member_a)
    assert client.post(detail, {f"plats_{fx.torgby.pk}": "1"}).status_code == 403


def test_meeting_page__decides_a_draft_under_an_item(client, fx):
    draft = services.priority_list_create(actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=TODAY)
    meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 9, 20))
    item = meetings.item_add(actor=fx.coordinator_a, meeting=meeting, heading="Prioriteringar")
    client.force_login(fx.coordinator_a)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Besluta prioriteringar under punkt" in page
    form = client.get(reverse("meetings:item_form", args=[item.pk, "prioriteringar"]))
    assert form.status_code == 200 and str(draft) in form.content.decode()
    response = client.post(reverse("meetings:priorities_decide", args=[item.pk]), {"priority_list": draft.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PriorityStatus.DECIDED and draft.decided_at_meeting_id == meeting.pk
    detail = client.get(reverse("priorities:list_detail", args=[draft.pk])).content.decode()
    assert reverse("meetings:detail", args=[meeting.pk]) in detail


def test_meeting_page__bad_list_is_refused_in_swedish(client, fx):
    meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 9, 20))
    item = meetings.item_add(actor=fx.coordinator_a, meeting=meeting, heading="Prioriteringar")
    client.force_login(fx.coordinator_a)
    response = client.post(reverse("meetings:priorities_decide", args=[item.pk]), {"priority_list": "abc"})
    assert response.status_code == 302
    assert not PriorityList.objects.filter(status=PriorityStatus.DECIDED).exists()


def test_situation_picture__shows_the_decided_priorities_to_who_may_read_them(client, fx):
    draft = services.priority_list_create(
        actor=fx.coordinator_a, council=fx.council, period=PERIOD, today=TODAY, classification="restricted"
    )
    meeting = meetings.meeting_schedule(actor=fx.coordinator_a, forum=fx.council, date=dt.date(2025, 9, 20))
    item = meetings.item_add(actor=fx.coordinator_a, meeting=meeting, heading="Prioriteringar")
    meetings.decision_decide_priorities(actor=fx.coordinator_a, item=item, priority_list=draft)
    params = {"area": fx.torgby.pk, "start": "2025-05-01", "end": "2025-08-31"}
    client.force_login(fx.member_a)
    assert "Rådets prioriterade områden" in client.get(reverse("situation:picture"), params).content.decode()
    client.force_login(fx.member_b)  # the list is restricted to A
    assert "Rådets prioriterade områden" not in client.get(reverse("situation:picture"), params).content.decode()
    client.logout()
    assert "Rådets prioriterade områden" not in client.get(reverse("situation:picture"), params).content.decode()
