# Squashed: replaces statutory's migration(s) 0001–0002 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('statutory', '0001_initial'), ('statutory', '0002_alter_statutorydocument_created_by')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        ('meetings', '0001_squashed_0001_initial'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='StatutoryDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('kind', models.CharField(choices=[('situation', 'Lägesbild'), ('action_plan', 'Åtgärdsplan'), ('follow_up', 'Årlig uppföljning')], max_length=16, verbose_name='typ')),
                ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('status', models.CharField(choices=[('draft', 'Utkast'), ('decided', 'Beslutad')], default='draft', max_length=16, verbose_name='status')),
                ('summary', models.TextField(blank=True, verbose_name='sammanfattning')),
                ('risk_factors', models.TextField(blank=True, verbose_name='risk- och skyddsfaktorer')),
                ('conclusions', models.TextField(blank=True, verbose_name='slutsatser')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='beslutad den')),
                ('snapshot', models.JSONField(blank=True, editable=False, null=True, verbose_name='beslutad version')),
                ('public_snapshot', models.JSONField(blank=True, editable=False, null=True, verbose_name='offentlig version')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='publicerad den')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='område')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('decided_at_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting', verbose_name='beslutad vid mötet')),
                ('forum', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='forums.forum', verbose_name='råd')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('previous', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='statutory.statutorydocument', verbose_name='föregående version')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'styrdokument',
                'verbose_name_plural': 'styrdokument',
                'ordering': ['-year', 'kind', '-version'],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['situation', 'action_plan', 'follow_up'])), name='statutory_kind_valid'), models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'decided'])), name='statutory_status_valid'), models.CheckConstraint(condition=models.Q(('forum__isnull', False), ('area__isnull', False), _connector='OR'), name='statutory_has_scope'), models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(('decided_on__isnull', False), ('snapshot__isnull', False), ('public_snapshot__isnull', False)), _connector='OR'), name='statutory_decided_is_frozen'), models.CheckConstraint(condition=models.Q(('published_on__isnull', True), ('status', 'decided'), _connector='OR'), name='statutory_published_when_decided'), models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2100)), name='statutory_year_range')],
            },
        ),

    ]
