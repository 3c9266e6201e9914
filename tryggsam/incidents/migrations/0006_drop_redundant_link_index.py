"""Drop the index on the category links' `incident_id` alone: the unique (incident_id,
incidentcategory_id) index that Django also creates serves every lookup by incident, and each index
costs the bulk import a B-tree write per link (see docs/benchmarks.md)."""

from django.db import migrations

TABLE = "incidents_incident_categories"


def _single_incident_index(schema_editor) -> str | None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == ["incident_id"]:
            return name
    return None


def drop_index(apps, schema_editor):
    name = _single_incident_index(schema_editor)
    if name:
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_index(apps, schema_editor):
    if not _single_incident_index(schema_editor):
        name = schema_editor.quote_name(f"{TABLE}_incident_id_single")
        schema_editor.execute(f"CREATE INDEX {name} ON {schema_editor.quote_name(TABLE)} (incident_id)")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0005_unindexed_owner_and_reporter_keys"),
    ]

    operations = [migrations.RunPython(drop_index, create_index)]
