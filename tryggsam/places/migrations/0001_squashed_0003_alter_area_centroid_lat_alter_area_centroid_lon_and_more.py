# Squashed: replaces places's migration(s) 0001–0003 (issue 17, item 6).

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('places', '0001_initial'), ('places', '0002_population'), ('places', '0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more')]

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Area',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('name', models.CharField(max_length=200, verbose_name='namn')),
                ('level', models.CharField(choices=[('district_area', 'Stadsdelsområde'), ('district', 'Stadsdel'), ('place', 'Plats')], max_length=16, verbose_name='nivå')),
                ('external_id', models.CharField(blank=True, max_length=100, verbose_name='extern id')),
                ('geometry', models.TextField(blank=True, verbose_name='geometri (GeoJSON)')),
                ('centroid_lat', models.FloatField(blank=True, null=True, verbose_name='mittpunktens latitud')),
                ('centroid_lon', models.FloatField(blank=True, null=True, verbose_name='mittpunktens longitud')),
                ('min_lat', models.FloatField(blank=True, null=True, verbose_name='minsta latitud')),
                ('min_lon', models.FloatField(blank=True, null=True, verbose_name='minsta longitud')),
                ('max_lat', models.FloatField(blank=True, null=True, verbose_name='största latitud')),
                ('max_lon', models.FloatField(blank=True, null=True, verbose_name='största longitud')),
                ('folded_name', models.CharField(db_index=True, editable=False, max_length=200, verbose_name='namn för sökning')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='places.area', verbose_name='ingår i')),
            ],
            options={
                'verbose_name': 'område',
                'verbose_name_plural': 'områden',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='AreaAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('name', models.CharField(max_length=200, verbose_name='namn')),
                ('kind', models.CharField(choices=[('former', 'Tidigare namn'), ('alternate', 'Annat namn'), ('abbreviation', 'Förkortning')], default='alternate', max_length=16, verbose_name='typ')),
                ('folded_name', models.CharField(db_index=True, editable=False, max_length=200, verbose_name='namn för sökning')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='places.area', verbose_name='område')),
            ],
            options={
                'verbose_name': 'alternativt namn',
                'verbose_name_plural': 'alternativa namn',
            },
        ),
        migrations.CreateModel(
            name='AreaPopulation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                ('inhabitants', models.PositiveIntegerField(verbose_name='invånare')),
                ('source', models.CharField(choices=[('entered', 'inskrivet'), ('derived', 'härlett ur statistik')], max_length=8, verbose_name='källa')),
                ('derived_from', models.CharField(blank=True, help_text='Statistiken som siffran räknades fram ur.', max_length=300, verbose_name='härlett ur')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='anteckning')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='populations', to='places.area', verbose_name='område')),
            ],
            options={
                'verbose_name': 'befolkning',
                'verbose_name_plural': 'befolkning',
                'ordering': ['area__name', '-year'],
            },
        ),
        migrations.AddIndex(
            model_name='area',
            index=models.Index(fields=['level', 'min_lat', 'min_lon'], name='places_area_level_aef051_idx'),
        ),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.UniqueConstraint(fields=('level', 'folded_name', 'parent'), name='area_unique_name_per_parent'),
        ),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.CheckConstraint(condition=models.Q(('level__in', ['district_area', 'district', 'place'])), name='area_level_valid'),
        ),
        migrations.AddConstraint(
            model_name='areaalias',
            constraint=models.UniqueConstraint(fields=('folded_name', 'area'), name='alias_unique_per_area'),
        ),
        migrations.AddConstraint(
            model_name='areapopulation',
            constraint=models.UniqueConstraint(fields=('area', 'year'), name='population_one_per_area_year'),
        ),
        migrations.AddConstraint(
            model_name='areapopulation',
            constraint=models.CheckConstraint(condition=models.Q(('inhabitants__gt', 0)), name='population_inhabitants_positive'),
        ),
        migrations.AddConstraint(
            model_name='areapopulation',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1900), ('year__lte', 2200)), name='population_year_range'),
        ),
        migrations.AddConstraint(
            model_name='areapopulation',
            constraint=models.CheckConstraint(condition=models.Q(('source__in', ['entered', 'derived'])), name='population_source_valid'),
        ),
        migrations.AddConstraint(
            model_name='areapopulation',
            constraint=models.CheckConstraint(condition=models.Q(('derived_from', ''), ('source', 'derived'), _negated=True), name='population_derived_names_statistics'),
        ),

    ]
