from django.db import migrations


def schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="send_situation_reports",
        defaults={"func": "django.core.management.call_command", "args": "'send_situation_reports'", "schedule_type": "D"},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="send_situation_reports").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("situation", "0002_report_subscription"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
