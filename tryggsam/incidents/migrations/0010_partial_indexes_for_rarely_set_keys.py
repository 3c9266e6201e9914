"""Issue 17, item 3: the keys that are NULL in almost every incident are indexed only where set."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD_INDEXES = [
    ("incidents_incident_place_id_ec2e3c5a", "place_id"),
    ("incidents_incident_problem_id_260325b3", "problem_id"),
    ("incidents_incident_routed_to_id_e991dc49", "routed_to_id"),
    ("incidents_incident_duplicate_of_id_d224bfe2", "duplicate_of_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_organisation_database_defaults"),
        ("casework", "0006_problem_version"),
        ("incidents", "0009_tip_receipt_reference_and_answer"),
        ("places", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Drop the full indexes without rebuilding the table (SQLite remakes the whole table for an
        # AlterField): only the state changes; the partial indexes below replace them.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {name}", f"CREATE INDEX {name} ON incidents_incident ({column})"
                )
                for name, column in OLD_INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="incident",
                    name="duplicate_of",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="duplicates",
                        to="incidents.incident",
                        verbose_name="dubblett av",
                    ),
                ),
                migrations.AlterField(
                    model_name="incident",
                    name="place",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="places.area",
                        verbose_name="plats",
                    ),
                ),
                migrations.AlterField(
                    model_name="incident",
                    name="problem",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="incidents",
                        to="casework.problem",
                        verbose_name="problem",
                    ),
                ),
                migrations.AlterField(
                    model_name="incident",
                    name="routed_to",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="routed_incidents",
                        to="accounts.organisation",
                        verbose_name="skickad till",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(("place__isnull", False)), fields=["place"], name="incident_place_set"
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(("problem__isnull", False)), fields=["problem"], name="incident_problem_set"
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(("routed_to__isnull", False)), fields=["routed_to"], name="incident_routed_to_set"
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(("duplicate_of__isnull", False)),
                fields=["duplicate_of"],
                name="incident_duplicate_of_set",
            ),
        ),
    ]
