"""A town for the public pages (issue 16): an area tree, an open forum, and problems, measures,
follow-ups, citizen promises, published minutes and incidents at every classification, each titled
with a marker that ends in its classification ("PUB-problem-internal")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tests.factories import (
    SQUARE,
    ActionPlanFactory,
    AreaFactory,
    FocusAreaFactory,
    FollowUpFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings import distribution, services
from tryggsam.meetings.models import Meeting
from tryggsam.places.models import AreaLevel
from tryggsam.plans.models import PlanFollowUp
from tryggsam.situation.rollups import add_incidents

CLASSIFICATIONS = ("open", "internal", "restricted")


@dataclass
class Town:
    district_area: object
    district: object
    place: object
    meeting: object
    closed_forum_meeting: object


def markers(body: str, kind: str) -> dict[str, bool]:
    return {c: f"PUB-{kind}-{c}" in body for c in CLASSIFICATIONS}


def build_town() -> Town:
    own = OrganisationFactory(name="Stadsdelsförvaltningen Publik")
    admin = user_with_role("admin", own)
    district_area = AreaFactory(name="Publikområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    district = AreaFactory(name="Publikstaden", level=AreaLevel.DISTRICT, parent=district_area, geometry=SQUARE)
    place = AreaFactory(name="Publiktorget", level=AreaLevel.PLACE, parent=district, geometry=SQUARE)
    forum = ForumFactory(name="Öppna forumet", area=district, classification="open", owner_organisation=own)
    open_problem = None
    for c in CLASSIFICATIONS:
        owned = {"classification": c, "owner_organisation": own}
        problem = ProblemFactory(forum=forum, area=place, title=f"PUB-problem-{c}", **owned)
        MeasureFactory(problem=problem, title=f"PUB-measure-{c} (eget problem)", **owned)
        if c == "open":
            open_problem = problem
        promise = ActionPlanFactory(
            title=f"PUB-promise-{c}",
            kind="citizen_promise",
            status="decided",
            decided_on=dt.date(2026, 3, 1),
            area=district,
            **owned,
        )
        FocusAreaFactory(plan=promise, name=f"PUB-focus-{c}")
        PlanFollowUp.objects.create(plan=promise, date=dt.date(2026, 9, 1), summary=f"PUB-promisefollowup-{c}")
    # Measures and follow-ups of every classification on the open problem, and follow-ups of every
    # classification on the open measure: only the open ones are public.
    measures = {
        c: MeasureFactory(problem=open_problem, title=f"PUB-onopen-{c}", classification=c, owner_organisation=own)
        for c in CLASSIFICATIONS
    }
    for c in CLASSIFICATIONS:
        FollowUpFactory(measure=measures["open"], text=f"PUB-followup-{c}", classification=c, date=dt.date(2026, 11, 1))
        FollowUpFactory(
            measure=measures[c], text=f"PUB-followup-of-{c}-measure", classification="open", date=dt.date(2026, 10, 1)
        )
    ProblemFactory(forum=forum, area=place, title="PUB-problem-closed-open", classification="open", is_closed=True)
    ActionPlanFactory(title="PUB-promise-draft-open", kind="citizen_promise", area=district, classification="open")
    # Published minutes of the open forum; and of a forum that is no longer open.
    meeting = Meeting.objects.create(
        forum=forum, date=dt.date(2026, 11, 5), classification="open", owner_organisation=own
    )
    services.meeting_approve(actor=admin, meeting=meeting)
    distribution.minutes_publish(actor=admin, meeting=meeting)
    closing = ForumFactory(name="PUB-forum-closed-since", area=district, classification="open", owner_organisation=own)
    other = Meeting.objects.create(
        forum=closing, date=dt.date(2026, 11, 6), classification="open", owner_organisation=own
    )
    services.meeting_approve(actor=admin, meeting=other)
    distribution.minutes_publish(actor=admin, meeting=other)
    type(closing).objects.filter(pk=closing.pk).update(classification="internal")
    # The situation picture: four open graffiti incidents and one open littering incident in the place.
    categories = ensure_default_categories()
    made = []
    for code, n in (("graffiti", 4), ("litter", 1), ("burglary", 5)):
        for i in range(n):
            incident = Incident.objects.create(
                source=IncidentSource.PARTNER_REPORT,
                occurred_at=timezone.now() - dt.timedelta(days=2, hours=i),
                title=f"PUB-incident-{code}-{i}",
                lat=59.305,
                lon=18.005,
                precision=Precision.PLACE,
                place=place,
                district=district,
                district_area=district_area,
                # the burglaries are internal: the public picture does not count them at all
                classification="internal" if code == "burglary" else "open",
                owner_organisation=own,
            )
            incident.categories.add(categories[code])
            made.append((incident, [categories[code].pk]))
    add_incidents(made)
    return Town(district_area, district, place, meeting, other)
