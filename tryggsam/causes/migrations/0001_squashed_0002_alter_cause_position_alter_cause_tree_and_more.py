# Squashed: replaces causes's migration(s) 0001–0002 (issue 17, item 6).

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('causes', '0001_initial'), ('causes', '0002_alter_cause_position_alter_cause_tree_and_more')]

    dependencies = [
        ('casework', '0002_squashed_0007_alter_followup_created_by_alter_followup_measure_and_more'),
        ('crimestats', '0001_squashed_0004_alter_crimestatistic_source_import_and_more'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        ('incidents', '0001_squashed_0013_alter_incident_created_by_and_more'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        ('plans', '0001_squashed_0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='CauseTree',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
            ],
            options={
                'verbose_name': 'orsaksträd',
                'verbose_name_plural': 'orsaksträd',
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('kind', models.CharField(choices=[('incidents', 'Händelser (filter)'), ('statistic', 'Brottsstatistik'), ('survey', 'Trygghetsmätning'), ('finding', 'Iakttagelse från trygghetsvandring'), ('text', 'Fritext med källa')], max_length=16, verbose_name='typ av underlag')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('period_start', models.DateField(blank=True, null=True, verbose_name='från')),
                ('period_end', models.DateField(blank=True, null=True, verbose_name='till')),
                ('text', models.TextField(blank=True, verbose_name='underlag')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='källa')),
            ],
            options={
                'verbose_name': 'underlag',
                'verbose_name_plural': 'underlag',
                'ordering': ['cause', 'position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Cause',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('title', models.CharField(max_length=300, verbose_name='orsak')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('measures', models.ManyToManyField(blank=True, related_name='causes', to='casework.measure', verbose_name='åtgärder riktade mot orsaken')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='children', to='causes.cause', verbose_name='överordnad orsak')),
            ],
            options={
                'verbose_name': 'orsak',
                'verbose_name_plural': 'orsaker',
                'ordering': ['tree', 'position', 'id'],
            },
        ),

        migrations.AddField(
            model_name='causetree',
            name='focus_area',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cause_tree', to='plans.focusarea', verbose_name='fokusområde'),
        ),
        migrations.AddField(
            model_name='causetree',
            name='problem',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cause_tree', to='casework.problem', verbose_name='problem'),
        ),
        migrations.AddField(
            model_name='cause',
            name='tree',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='causes', to='causes.causetree', verbose_name='orsaksträd'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='area',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='område'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='categories',
            field=models.ManyToManyField(blank=True, related_name='+', to='incidents.incidentcategory', verbose_name='kategorier'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='cause',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='causes.cause', verbose_name='orsak'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='finding',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='forums.finding', verbose_name='iakttagelse'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='statistic',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='crimestats.crimestatistic', verbose_name='statistikrad'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='survey_result',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='crimestats.surveyresult', verbose_name='resultat från trygghetsmätning'),
        ),
        migrations.AddConstraint(
            model_name='causetree',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('problem__isnull', False), ('focus_area__isnull', True)), models.Q(('problem__isnull', True), ('focus_area__isnull', False)), _connector='OR'), name='cause_tree_exactly_one_owner'),
        ),
        migrations.AddConstraint(
            model_name='cause',
            constraint=models.CheckConstraint(condition=models.Q(('parent', models.F('id')), _negated=True), name='cause_not_own_parent'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['incidents', 'statistic', 'survey', 'finding', 'text'])), name='evidence_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'incidents'), _negated=True), models.Q(('period_start__isnull', False), ('period_end__isnull', False), ('period_end__gte', models.F('period_start'))), _connector='OR'), name='evidence_incidents_has_period'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'statistic'), _negated=True), ('statistic__isnull', False), _connector='OR'), name='evidence_statistic_has_row'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'survey'), _negated=True), ('survey_result__isnull', False), _connector='OR'), name='evidence_survey_has_row'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'finding'), _negated=True), ('finding__isnull', False), _connector='OR'), name='evidence_finding_has_row'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'text'), _negated=True), models.Q(models.Q(('text', ''), _negated=True), models.Q(('source', ''), _negated=True)), _connector='OR'), name='evidence_text_has_source'),
        ),

    ]
