from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import Classification


class IncidentRollup(models.Model):
    """Daily counts of incidents per area (at every level), category, source and classification.
    The situation picture reads these, never the raw incidents; the incident services keep them up
    to date in the same transaction, and `rebuild_rollups` recomputes them from the raw rows."""

    # Only the unique keys and the covering index of the situation query are indexed (every index
    # slows the upserts of the bulk import); deleting a category or an organisation, rare, scans
    # the roll-ups.
    area = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    category = models.ForeignKey(
        "incidents.IncidentCategory", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    source = models.CharField(max_length=20)
    classification = models.CharField(max_length=16, choices=Classification.choices)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    # Restricted incidents shared with other organisations: the sorted ids of those organisations as
    # ",3,7," (empty otherwise), so that the policy can count them for the organisations they are
    # shared with without reading the raw incidents.
    audience = models.CharField(max_length=1000, default="", blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "day", "category", "source", "classification", "owner_organisation", "audience"],
                name="rollup_unique_key",
            ),
            # NULLs are distinct in a unique index: rows without owner need their own (partial) one
            # for the upsert of `rollups.upsert_counts`.
            models.UniqueConstraint(
                fields=["area", "day", "category", "source", "classification", "audience"],
                condition=models.Q(owner_organisation__isnull=True),
                name="rollup_unique_key_no_owner",
            ),
        ]
        # Covering index: the situation query reads an area's days from the index alone (3-4 times
        # faster on SQLite at a million incidents than the unique key plus the table).
        indexes = [
            models.Index(
                fields=[
                    "area",
                    "day",
                    "category",
                    "source",
                    "classification",
                    "owner_organisation",
                    "audience",
                    "count",
                ],
                name="rollup_situation_cover",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.day} {self.category_id}: {self.count}"


class ReportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Varje vecka")
    QUARTERLY = "quarterly", _("Varje kvartal")


class ReportSubscription(models.Model):
    """A user who gets the situation report of an area by e-mail, weekly or quarterly."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="report_subscriptions")
    area = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=ReportFrequency.choices, default=ReportFrequency.WEEKLY)
    last_period_end = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "area", "frequency"], name="report_subscription_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.area} {self.frequency}"
