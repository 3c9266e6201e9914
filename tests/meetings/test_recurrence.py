import datetime as dt

import pytest

from tests.factories import ForumFactory
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.recurrence import interval, propose_dates

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        ("Fyra gånger per år", ("months", 3)),
        ("Möten hålls fyra gånger per år.", ("months", 3)),
        ("Varje månad", ("months", 1)),
        ("Varannan månad", ("months", 2)),
        ("Varannan vecka", ("days", 14)),
        ("två gånger per termin", ("months", 3)),
        ("Två gånger per år", ("months", 6)),
        ("6 gånger om året", ("months", 2)),
        ("Vid behov", None),
    ],
)
def test_interval__reads_the_usual_cadences(cadence, expected):
    assert interval(cadence) == expected


def test_propose_dates__keeps_weekday_and_time_of_the_last_meeting():
    council = ForumFactory(name="Rådet", kind=ForumKind.COUNCIL, cadence="Fyra gånger per år")
    Meeting.objects.create(forum=council, date=dt.date(2026, 9, 18), start_time=dt.time(9), end_time=dt.time(11))
    proposals = propose_dates(council, count=3, today=TODAY)
    assert [p.date.weekday() for p in proposals] == [4, 4, 4]  # Fridays, like the last meeting
    assert proposals[0].date > TODAY and proposals[0].date.month == 12
    assert (proposals[0].start_time, proposals[0].end_time) == (dt.time(9), dt.time(11))


def test_propose_dates__the_wednesday_before_the_council():
    council = ForumFactory(name="Rådet", kind=ForumKind.COUNCIL, cadence="Fyra gånger per år")
    group = ForumFactory(name="SSPF", kind=ForumKind.WORKING_GROUP, parent=council, cadence="Onsdagen före rådet")
    Meeting.objects.create(forum=council, date=dt.date(2026, 12, 11))  # a Friday
    Meeting.objects.create(forum=council, date=dt.date(2027, 3, 12))
    proposals = propose_dates(group, today=TODAY)
    assert [p.date for p in proposals] == [dt.date(2026, 12, 9), dt.date(2027, 3, 10)]


def test_propose_dates__confirmed_dates_are_not_proposed_again(client, coordinator):
    group = ForumFactory(name="Gruppen", kind=ForumKind.WORKING_GROUP, cadence="Varje månad")
    Meeting.objects.create(forum=group, date=dt.date(2026, 11, 4))
    first = propose_dates(group, count=2, today=TODAY)
    Meeting.objects.create(forum=group, date=first[0].date)
    assert propose_dates(group, count=2, today=TODAY)[0].date == first[1].date


def test_confirm_proposal__coordinator_books_a_proposed_date(client, coordinator):
    group = ForumFactory(name="Gruppen", kind=ForumKind.WORKING_GROUP, cadence="Varannan vecka")
    Meeting.objects.create(
        forum=group, date=dt.date.today() - dt.timedelta(days=3), start_time=dt.time(14), location="Rum 4"
    )
    client.force_login(coordinator)
    page = client.get(f"/forum/{group.pk}/").content.decode()
    assert "Föreslagna mötesdatum" in page
    proposal = propose_dates(group, count=1)[0]
    response = client.post(f"/moten/forslag/{group.pk}/boka/", {"date": proposal.date.isoformat()})
    booked = Meeting.objects.get(forum=group, date=proposal.date)
    assert (
        response["Location"] == f"/moten/{booked.pk}/"
        and booked.location == "Rum 4"
        and booked.start_time == dt.time(14)
    )
    assert client.post(f"/moten/forslag/{group.pk}/boka/", {"date": "1999-01-01"}).status_code == 302
    assert Meeting.objects.filter(forum=group).count() == 2


@pytest.mark.parametrize(
    ("cadence", "last_meeting"),
    [
        ("Varje månad", None),  # no meeting yet: counted from today, a Sunday
        ("Varannan vecka", None),
        ("Varje vecka", None),
        ("Fyra gånger per år", dt.date(2026, 9, 19)),  # a Saturday meeting (a walk) as the anchor
        ("Varje månad", dt.date(2026, 10, 25)),  # a Sunday
    ],
)
def test_propose_dates__only_weekdays(cadence, last_meeting):
    sunday = dt.date(2026, 11, 22)
    group = ForumFactory(name="Gruppen", kind=ForumKind.WORKING_GROUP, cadence=cadence)
    if last_meeting:
        Meeting.objects.create(forum=group, date=last_meeting)
    proposals = propose_dates(group, count=6, today=sunday)
    assert len(proposals) == 6
    assert all(p.date.weekday() < 5 for p in proposals), [p.date for p in proposals]
    assert all(p.date > sunday for p in proposals)
    assert len({p.date for p in proposals}) == 6


def test_propose_dates__a_weekend_day_before_the_council_becomes_the_friday_before():
    council = ForumFactory(name="Rådet", kind=ForumKind.COUNCIL, cadence="Fyra gånger per år")
    group = ForumFactory(name="Vandring", kind=ForumKind.WORKING_GROUP, parent=council, cadence="Lördagen före rådet")
    Meeting.objects.create(forum=council, date=dt.date(2026, 12, 11))  # a Friday
    proposals = propose_dates(group, today=TODAY)
    assert [p.date for p in proposals] == [dt.date(2026, 12, 4)]


def test_propose_dates__not_on_a_public_holiday_or_eve():
    """A monthly Thursday meets on 24 December (julafton) in 2026: proposed on the next working day."""
    group = ForumFactory(name="Gruppen", kind=ForumKind.WORKING_GROUP, cadence="Varje månad")
    Meeting.objects.create(forum=group, date=dt.date(2026, 11, 26))  # a Thursday
    proposals = propose_dates(group, count=2, today=TODAY)
    assert [p.date for p in proposals] == [dt.date(2026, 12, 28), dt.date(2027, 1, 21)]


def test_propose_dates__before_the_council_on_a_holiday_becomes_the_working_day_before():
    council = ForumFactory(name="Rådet", kind=ForumKind.COUNCIL, cadence="Fyra gånger per år")
    group = ForumFactory(name="SSPF", kind=ForumKind.WORKING_GROUP, parent=council, cadence="Onsdagen före rådet")
    Meeting.objects.create(forum=council, date=dt.date(2027, 1, 8))  # the Wednesday before is 6 January
    assert [p.date for p in propose_dates(group, today=TODAY)] == [dt.date(2027, 1, 5)]
