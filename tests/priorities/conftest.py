"""A council over a district area with two districts and a place, incidents counted by hand (the
tertial May–August 2025, the one before it, and the same tertial of 2024), problems and measures,
and two organisations (a restricted incident and problem of A count only for A)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    ForumFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.casework.models import MeasureStatus
from tryggsam.crimestats.models import StatisticsImport, SurveyResult
from tryggsam.forums.models import ForumKind
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.places.models import AreaLevel
from tryggsam.priorities.periods import Period

PERIOD = Period("tertial", 2025, 2)  # 2025-05-01 .. 2025-08-31
PREVIOUS_DAY = dt.date(2025, 3, 10)  # in 2025-T1
PERIOD_DAY = dt.date(2025, 6, 10)
LAST_YEAR_DAY = dt.date(2024, 6, 10)  # in 2024-T2
OUTSIDE_DAY = dt.date(2025, 9, 2)  # in 2025-T3: counts nowhere


@dataclass
class Fixture:
    org_a: Any
    org_b: Any
    coordinator_a: Any
    member_a: Any
    member_b: Any
    district_area: Any
    torgby: Any
    angsby: Any
    place: Any
    council: Any


def incident(area, day, *, source=IncidentSource.POLICE_EVENT, classification="internal", owner=None):
    return Incident.objects.create(
        source=source,
        occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 15))),
        district=area,
        district_area=area.parent,
        classification=classification,
        owner_organisation=owner,
        title="Händelse i testet",
    )


@pytest.fixture
def fx(db) -> Fixture:
    org_a = OrganisationFactory(name="Förvaltning A")
    org_b = OrganisationFactory(name="Bolag B")
    district_area = AreaFactory(name="Söderort prov", level=AreaLevel.DISTRICT_AREA)
    torgby = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=district_area)
    angsby = AreaFactory(name="Ängsby", level=AreaLevel.DISTRICT, parent=district_area)
    place = AreaFactory(name="Torgby centrum", level=AreaLevel.PLACE, parent=torgby)
    council = ForumFactory(name="Rådet prov", kind=ForumKind.COUNCIL, area=district_area, owner_organisation=org_a)
    # Torgby: 10 internal in the period (3 of them partners' reports) + 1 restricted of A; 2 before; 1 last year.
    for i in range(10):
        incident(torgby, PERIOD_DAY, source=IncidentSource.PARTNER_REPORT if i < 3 else IncidentSource.POLICE_EVENT)
    incident(torgby, PERIOD_DAY, classification="restricted", owner=org_a)
    for _ in range(2):
        incident(torgby, PREVIOUS_DAY)
    incident(torgby, LAST_YEAR_DAY)
    incident(torgby, OUTSIDE_DAY)
    # Ängsby: 1 in the period, 1 before, none last year.
    incident(angsby, PERIOD_DAY)
    incident(angsby, PREVIOUS_DAY)
    # Problems: at the place in Torgby, open without a measure; in Ängsby, open with an ongoing measure;
    # a closed one in Torgby (not counted); a restricted one of A in Torgby (counted for A only).
    ProblemFactory(forum=council, area=place, title="Stök vid torget", owner_organisation=org_a)
    with_measure = ProblemFactory(forum=council, area=angsby, title="Mörk gångtunnel", owner_organisation=org_a)
    MeasureFactory(problem=with_measure, status=MeasureStatus.ONGOING)
    MeasureFactory(problem=with_measure, status=MeasureStatus.DONE)
    ProblemFactory(forum=council, area=torgby, title="Gammalt ärende", is_closed=True, owner_organisation=org_a)
    ProblemFactory(
        forum=council, area=torgby, title="Hemligt ärende", classification="restricted", owner_organisation=org_a
    )
    source = StatisticsImport.objects.create(file_name="trygghet.csv")
    for year, share in ((2024, 31.0), (2025, 27.5)):
        SurveyResult.objects.create(
            area=torgby,
            area_name="Torgby",
            year=year,
            question="Otrygg ute på kvällen",
            share=share,
            source_import=source,
        )
    return Fixture(
        org_a=org_a,
        org_b=org_b,
        coordinator_a=user_with_role(Role.COORDINATOR, org_a),
        member_a=user_with_role(Role.MEMBER, org_a),
        member_b=user_with_role(Role.MEMBER, org_b),
        district_area=district_area,
        torgby=torgby,
        angsby=angsby,
        place=place,
        council=council,
    )
