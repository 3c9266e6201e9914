# Squashed: replaces plans's migration(s) 0001 (issue 17, item 6).

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('plans', '0001_initial')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        ('meetings', '0001_squashed_0001_initial'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('title', models.CharField(max_length=300, verbose_name='titel')),
                ('kind', models.CharField(choices=[('action_plan', 'Åtgärdsplan'), ('agreement', 'Samverkansöverenskommelse'), ('citizen_promise', 'Medborgarlöfte')], default='action_plan', max_length=20, verbose_name='typ')),
                ('parties', models.CharField(blank=True, max_length=300, verbose_name='parter')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='gäller från')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='gäller till')),
                ('introduction', models.TextField(blank=True, verbose_name='inledning')),
                ('status', models.CharField(choices=[('draft', 'Utkast'), ('decided', 'Beslutad')], default='draft', max_length=16, verbose_name='status')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='beslutad den')),
                ('decided_by', models.CharField(blank=True, help_text='T.ex. rådets möte.', max_length=300, verbose_name='beslutad av')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='places.area', verbose_name='område')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('decided_at_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting', verbose_name='beslutad vid mötet')),
                ('forum', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='forums.forum', verbose_name='styrande forum')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('previous', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.actionplan', verbose_name='föregående version')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'åtgärdsplan',
                'verbose_name_plural': 'åtgärdsplaner',
                'ordering': ['-valid_from', 'title'],
            },
        ),
        migrations.CreateModel(
            name='FocusArea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('name', models.CharField(max_length=200, verbose_name='fokusområde')),
                ('goal', models.TextField(blank=True, verbose_name='mål')),
                ('purpose', models.TextField(blank=True, verbose_name='syfte')),
                ('target_group', models.TextField(blank=True, verbose_name='målgrupp')),
                ('measure', models.TextField(blank=True, verbose_name='åtgärd')),
                ('responsible', models.CharField(blank=True, max_length=300, verbose_name='ansvarig')),
                ('forum_text', models.CharField(blank=True, max_length=300, verbose_name='samverkansforum (fritext)')),
                ('activities', models.JSONField(blank=True, default=list, verbose_name='prioriterade aktiviteter')),
                ('police_contact', models.CharField(blank=True, max_length=300, verbose_name='polisens kontakt')),
                ('police_commitment', models.TextField(blank=True, verbose_name='polisens åtagande')),
                ('district_contact', models.CharField(blank=True, max_length=300, verbose_name='stadsdelsförvaltningens kontakt')),
                ('district_commitment', models.TextField(blank=True, verbose_name='stadsdelsförvaltningens åtagande')),
                ('other_actors', models.TextField(blank=True, verbose_name='tänkbara övriga aktörer')),
                ('funding', models.TextField(blank=True, verbose_name='finansiering')),
                ('communication', models.TextField(blank=True, verbose_name='kommunikation')),
                ('follow_up', models.TextField(blank=True, verbose_name='uppföljning')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='places.area', verbose_name='plats')),
                ('forum', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='forums.forum', verbose_name='samverkansforum')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='focus_areas', to='plans.actionplan', verbose_name='plan')),
            ],
            options={
                'verbose_name': 'fokusområde',
                'verbose_name_plural': 'fokusområden',
                'ordering': ['plan', 'position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PlanFollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('date', models.DateField(verbose_name='uppföljningsdatum')),
                ('summary', models.TextField(blank=True, verbose_name='sammanfattning')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='plans.actionplan', verbose_name='plan')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registrerad av')),
            ],
            options={
                'verbose_name': 'uppföljning av plan',
                'verbose_name_plural': 'uppföljningar av planer',
                'ordering': ['plan', 'date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PlanFollowUpEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('activity', models.CharField(blank=True, help_text='Tom: löftet som helhet.', max_length=500, verbose_name='aktivitet')),
                ('status', models.CharField(choices=[('done', 'Genomfört'), ('partly', 'Delvis genomfört'), ('not_done', 'Inte genomfört')], max_length=16, verbose_name='status')),
                ('text', models.TextField(blank=True, verbose_name='vad som gjordes')),
                ('focus_area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_up_entries', to='plans.focusarea', verbose_name='fokusområde')),
                ('follow_up', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='plans.planfollowup', verbose_name='uppföljning')),
            ],
            options={
                'verbose_name': 'uppföljning per löfte',
                'verbose_name_plural': 'uppföljningar per löfte',
                'ordering': ['follow_up', 'focus_area__position', 'focus_area_id', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='actionplan',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'decided'])), name='plan_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='actionplan',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('decided_on__isnull', False), _connector='OR'), name='plan_decided_has_date'),
        ),
        migrations.AddConstraint(
            model_name='planfollowup',
            constraint=models.UniqueConstraint(fields=('plan', 'date'), name='plan_follow_up_one_per_date'),
        ),
        migrations.AddConstraint(
            model_name='planfollowupentry',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['done', 'partly', 'not_done'])), name='plan_follow_up_status_valid'),
        ),

    ]
