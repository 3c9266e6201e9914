"""The migration to roll-ups keyed by their primary key keeps every count (daily and monthly), both ways."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

BEFORE = [("situation", "0005_rollup_audience")]
AFTER = [("situation", "0006_rollup_primary_keys")]


def _executor():
    """An executor over the migrations as written: the squashed ones replace those this test walks (a
    database made by a squashed migration records the ones it replaces as applied)."""
    executor = MigrationExecutor(connection)
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    return executor


def _leaves(executor):
    return [node for node in executor.loader.graph.leaf_nodes() if "_squashed_" not in node[1]]


def _migrate(targets):
    executor = _executor()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rollup_migration__keeps_the_counts_and_sums_the_months():
    old_apps = _migrate(BEFORE)
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
        new_apps = _migrate(AFTER)
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
        back = _migrate(BEFORE).get_model("situation", "IncidentRollup").objects
        assert sorted(back.values_list("day", "owner_organisation", "count")) == [
            (dt.date(2025, 3, 1), None, 2),
            (dt.date(2025, 3, 2), owner.pk, 3),
            (dt.date(2025, 3, 31), None, 5),
            (dt.date(2025, 4, 1), None, 1),
        ]
        _migrate(AFTER)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'situation_dailyrollup'")
                assert cursor.fetchone()[0].rstrip().endswith("WITHOUT ROWID")
    finally:
        _migrate(_leaves(_executor()))
