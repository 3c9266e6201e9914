"""A council meeting with a place partnership whose work tables hold open, internal and restricted
rows. The texts are the project's own."""

import datetime as dt

import pytest

from tests.factories import (
    FollowUpFactory,
    ForumFactory,
    ForumMemberFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.casework.models import MeasureStatus, WorkKind
from tryggsam.core.models import Classification
from tryggsam.forums.models import ForumKind, ForumRole
from tryggsam.meetings import services

MEETING_DATE = dt.date(2021, 10, 15)  # a Friday


@pytest.fixture
def council(db, district_admin):
    return ForumFactory(name="Trygghetsrådet i Norrviken", kind=ForumKind.COUNCIL, owner_organisation=district_admin)


@pytest.fixture
def kvarn(council, district_admin):
    return ForumFactory(
        name="Platssamverkan Kvarnbacken",
        parent=council,
        description="Torget och gångstråken mot stationen.",
        owner_organisation=district_admin,
    )


@pytest.fixture
def chair(district_admin):
    return user_with_role(Role.MEMBER, district_admin, full_name="Ylva Ordförandesson", title="Nämndens ordförande")


@pytest.fixture
def secretary(coordinator):
    coordinator.title = "Trygghetsstrateg"
    coordinator.phone = "08-123 456 78"
    coordinator.save()
    return coordinator


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Kvarnskolan", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def work_rows(kvarn, district_admin, police):
    """Open, internal and restricted rows in both tables of the partnership."""
    open_problem = ProblemFactory(
        forum=kvarn,
        title="Kvarntorget: klotter på busskuren",
        classification=Classification.OPEN,
        owner_organisation=district_admin,
    )
    open_measure = MeasureFactory(
        problem=open_problem,
        title="Snabbsanering inom ett dygn",
        participants_text="Fastighetsägaren, trafikbolaget",
        responsible_text="Parkingenjören",
        status=MeasureStatus.ONGOING,
    )
    FollowUpFactory(measure=open_measure, text="Saneras nu samma dag.", date=dt.date(2021, 9, 1))
    internal_problem = ProblemFactory(
        forum=kvarn, title="Stationsgången: ungdomar samlas sent", owner_organisation=district_admin
    )
    internal_measure = MeasureFactory(
        problem=internal_problem, title="Fältgruppen går kvällspass", responsible_text="Fältgruppen"
    )
    restricted_problem = ProblemFactory(
        forum=kvarn,
        title="Källarförrådet: misstänkt langning",
        classification=Classification.RESTRICTED,
        owner_organisation=police,
    )
    restricted_measure = MeasureFactory(problem=restricted_problem, title="Spaning i samverkan med värden")
    development = ProblemFactory(
        forum=kvarn,
        kind=WorkKind.DEVELOPMENT,
        title="Kvarntorget: mer liv på kvällarna",
        classification=Classification.OPEN,
        owner_organisation=district_admin,
    )
    development_measure = MeasureFactory(
        problem=development,
        title="Sommartorg med unga feriearbetare",
        responsible_text="Kommunikatören",
        status=MeasureStatus.PLANNED,
    )
    return {
        "open": open_measure,
        "internal": internal_measure,
        "restricted": restricted_measure,
        "development": development_measure,
    }


@pytest.fixture
def meeting(council, kvarn, coordinator, secretary, chair, police_member, school, work_rows):
    """The council meeting of 17 September 2021, called, with the standard agenda."""
    ForumMemberFactory(forum=council, user=chair, role=ForumRole.CHAIR, title="Ordförande i nämnden")
    ForumMemberFactory(forum=council, user=police_member, title="Kommunpolis")
    ForumMemberFactory(forum=council, user=secretary, role=ForumRole.SECRETARY)
    ForumMemberFactory(forum=council, user=None, organisation=school)
    meeting = services.meeting_schedule(
        actor=coordinator,
        forum=council,
        date=MEETING_DATE,
        start_time=dt.time(9),
        end_time=dt.time(11),
        location="Stadsdelshuset, rum Gläntan",
        chair=chair,
        secretary=secretary,
    )
    services.meeting_call(
        actor=coordinator,
        meeting=meeting,
        guests=[{"name": "Gustav Gästberg", "title": "Brandinspektör", "organisation_text": "Räddningstjänsten"}],
    )
    services.agenda_from_template(actor=coordinator, meeting=meeting)
    return meeting


@pytest.fixture
def next_meeting(council, coordinator):
    return services.meeting_schedule(
        actor=coordinator,
        forum=council,
        date=dt.date(2022, 4, 22),
        start_time=dt.time(9),
        end_time=dt.time(11),
        location="Stadsdelshuset, stora salen",
    )


def make_public(meeting, *forums):
    """Open the meeting, its agenda items and the given forums (the council, a partnership) to the
    public, as a council does for minutes it publishes; the work tables' rows keep their own
    classification."""
    from tryggsam.forums.models import Forum
    from tryggsam.meetings.models import Meeting

    Forum.objects.filter(pk__in=[meeting.forum_id, *(f.pk for f in forums)]).update(classification=Classification.OPEN)
    Meeting.objects.filter(pk=meeting.pk).update(classification=Classification.OPEN)
    meeting.items.update(classification=Classification.OPEN)
    meeting.refresh_from_db()
    for forum in forums:
        forum.refresh_from_db()
    return meeting
