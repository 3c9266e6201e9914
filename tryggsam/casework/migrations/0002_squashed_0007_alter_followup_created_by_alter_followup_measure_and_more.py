# Squashed: replaces casework's migration(s) 0002–0007 (issue 17, item 6).

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


def schedule_send_reminders(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="send_reminders",
        defaults={"func": "django.core.management.call_command", "args": "'send_reminders'", "schedule_type": "D"},
    )


def unschedule_send_reminders(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="send_reminders").delete()


class Migration(migrations.Migration):

    replaces = [('casework', '0002_initial'), ('casework', '0003_reminders'), ('casework', '0004_schedule_reminders'), ('casework', '0005_problem_closing'), ('casework', '0006_problem_version'), ('casework', '0007_alter_followup_created_by_alter_followup_measure_and_more')]

    dependencies = [
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
        ('accounts', '0001_squashed_0002_totp_device'),
        ('casework', '0001_squashed_0001_initial'),
        ('forums', '0001_squashed_0006_alter_finding_area_alter_finding_walk_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='problem',
            name='forum',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='problems', to='forums.forum', verbose_name='forum/platssamverkan'),
        ),
        migrations.AddField(
            model_name='problem',
            name='owner_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation'),
        ),
        migrations.AddField(
            model_name='problem',
            name='shared_with',
            field=models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med'),
        ),
        migrations.AddField(
            model_name='measure',
            name='problem',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='casework.problem', verbose_name='problem'),
        ),
        migrations.AddField(
            model_name='remindersent',
            name='measure',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='casework.measure', verbose_name='åtgärd'),
        ),
        migrations.AddField(
            model_name='remindersent',
            name='recipient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='mottagare'),
        ),
        migrations.AddConstraint(
            model_name='problem',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['problem', 'development'])), name='problem_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'ongoing', 'paused', 'done', 'stopped'])), name='measure_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['problem', 'development'])), name='measure_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='measure_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='remindersent',
            constraint=models.UniqueConstraint(fields=('measure', 'recipient', 'due_date'), name='reminder_once_per_due_date'),
        ),
        # Kept from the replaced migrations: what a new database needs besides the tables.
        migrations.RunPython(schedule_send_reminders, unschedule_send_reminders),
    ]
