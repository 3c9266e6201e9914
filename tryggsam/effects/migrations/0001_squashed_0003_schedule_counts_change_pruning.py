# Squashed: replaces effects's migration(s) 0001–0003 (issue 17, item 6).

from django.db import migrations, models
import django.core.validators
import django.db.models.deletion


def schedule_prune_counts_changes(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="prune_counts_changes",
        defaults={"func": "tryggsam.effects.freshness.prune_counts_changes", "schedule_type": "D"},
    )


def unschedule_prune_counts_changes(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="prune_counts_changes").delete()


class Migration(migrations.Migration):

    replaces = [('effects', '0001_initial'), ('effects', '0002_countschange'), ('effects', '0003_schedule_counts_change_pruning')]

    dependencies = [
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
        ('casework', '0002_squashed_0007_alter_followup_created_by_alter_followup_measure_and_more'),
        ('incidents', '0001_squashed_0013_alter_incident_created_by_and_more'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
    ]

    operations = [
        migrations.CreateModel(
            name='CountsChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'ändring av händelseräkningar',
                'verbose_name_plural': 'ändringar av händelseräkningar',
            },
        ),
        migrations.CreateModel(
            name='EffectStudy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('granularity', models.CharField(choices=[('month', 'Månad'), ('week', 'Vecka')], default='month', max_length=8, verbose_name='period')),
                ('before_periods', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(2), django.core.validators.MaxValueValidator(104)], verbose_name='perioder före start')),
                ('after_periods', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(2), django.core.validators.MaxValueValidator(104)], verbose_name='perioder efter start')),
                ('categories', models.ManyToManyField(blank=True, related_name='+', to='incidents.incidentcategory', verbose_name='kategorier')),
                ('comparison_areas', models.ManyToManyField(blank=True, related_name='+', to='places.area', verbose_name='jämförelseområden')),
                ('measure', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='effect_study', to='casework.measure', verbose_name='åtgärd')),
            ],
            options={
                'verbose_name': 'effektstudie',
                'verbose_name_plural': 'effektstudier',
                'constraints': [models.CheckConstraint(condition=models.Q(('granularity__in', ['month', 'week'])), name='effectstudy_granularity_valid'), models.CheckConstraint(condition=models.Q(('before_periods__gte', 2), ('before_periods__lte', 104), ('after_periods__gte', 2), ('after_periods__lte', 104)), name='effectstudy_periods_in_range')],
            },
        ),
        # Kept from the replaced migrations: what a new database needs besides the tables.
        migrations.RunPython(schedule_prune_counts_changes, unschedule_prune_counts_changes),
    ]
