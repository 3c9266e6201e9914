from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import Classification

DIMENSIONS = ["category", "source", "classification", "owner_organisation", "audience"]


class RollupCounts(models.Model):
    """Counts of incidents per area (at every level), period, category, source and classification.
    The situation picture reads these, never the raw incidents; the incident services keep them up
    to date in the same transaction, and `rebuild_rollups` recomputes them from the raw rows."""

    # Only the unique keys and the covering index of the situation query are indexed (every index
    # slows the upserts of the bulk import); deleting a category or an organisation, rare, scans
    # the roll-ups.
    area = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+", db_index=False)
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
        abstract = True


def _keys_and_cover(period: str, prefix: str) -> dict[str, list[Any]]:
    """The unique keys of a roll-up table by `period` (NULLs are distinct in a unique index: rows
    without owner need their own partial one for the upserts of `rollups`), and the covering index
    from which the situation query reads an area's periods without the table (3-4 times faster on
    SQLite at a million incidents than the unique key plus the table)."""
    key = ["area", period, *DIMENSIONS]
    return {
        "constraints": [
            models.UniqueConstraint(fields=key, name=f"{prefix}_unique_key"),
            models.UniqueConstraint(
                fields=[f for f in key if f != "owner_organisation"],
                condition=models.Q(owner_organisation__isnull=True),
                name=f"{prefix}_unique_key_no_owner",
            ),
        ],
        "indexes": [models.Index(fields=[*key, "count"], name=f"{prefix}_situation_cover")],
    }


class IncidentRollup(RollupCounts):
    """Daily counts: the days of a period that do not fill a calendar month."""

    day = models.DateField()

    class Meta:
        constraints = _keys_and_cover("day", "rollup")["constraints"]
        indexes = _keys_and_cover("day", "rollup")["indexes"]

    def __str__(self) -> str:
        return f"{self.area_id} {self.day} {self.category_id}: {self.count}"


class IncidentRollupMonth(RollupCounts):
    """Monthly counts (`month` is the first day of the month), the sums of the daily ones: a picture
    reads whole calendar months from here, so that a year's trend is 13 rows per category and source
    instead of some 400 days."""

    month = models.DateField()

    class Meta:
        constraints = _keys_and_cover("month", "rollup_month")["constraints"]
        indexes = _keys_and_cover("month", "rollup_month")["indexes"]

    def __str__(self) -> str:
        return f"{self.area_id} {self.month:%Y-%m} {self.category_id}: {self.count}"


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
