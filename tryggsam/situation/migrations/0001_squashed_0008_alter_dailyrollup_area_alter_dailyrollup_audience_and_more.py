# Squashed: replaces situation's migration(s) 0001–0008 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


def schedule_send_situation_reports(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="send_situation_reports",
        defaults={"func": "django.core.management.call_command", "args": "'send_situation_reports'", "schedule_type": "D"},
    )


def unschedule_send_situation_reports(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="send_situation_reports").delete()


def create_rollup_tables(apps, schema_editor):
    """The roll-up tables as situation.0006 and 0007 leave them: on SQLite `WITHOUT ROWID` (a single B-tree
    on the key) with the key columns declared first (Debian 12's SQLite checks the NOT NULL columns of such
    a table at the wrong positions otherwise); on PostgreSQL plain tables."""
    quote = schema_editor.quote_name
    for name in ("DailyRollup", "MonthlyRollup"):
        model = apps.get_model("situation", name)
        if schema_editor.connection.vendor != "sqlite":
            schema_editor.create_model(model)
            continue
        fields = [f for f in model._meta.local_fields if f.column]
        key = [model._meta.get_field(n) for n in model._meta.pk.field_names]
        definitions = []
        for field in key + [f for f in fields if f not in key]:
            definition, _params = schema_editor.column_sql(model, field)
            check = field.db_parameters(connection=schema_editor.connection)["check"]
            if check:
                definition += " " + schema_editor.sql_check_constraint % {"check": check}
            definitions.append(f"{quote(field.column)} {definition}")
        primary_key = ", ".join(quote(f.column) for f in key)
        schema_editor.execute(
            f"CREATE TABLE {quote(model._meta.db_table)} ({', '.join(definitions)}, PRIMARY KEY ({primary_key})) "
            "WITHOUT ROWID"
        )


def drop_rollup_tables(apps, schema_editor):
    for name in ("DailyRollup", "MonthlyRollup"):
        schema_editor.delete_model(apps.get_model("situation", name))


class Migration(migrations.Migration):

    replaces = [('situation', '0001_initial'), ('situation', '0002_report_subscription'), ('situation', '0003_schedule_reports'), ('situation', '0004_rollup_upsert_keys'), ('situation', '0005_rollup_audience'), ('situation', '0006_rollup_primary_keys'), ('situation', '0007_rollup_key_columns_first'), ('situation', '0008_alter_dailyrollup_area_alter_dailyrollup_audience_and_more')]

    dependencies = [
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
        ('incidents', '0001_squashed_0013_alter_incident_created_by_and_more'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DailyRollup',
                    fields=[
                        ('source', models.CharField(max_length=20, verbose_name='källa')),
                        ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], max_length=16, verbose_name='klassificering')),
                        ('owner', models.BigIntegerField(default=0, verbose_name='ägare')),
                        ('audience', models.CharField(blank=True, default='', max_length=1000, verbose_name='läsekrets')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='antal')),
                        ('pk', models.CompositePrimaryKey('area', 'day', 'category', 'source', 'classification', 'owner', 'audience', blank=True, editable=False, primary_key=True, serialize=False)),
                        ('day', models.DateField(verbose_name='dag')),
                        ('area', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.area', verbose_name='område')),
                        ('category', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='incidents.incidentcategory', verbose_name='kategori')),
                    ],
                    options={
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='MonthlyRollup',
                    fields=[
                        ('source', models.CharField(max_length=20, verbose_name='källa')),
                        ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], max_length=16, verbose_name='klassificering')),
                        ('owner', models.BigIntegerField(default=0, verbose_name='ägare')),
                        ('audience', models.CharField(blank=True, default='', max_length=1000, verbose_name='läsekrets')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='antal')),
                        ('pk', models.CompositePrimaryKey('area', 'month', 'category', 'source', 'classification', 'owner', 'audience', blank=True, editable=False, primary_key=True, serialize=False)),
                        ('month', models.DateField(verbose_name='månad')),
                        ('area', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.area', verbose_name='område')),
                        ('category', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='incidents.incidentcategory', verbose_name='kategori')),
                    ],
                    options={
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(create_rollup_tables, drop_rollup_tables),
        migrations.CreateModel(
            name='ReportSubscription',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('frequency', models.CharField(choices=[('weekly', 'Varje vecka'), ('quarterly', 'Varje kvartal')], default='weekly', max_length=10, verbose_name='frekvens')),
                ('last_period_end', models.DateField(blank=True, null=True, verbose_name='senaste periodens slut')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.area', verbose_name='område')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_subscriptions', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('user', 'area', 'frequency'), name='report_subscription_unique')],
            },
        ),
        # Kept from the replaced migrations: what a new database needs besides the tables.
        migrations.RunPython(schedule_send_situation_reports, unschedule_send_situation_reports),
    ]
