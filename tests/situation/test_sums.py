"""`situation.pieces.sums` on PostgreSQL: one statement with the reads and the groups' coefficients as
arrays (`_sums_postgresql`), which must give the rows of the SELECT per read that SQLite runs
(`_sums_per_read`), ordered by the grouping columns."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.models import IncidentCategory, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation import pieces
from tryggsam.situation.selectors import _cut, periods_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement of PostgreSQL"),
]


@pytest.fixture
def world():
    ensure_default_categories()
    categories = [c.pk for c in IncidentCategory.objects.all()[:4]]
    own, other = OrganisationFactory(name="Förvaltningen"), OrganisationFactory(name="Bolaget")
    district_area = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA)
    districts = [AreaFactory(name=n, level=AreaLevel.DISTRICT, parent=district_area) for n in ("Torgby", "Ängsby")]
    rng = random.Random(5)
    rows = []
    for _ in range(2000):
        classification = rng.choice(["open", "internal", "restricted"])
        district = rng.choice(districts)
        rows.append(
            IncidentRow(
                occurred_at=timezone.make_aware(dt.datetime(2024, 1, 1, 12)) + dt.timedelta(days=rng.randrange(1000)),
                category_ids=(rng.choice(categories),),
                district_id=district.pk,
                district_area_id=district_area.pk,
                classification=classification,
                owner_organisation_id=None if classification == "open" else rng.choice([own.pk, other.pk]),
            )
        )
    for source in (IncidentSource.PARTNER_REPORT, IncidentSource.POLICE_EVENT):
        import_incident_rows(rows[: 1500 if source == IncidentSource.PARTNER_REPORT else 500], source=source)
    return user_with_role(Role.MEMBER, organisation=own), district_area, districts


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2026, 8, 7), dt.date(2026, 9, 6)),  # 30 days mid-month
        (dt.date(2025, 3, 17), dt.date(2026, 3, 16)),  # a year from mid-month
        (dt.date(2024, 2, 29), dt.date(2024, 3, 1)),  # a leap day
        (dt.date(2025, 1, 1), dt.date(2026, 6, 30)),  # whole months only
        (dt.date(2026, 6, 5), dt.date(2026, 6, 5)),  # one day
    ],
)
@pytest.mark.parametrize("complement", [True, False])
def test_sums__postgresql_statement_gives_the_rows_of_a_select_per_read(world, start, end, complement):
    user, district_area, districts = world
    visible = permissions.rollup_visible_q(user)
    parts, _counts_towards, _months, groups = _cut(periods_of(start, end))
    groups = [*groups, []]  # a group without pieces sums to 0
    area_ids = [d.pk for d in districts]
    for by, areas in (("category_id, source", [district_area.pk]), ("area_id", area_ids), ("category_id", area_ids)):
        expected = pieces._sums_per_read(visible, areas, parts, by, groups, complement=complement)
        got = pieces.sums(visible, areas, parts, by, groups, complement=complement)
        assert got == sorted(expected)
        assert any(any(row[len(by.split(",")) :]) for row in got)
