from django.db import migrations


def schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="fetch_police_events",
        defaults={"func": "tryggsam.incidents.jobs.fetch_police_events_job", "schedule_type": "I", "minutes": 15},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="fetch_police_events").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_default_categories"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
