"""A council with its area, incidents of every classification, measures, a decided plan and a meeting
to decide in: what the statutory documents are made from. The year is a whole past year."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import AreaFactory, FollowUpFactory, ForumFactory, MeasureFactory, ProblemFactory, user_with_role
from tests.situation.test_situation import _incident
from tryggsam.accounts.models import Role
from tryggsam.forums.models import ForumKind
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.agenda import item_add
from tryggsam.meetings.services import meeting_schedule
from tryggsam.places.models import AreaLevel
from tryggsam.plans.services import focus_area_create, plan_create, plan_decide

YEAR = timezone.localdate().year - 1


def day(month: int, d: int = 15) -> dt.date:
    return dt.date(YEAR, month, d)


@pytest.fixture
def place(db):
    parent = AreaFactory(name="Söderby stadsdelsområde", level=AreaLevel.DISTRICT_AREA)
    return AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=parent)


@pytest.fixture
def council(place, district_admin):
    return ForumFactory(
        name="Brottsförebyggande rådet i Söderby",
        kind=ForumKind.COUNCIL,
        area=place,
        classification="open",
        owner_organisation=district_admin,
    )


@pytest.fixture
def member(district_admin):
    return user_with_role(Role.MEMBER, district_admin, full_name="Mia Medlem")


@pytest.fixture
def data(place, council, district_admin, coordinator):
    """Open graffiti (5) and robberies (2: "<3" for the public), internal vandalism (4), restricted drug
    dealing (3, owned by the district administration); an open, an internal and a restricted measure
    with follow-ups; the council's decided plan with one focus area."""
    cats = ensure_default_categories()
    for i in range(5):
        _incident(place, cats["graffiti"], day(6, 1 + i), classification="open")
    for i in range(2):
        _incident(place, cats["robbery"], day(7, 1 + i), classification="open")
    for i in range(4):
        _incident(place, cats["vandalism"], day(8, 1 + i), classification="internal")
    for i in range(3):
        _incident(place, cats["drug_dealing"], day(9, 1 + i), classification="restricted", owner=district_admin)
    problem = ProblemFactory(forum=council, title="Stök vid torget", area=place, classification="open")
    measures = {}
    for c, title in (
        ("open", "Ny belysning vid torget"),
        ("internal", "INTERN-kameraplan vid torget"),
        ("restricted", "BEGRÄNSAD-spaning vid torget"),
    ):
        measures[c] = MeasureFactory(
            problem=problem,
            title=title,
            classification=c,
            owner_organisation=district_admin,
            responsible_text="Trafikkontoret",
            start_date=day(3, 1),
            end_date=day(11, 30),
        )
        FollowUpFactory(measure=measures[c], date=day(10, 1), text=f"Uppföljd: {title}.", classification=c)
    plan = plan_create(
        actor=coordinator,
        title="Åtgärdsplan för Söderby",
        forum=council,
        valid_from=day(1, 1),
        valid_to=day(12, 31),
        classification="open",
    )
    focus_area_create(actor=coordinator, plan=plan, name="Trygga stråk", goal="Färre som känner sig otrygga")
    plan_decide(actor=coordinator, plan=plan, decided_on=day(1, 10))
    return {"measures": measures, "plan": plan, "categories": cats}


@pytest.fixture
def item(council, coordinator):
    meeting = meeting_schedule(actor=coordinator, forum=council, date=timezone.localdate())
    return item_add(actor=coordinator, meeting=meeting, heading="Lägesbilden för året")
