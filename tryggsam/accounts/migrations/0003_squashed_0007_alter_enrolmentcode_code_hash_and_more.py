# Squashed: replaces accounts's migration(s) 0003–0007 (issue 17, item 6).

from django.db import migrations

APP = "accounts"


def check_tables_complete(apps, schema_editor):
    """This part only names the migrations it replaces: on a new database the tables were made complete
    by the part before it. It runs on an existing database only if that database stood between these
    migrations (some applied, some not); then the columns they add are missing and Django cannot know.
    Say so instead of going on: such a database must first be migrated with the release before the squash."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_app_config(APP).get_models():
            table = model._meta.db_table
            present = (
                {c.name for c in connection.introspection.get_table_description(cursor, table)}
                if table in tables
                else set()
            )
            missing = sorted({f.column for f in model._meta.local_fields if f.column} - present)
            if missing:
                raise RuntimeError(
                    f"{table} lacks {', '.join(missing)}: this database stopped between the migrations that "
                    f"{APP}'s squashed migrations replace. Migrate it with the release before the squash first."
                )


class Migration(migrations.Migration):

    replaces = [('accounts', '0003_two_factor_django_otp'), ('accounts', '0004_organisation_is_active'), ('accounts', '0004_organisation_municipality'), ('accounts', '0005_merge_municipality_and_is_active'), ('accounts', '0006_organisation_database_defaults'), ('accounts', '0007_alter_enrolmentcode_code_hash_and_more')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
    ]

    operations = [
        migrations.RunPython(check_tables_complete, migrations.RunPython.noop),
    ]
