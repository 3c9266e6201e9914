# Squashed: replaces goals's migration(s) 0001–0002 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('goals', '0001_initial'), ('goals', '0002_alter_goal_created_by_alter_manualreading_created_by_and_more')]

    dependencies = [
        ('casework', '0002_squashed_0007_alter_followup_created_by_alter_followup_measure_and_more'),
        ('incidents', '0001_squashed_0013_alter_incident_created_by_and_more'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        ('plans', '0001_squashed_0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ManualReading',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('date', models.DateField(verbose_name='datum')),
                ('value', models.FloatField(verbose_name='värde')),
                ('low', models.FloatField(blank=True, null=True, verbose_name='osäkerhet, nedre gräns')),
                ('high', models.FloatField(blank=True, null=True, verbose_name='osäkerhet, övre gräns')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='källa')),
            ],
            options={
                'verbose_name': 'avläsning',
                'verbose_name_plural': 'avläsningar',
                'ordering': ['goal', 'date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Goal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('text', models.TextField(verbose_name='mål')),
                ('indicator', models.CharField(choices=[('incidents', 'Händelser i situationsbilden'), ('survey', 'Andel i trygghetsmätning'), ('statistic', 'Statistikserie (anmälda brott)'), ('manual', 'Värden som förs in för hand')], max_length=12, verbose_name='indikator')),
                ('period_kind', models.CharField(blank=True, choices=[('month', 'Månad'), ('quarter', 'Kvartal'), ('tertial', 'Tertial'), ('year', 'År')], default='', max_length=8, verbose_name='period')),
                ('survey_question', models.CharField(blank=True, max_length=300, verbose_name='fråga i trygghetsmätningen')),
                ('statistic_category', models.CharField(blank=True, max_length=200, verbose_name='brottskategori')),
                ('statistic_measure', models.CharField(blank=True, choices=[('count', 'Antal'), ('per_100k', 'Per 100 000 invånare')], default='', max_length=10, verbose_name='mått')),
                ('unit', models.CharField(blank=True, max_length=60, verbose_name='enhet')),
                ('baseline_value', models.FloatField(blank=True, null=True, verbose_name='utgångsvärde')),
                ('baseline_period', models.CharField(max_length=10, verbose_name='utgångsperiod')),
                ('target_value', models.FloatField(verbose_name='målvärde')),
                ('target_date', models.DateField(verbose_name='måldatum')),
                ('direction', models.CharField(choices=[('lower', 'Lägre är bättre'), ('higher', 'Högre är bättre')], max_length=6, verbose_name='riktning')),
                ('added_after_decision', models.BooleanField(default=False, editable=False, verbose_name='satt efter planens beslut')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='område')),
                ('areas', models.ManyToManyField(blank=True, related_name='+', to='places.area', verbose_name='områden')),
                ('categories', models.ManyToManyField(blank=True, related_name='+', to='incidents.incidentcategory', verbose_name='händelsekategorier')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
            ],
            options={
                'verbose_name': 'mål',
                'verbose_name_plural': 'mål',
                'ordering': ['id'],
            },
        ),

        migrations.AddField(
            model_name='goal',
            name='focus_area',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='plans.focusarea', verbose_name='fokusområde'),
        ),
        migrations.AddField(
            model_name='goal',
            name='problem',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='casework.problem', verbose_name='problem'),
        ),
        migrations.AddField(
            model_name='manualreading',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av'),
        ),
        migrations.AddField(
            model_name='manualreading',
            name='goal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='readings', to='goals.goal', verbose_name='mål'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('focus_area__isnull', False), ('problem__isnull', True)), models.Q(('focus_area__isnull', True), ('problem__isnull', False)), _connector='OR'), name='goal_on_exactly_one_subject'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.CheckConstraint(condition=models.Q(('indicator__in', ['incidents', 'survey', 'statistic', 'manual'])), name='goal_indicator_valid'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.CheckConstraint(condition=models.Q(('direction__in', ['lower', 'higher'])), name='goal_direction_valid'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.CheckConstraint(condition=models.Q(('period_kind__in', ['month', 'quarter', 'tertial', 'year', ''])), name='goal_period_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='manualreading',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('low__isnull', True), ('high__isnull', True)), models.Q(('low__isnull', False), ('high__isnull', False), ('low__lte', models.F('high'))), _connector='OR'), name='reading_interval_both_or_neither'),
        ),

    ]
