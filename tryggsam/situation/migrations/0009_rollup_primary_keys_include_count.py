"""On PostgreSQL the roll-up tables' primary keys also carry the count (`INCLUDE (count)`), so that the
situation picture's sums read an area's periods from the key alone (an index-only scan) instead of
visiting a table page per few rows: about a third less of the database's time for a picture's sums
(issue 17). On SQLite nothing changes: a `WITHOUT ROWID` table is its own covering index
(`situation.0006`). The key's columns stay the same, so the upserts (`ON CONFLICT` on the key) are as
before. Rebuilding a key locks its table while it is built (a few seconds for a million incidents'
roll-ups). Unapplying rebuilds the keys without the count.
"""

from django.db import migrations

TABLES = ("DailyRollup", "MonthlyRollup")


def _primary_keys(apps, schema_editor, *, include_count: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name in TABLES:
        model = apps.get_model("situation", name)
        table = model._meta.db_table
        key = ", ".join(quote(model._meta.get_field(n).column) for n in model._meta.pk.field_names)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'", [table])
            (constraint,) = cursor.fetchone()
        include = f" INCLUDE ({quote('count')})" if include_count else ""
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(constraint)}, "
            f"ADD CONSTRAINT {quote(constraint)} PRIMARY KEY ({key}){include}"
        )


def include_count(apps, schema_editor):
    _primary_keys(apps, schema_editor, include_count=True)


def key_alone(apps, schema_editor):
    _primary_keys(apps, schema_editor, include_count=False)


class Migration(migrations.Migration):
    dependencies = [
        ("situation", "0008_alter_dailyrollup_area_alter_dailyrollup_audience_and_more"),
    ]

    operations = [
        migrations.RunPython(include_count, key_alone),
    ]
