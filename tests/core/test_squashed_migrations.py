"""What a new database gets from the squashed migrations besides the tables (issue 17, item 6), and the
check of the parts that only name the migrations they replace."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection, models
from django.db.migrations.loader import MigrationLoader

SCHEDULES = {
    "clean_generated_documents",
    "fetch_police_events",
    "prune_counts_changes",
    "purge_expired",
    "send_reminders",
    "send_situation_reports",
}


@pytest.mark.django_db
def test_new_database__has_the_schedules_and_the_default_categories():
    from django_q.models import Schedule

    from tryggsam.incidents.models import IncidentCategory

    assert set(Schedule.objects.values_list("name", flat=True)) >= SCHEDULES
    assert Schedule.objects.get(name="fetch_police_events").minutes == 15
    assert IncidentCategory.objects.filter(code__in=["vandalism", "graffiti", "other"]).count() == 3


@pytest.mark.django_db
def test_new_database__keeps_the_indexes_and_table_forms_of_the_replaced_migrations():
    with connection.cursor() as cursor:
        links = connection.introspection.get_constraints(cursor, "incidents_incident_categories")
        incident = connection.introspection.get_constraints(cursor, "incidents_incident")
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'situation_dailyrollup'")
            sql = cursor.fetchone()[0]
            assert sql.rstrip().endswith("WITHOUT ROWID")
            assert sql.index('"area_id"') < sql.index('"source"')  # the key columns first (situation.0007)
    assert not [
        name
        for name, info in links.items()
        if info["index"] and not info["unique"] and info["columns"] == ["incident_id"]
    ]
    assert {"incident_place_set", "incident_problem_set", "incident_routed_to_set"} <= set(incident)


@pytest.mark.django_db
def test_squashed_part_without_tables__names_the_columns_a_stopped_database_lacks():
    module = importlib.import_module(
        "tryggsam.meetings.migrations.0004_squashed_0006_alter_agendaitem_depth_alter_agendaitem_meeting_and_more"
    )
    editor = SimpleNamespace(connection=connection)
    state = MigrationLoader(connection).project_state()
    module.check_tables_complete(state.apps, editor)  # the test database is complete
    state.models["meetings", "meeting"].fields["not_in_the_database"] = models.IntegerField(null=True)
    state.reload_model("meetings", "meeting")
    with pytest.raises(RuntimeError, match="meetings_meeting lacks not_in_the_database"):
        module.check_tables_complete(state.apps, editor)
