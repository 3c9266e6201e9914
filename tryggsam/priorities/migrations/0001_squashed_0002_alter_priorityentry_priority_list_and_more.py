# Squashed: replaces priorities's migration(s) 0001–0002 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('priorities', '0001_initial'), ('priorities', '0002_alter_priorityentry_priority_list_and_more')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        ('meetings', '0001_squashed_0001_initial'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PriorityList',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('rhythm', models.CharField(choices=[('tertial', 'Tertial'), ('quarter', 'Kvartal')], max_length=8, verbose_name='rytm')),
                ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                ('number', models.PositiveSmallIntegerField(verbose_name='period')),
                ('status', models.CharField(choices=[('draft', 'Utkast'), ('decided', 'Beslutad')], default='draft', max_length=8, verbose_name='status')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='beslutad den')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='priority_lists', to='forums.forum', verbose_name='råd')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('decided_at_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='meetings.meeting', verbose_name='beslutad vid möte')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'prioriteringslista',
                'verbose_name_plural': 'prioriteringslistor',
                'ordering': ['-year', '-number', '-id'],
            },
        ),
        migrations.CreateModel(
            name='PriorityEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('position', models.PositiveSmallIntegerField(verbose_name='plats')),
                ('justification', models.TextField(blank=True, verbose_name='motivering')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='område')),
                ('priority_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='priorities.prioritylist', verbose_name='prioriteringslista')),
            ],
            options={
                'verbose_name': 'prioriterat område',
                'verbose_name_plural': 'prioriterade områden',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PrioritySettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('rhythm', models.CharField(choices=[('tertial', 'Tertial'), ('quarter', 'Kvartal')], default='tertial', max_length=8, verbose_name='rytm')),
                ('council', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='priority_settings', to='forums.forum', verbose_name='råd')),
            ],
            options={
                'verbose_name': 'prioriteringsinställning',
                'verbose_name_plural': 'prioriteringsinställningar',
            },
        ),
        migrations.AddConstraint(
            model_name='prioritylist',
            constraint=models.CheckConstraint(condition=models.Q(('rhythm__in', ['tertial', 'quarter'])), name='priority_list_rhythm_valid'),
        ),
        migrations.AddConstraint(
            model_name='prioritylist',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'decided'])), name='priority_list_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='prioritylist',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1), ('number__lte', 4)), name='priority_list_number_valid'),
        ),
        migrations.AddConstraint(
            model_name='prioritylist',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('decided_on__isnull', False), _connector='OR'), name='priority_list_decided_has_date'),
        ),
        migrations.AddConstraint(
            model_name='prioritylist',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'decided')), fields=('council', 'rhythm', 'year', 'number'), name='priority_list_one_decided_per_period'),
        ),
        migrations.AddConstraint(
            model_name='priorityentry',
            constraint=models.UniqueConstraint(fields=('priority_list', 'area'), name='priority_entry_unique_area'),
        ),
        migrations.AddConstraint(
            model_name='priorityentry',
            constraint=models.UniqueConstraint(fields=('priority_list', 'position'), name='priority_entry_unique_position'),
        ),
        migrations.AddConstraint(
            model_name='prioritysettings',
            constraint=models.CheckConstraint(condition=models.Q(('rhythm__in', ['tertial', 'quarter'])), name='priority_rhythm_valid'),
        ),

    ]
