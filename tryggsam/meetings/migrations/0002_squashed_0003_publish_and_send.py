# Squashed: replaces meetings's migration(s) 0002–0003 (issue 17, item 6).

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('meetings', '0002_agendaitem_attendance_decision_meeting_approved_at_and_more'), ('meetings', '0003_publish_and_send')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('casework', '0002_squashed_0007_alter_followup_created_by_alter_followup_measure_and_more'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        ('meetings', '0001_squashed_0001_initial'),
        ('plans', '0001_squashed_0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='focus_area',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.focusarea', verbose_name='fokusområde'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='measure',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casework.measure', verbose_name='åtgärd'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='partnership',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='forums.forum', verbose_name='platssamverkan'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='problem',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casework.problem', verbose_name='problem'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='person'),
        ),
        migrations.AddField(
            model_name='decision',
            name='changed_measure',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casework.measure', verbose_name='ändrad åtgärd'),
        ),
        migrations.AddField(
            model_name='decision',
            name='created_measure',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casework.measure', verbose_name='ny åtgärd'),
        ),
        migrations.AddField(
            model_name='decision',
            name='decided_plan',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.actionplan', verbose_name='beslutad plan'),
        ),
        migrations.AddField(
            model_name='decision',
            name='item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='meetings.agendaitem', verbose_name='dagordningspunkt'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='approved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='justerat av'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='chair',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ordförande'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='forum',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='forums.forum', verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='owner_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='previous_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_versions', to='meetings.meeting', verbose_name='föregående version'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='secretary',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sekreterare'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='shared_with',
            field=models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendances', to='meetings.meeting', verbose_name='möte'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='meetings.meeting', verbose_name='möte'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('end_time__isnull', True), ('start_time__isnull', True), ('end_time__gt', models.F('start_time')), _connector='OR'), name='meeting_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'approved'])), name='meeting_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('approved_at__isnull', False), _connector='OR'), name='meeting_approved_has_date'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['called', 'present', 'absent', 'excused'])), name='attendance_status'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('meeting', 'user'), name='attendance_unique_user'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('depth__lte', 1)), name='agenda_item_depth'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('classification__in', ['open', 'internal', 'restricted'])), name='agenda_item_classification'),
        ),

    ]
