"""The roll-up tables on SQLite rebuilt with their primary-key columns declared first, keeping the rows.

SQLite 3.40 (Debian 12's) checks the NOT NULL columns of a `WITHOUT ROWID` table at the wrong positions
when other columns are declared before the key columns, so `PRAGMA quick_check` and `integrity_check`
reported NULLs that are not there and every backup of a database with roll-ups was refused. With the
key columns first the checks are clean on every version. The tables stay `WITHOUT ROWID` (see
`situation.0006`). On PostgreSQL the column order changes nothing: both directions do nothing there.
Unapplying rebuilds the tables in the order of 0006.
"""

from django.db import migrations

TABLES = ("DailyRollup", "MonthlyRollup")


def _rebuild(apps, schema_editor, *, key_first: bool) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    quote = schema_editor.quote_name
    for name in TABLES:
        model = apps.get_model("situation", name)
        fields = [f for f in model._meta.local_fields if f.column]
        key = [model._meta.get_field(n) for n in model._meta.pk.field_names]
        ordered = key + [f for f in fields if f not in key] if key_first else fields
        definitions = []
        for field in ordered:
            definition, _params = schema_editor.column_sql(model, field)
            check = field.db_parameters(connection=schema_editor.connection)["check"]
            if check:
                definition += " " + schema_editor.sql_check_constraint % {"check": check}
            definitions.append(f"{quote(field.column)} {definition}")
        table = model._meta.db_table
        columns = ", ".join(quote(f.column) for f in ordered)
        primary_key = ", ".join(quote(f.column) for f in key)
        schema_editor.execute(
            f"CREATE TABLE {quote('new__' + table)} ({', '.join(definitions)}, PRIMARY KEY ({primary_key})) "
            "WITHOUT ROWID"
        )
        schema_editor.execute(
            f"INSERT INTO {quote('new__' + table)} ({columns}) SELECT {columns} FROM {quote(table)}"  # noqa: S608
        )
        schema_editor.execute(f"DROP TABLE {quote(table)}")
        schema_editor.execute(f"ALTER TABLE {quote('new__' + table)} RENAME TO {quote(table)}")


def key_columns_first(apps, schema_editor):
    _rebuild(apps, schema_editor, key_first=True)


def columns_as_before(apps, schema_editor):
    _rebuild(apps, schema_editor, key_first=False)


class Migration(migrations.Migration):
    dependencies = [
        ("situation", "0006_rollup_primary_keys"),
    ]

    operations = [
        migrations.RunPython(key_columns_first, columns_as_before),
    ]
