from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="WriteCounter",
            fields=[
                (
                    "object_type",
                    models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name="objekttyp"),
                ),
                ("writes", models.BigIntegerField(default=0, verbose_name="skrivningar")),
            ],
            options={
                "verbose_name": "skrivräknare",
                "verbose_name_plural": "skrivräknare",
            },
        ),
    ]
