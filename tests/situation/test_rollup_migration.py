"""The migration to roll-ups keyed by their primary key keeps every count (daily and monthly), both ways."""

import datetime as dt

import pytest
from django.db import connection

from tests import migration_walk

BEFORE = [("situation", "0005_rollup_audience")]
AFTER = [("situation", "0006_rollup_primary_keys")]


@pytest.mark.django_db(transaction=True)
def test_rollup_migration__keeps_the_counts_and_sums_the_months():
    old_apps = migration_walk.migrate(BEFORE)
    try:
        Area = old_apps.get_model("places", "Area")
        Category = old_apps.get_model("incidents", "IncidentCategory")
        Organisation = old_apps.get_model("accounts", "Organisation")
        Rollup = old_apps.get_model("situation", "IncidentRollup")
        area = Area.objects.create(name="Torgby", level="district")
        category = Category.objects.create(code="klotter", name="Klotter")
        owner = Organisation.objects.create(name="Förvaltningen", kind="district_administration")
        common = {"area": area, "category": category, "source": "partner_report"}
        Rollup.objects.create(**common, day=dt.date(2025, 3, 1), classification="open", count=2)
        Rollup.objects.create(**common, day=dt.date(2025, 3, 31), classification="open", count=5)
        Rollup.objects.create(**common, day=dt.date(2025, 4, 1), classification="open", count=1)
        Rollup.objects.create(
            **common, day=dt.date(2025, 3, 2), classification="restricted", owner_organisation=owner, count=3
        )
        new_apps = migration_walk.migrate(AFTER)
        daily = new_apps.get_model("situation", "DailyRollup").objects
        monthly = new_apps.get_model("situation", "MonthlyRollup").objects
        assert sorted(daily.values_list("day", "owner", "count")) == [
            (dt.date(2025, 3, 1), 0, 2),
            (dt.date(2025, 3, 2), owner.pk, 3),
            (dt.date(2025, 3, 31), 0, 5),
            (dt.date(2025, 4, 1), 0, 1),
        ]
        assert sorted(monthly.values_list("month", "owner", "count")) == [
            (dt.date(2025, 3, 1), 0, 7),
            (dt.date(2025, 3, 1), owner.pk, 3),
            (dt.date(2025, 4, 1), 0, 1),
        ]
        back = migration_walk.migrate(BEFORE).get_model("situation", "IncidentRollup").objects
        assert sorted(back.values_list("day", "owner_organisation", "count")) == [
            (dt.date(2025, 3, 1), None, 2),
            (dt.date(2025, 3, 2), owner.pk, 3),
            (dt.date(2025, 3, 31), None, 5),
            (dt.date(2025, 4, 1), None, 1),
        ]
        migration_walk.migrate(AFTER)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'situation_dailyrollup'")
                assert cursor.fetchone()[0].rstrip().endswith("WITHOUT ROWID")
    finally:
        migration_walk.migrate(migration_walk.leaves(migration_walk.executor()))
