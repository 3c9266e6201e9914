from django.db import migrations


def schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="prune_counts_changes",
        defaults={"func": "tryggsam.effects.freshness.prune_counts_changes", "schedule_type": "D"},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="prune_counts_changes").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("effects", "0002_countschange"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
