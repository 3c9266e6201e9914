# Squashed: replaces crimestats's migration(s) 0001–0004 (issue 17, item 6).

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('crimestats', '0001_initial'), ('crimestats', '0002_survey_result'), ('crimestats', '0003_area_level_and_parent_category'), ('crimestats', '0004_alter_crimestatistic_source_import_and_more')]

    dependencies = [
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
    ]

    operations = [
        migrations.CreateModel(
            name='StatisticsImport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('file_name', models.CharField(max_length=300, verbose_name='fil')),
                ('sha256', models.CharField(db_index=True, max_length=64, verbose_name='kontrollsumma (SHA-256)')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='källa')),
                ('rows', models.PositiveIntegerField(default=0, verbose_name='värden')),
            ],
            options={
                'verbose_name': 'statistikimport',
                'verbose_name_plural': 'statistikimporter',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='CrimeStatistic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area_name', models.CharField(max_length=200, verbose_name='område (som i källan)')),
                ('period', models.CharField(help_text='ÅÅÅÅ eller ÅÅÅÅ-MM', max_length=7, verbose_name='period')),
                ('period_start', models.DateField(db_index=True, verbose_name='periodens början')),
                ('area_level', models.CharField(blank=True, choices=[('country', 'Riket'), ('county', 'Län'), ('municipality', 'Kommun'), ('police_area', 'Polisområde'), ('district_area', 'Stadsdelsområde'), ('district', 'Stadsdel'), ('', 'Område')], default='', max_length=16, verbose_name='områdets nivå')),
                ('category', models.CharField(max_length=200, verbose_name='brottskategori')),
                ('parent_category', models.CharField(blank=True, default='', help_text='Kapitlet eller brottet som kategorin är en del av (”därav …”), tomt överst.', max_length=200, verbose_name='ingår i brottskategori')),
                ('measure', models.CharField(choices=[('count', 'Antal'), ('per_100k', 'Per 100 000 invånare')], max_length=10, verbose_name='mått')),
                ('value', models.FloatField(verbose_name='värde')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.area', verbose_name='område')),
                ('source_import', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='crimestats.statisticsimport', verbose_name='import')),
            ],
            options={
                'verbose_name': 'brottsstatistik',
                'verbose_name_plural': 'brottsstatistik',
                'indexes': [models.Index(fields=['area', 'category', 'period_start'], name='crimestats__area_id_6297e1_idx')],
                'constraints': [models.UniqueConstraint(fields=('area_name', 'period', 'category', 'measure'), name='crimestat_unique_value'), models.CheckConstraint(condition=models.Q(('measure__in', ['count', 'per_100k'])), name='crimestat_measure_valid'), models.CheckConstraint(condition=models.Q(('area_level__in', ['country', 'county', 'municipality', 'police_area', 'district_area', 'district', ''])), name='crimestat_area_level_valid')],
            },
        ),
        migrations.CreateModel(
            name='SurveyResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area_name', models.CharField(max_length=200, verbose_name='område (som i källan)')),
                ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                ('question', models.CharField(max_length=300, verbose_name='fråga')),
                ('share', models.FloatField(verbose_name='andel (%)')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.area', verbose_name='område')),
                ('source_import', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survey_results', to='crimestats.statisticsimport', verbose_name='import')),
            ],
            options={
                'verbose_name': 'trygghetsmätning',
                'verbose_name_plural': 'trygghetsmätningar',
                'constraints': [models.UniqueConstraint(fields=('area_name', 'year', 'question'), name='survey_unique_answer'), models.CheckConstraint(condition=models.Q(('share__gte', 0), ('share__lte', 100)), name='survey_share_percent')],
            },
        ),

    ]
