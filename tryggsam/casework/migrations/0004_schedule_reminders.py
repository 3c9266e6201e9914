from django.db import migrations


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="send_reminders",
        defaults={"func": "django.core.management.call_command", "args": "'send_reminders'", "schedule_type": "D"},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="send_reminders").delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_reminders"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]
    operations = [migrations.RunPython(schedule, unschedule)]
