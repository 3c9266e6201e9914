# Squashed: replaces casework's migration(s) 0001 (issue 17, item 6).

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('casework', '0001_initial')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReminderSent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_date', models.DateField(verbose_name='uppföljningsdatum')),
                ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='skickad')),
            ],
        ),
        migrations.CreateModel(
            name='Measure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('kind', models.CharField(choices=[('problem', 'Problemområde'), ('development', 'Utvecklingsområde')], default='problem', max_length=16, verbose_name='typ')),
                ('title', models.CharField(max_length=300, verbose_name='åtgärd/insats')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('participants_text', models.CharField(blank=True, max_length=500, verbose_name='deltagare (fritext)')),
                ('responsible_text', models.CharField(blank=True, max_length=300, verbose_name='sammankallande/ansvarig (fritext)')),
                ('status', models.CharField(choices=[('planned', 'Planerad'), ('ongoing', 'Pågående'), ('paused', 'Pausad'), ('done', 'Genomförd'), ('stopped', 'Avbruten')], default='planned', max_length=16, verbose_name='status')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='start')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='slut')),
                ('next_follow_up', models.DateField(blank=True, db_index=True, null=True, verbose_name='nästa uppföljning')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('participating_organisations', models.ManyToManyField(blank=True, related_name='measures', to='accounts.organisation', verbose_name='deltagande organisationer')),
                ('responsible_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='responsible_for_measures', to='accounts.organisation', verbose_name='ansvarig organisation')),
                ('responsible_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='responsible_for_measures', to=settings.AUTH_USER_MODEL, verbose_name='ansvarig person')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'åtgärd',
                'verbose_name_plural': 'åtgärder',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('date', models.DateField(verbose_name='datum')),
                ('text', models.TextField(verbose_name='uppföljning')),
                ('status_after', models.CharField(choices=[('planned', 'Planerad'), ('ongoing', 'Pågående'), ('paused', 'Pausad'), ('done', 'Genomförd'), ('stopped', 'Avbruten')], max_length=16, verbose_name='status efter')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='av')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='casework.measure', verbose_name='åtgärd')),
            ],
            options={
                'verbose_name': 'uppföljning',
                'verbose_name_plural': 'uppföljningar',
                'ordering': ['-date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Problem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('kind', models.CharField(choices=[('problem', 'Problemområde'), ('development', 'Utvecklingsområde')], default='problem', max_length=16, verbose_name='typ')),
                ('title', models.CharField(max_length=300, verbose_name='problemområde')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('categories', models.JSONField(blank=True, default=list, verbose_name='kategorier')),
                ('is_closed', models.BooleanField(default=False, verbose_name='avslutat')),
                ('closed_on', models.DateField(blank=True, null=True, verbose_name='avslutat den')),
                ('closed_reason', models.TextField(blank=True, verbose_name='skäl till avslut')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='problems', to='places.area', verbose_name='plats')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
            ],
            options={
                'verbose_name': 'problem',
                'verbose_name_plural': 'problem',
                'ordering': ['position', 'id'],
            },
        ),

    ]
