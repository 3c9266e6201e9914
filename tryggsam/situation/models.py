from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import Classification


class RollupCounts(models.Model):
    """Counts of incidents per area (at every level), period, category, source, classification, owner
    and audience. The situation picture reads these, never the raw incidents; the incident services
    keep them up to date in the same transaction, and `rebuild_rollups` recomputes them from the raw
    rows.

    The key is the primary key and, on SQLite, the table is `WITHOUT ROWID` (see the migration
    `situation.0006`): the table is then its own covering index, so that an upsert writes one B-tree
    instead of four (table, unique key, partial unique key for rows without owner, covering index;
    `bench/rollup_upsert.py` measures the difference) and the situation query reads an area's periods
    from it alone. A later migration that rebuilds these tables on SQLite must keep `WITHOUT ROWID` and
    the key columns declared first (`situation.0007`: SQLite 3.40's integrity checks misread the table
    otherwise)."""

    # Derived data, rebuilt from the incidents: no database constraints on the references (the
    # incidents protect their areas and categories; deleting one through Django still cascades here).
    area = models.ForeignKey(
        "places.Area",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("område"),
    )
    category = models.ForeignKey(
        "incidents.IncidentCategory",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("kategori"),
    )
    source = models.CharField(max_length=20, verbose_name=_("källa"))
    classification = models.CharField(max_length=16, choices=Classification.choices, verbose_name=_("klassificering"))
    # The owner organisation's id, 0 for none: a NULL cannot be part of a primary key.
    owner = models.BigIntegerField(default=0, verbose_name=_("ägare"))
    # Restricted incidents shared with other organisations: the sorted ids of those organisations as
    # ",3,7," (empty otherwise), so that the policy can count them for the organisations they are
    # shared with without reading the raw incidents.
    audience = models.CharField(max_length=1000, default="", blank=True, verbose_name=_("läsekrets"))
    count = models.PositiveIntegerField(default=0, verbose_name=_("antal"))

    class Meta:
        abstract = True


class DailyRollup(RollupCounts):
    """Daily counts: the days of a period that do not fill a calendar month."""

    pk = models.CompositePrimaryKey("area", "day", "category", "source", "classification", "owner", "audience")
    day = models.DateField(verbose_name=_("dag"))

    def __str__(self) -> str:
        return f"{self.area_id} {self.day} {self.category_id}: {self.count}"


class MonthlyRollup(RollupCounts):
    """Monthly counts (`month` is the first day of the month), the sums of the daily ones: a picture
    reads whole calendar months from here, so that a year's trend is 13 rows per category and source
    instead of some 400 days."""

    pk = models.CompositePrimaryKey("area", "month", "category", "source", "classification", "owner", "audience")
    month = models.DateField(verbose_name=_("månad"))

    def __str__(self) -> str:
        return f"{self.area_id} {self.month:%Y-%m} {self.category_id}: {self.count}"


class ReportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Varje vecka")
    QUARTERLY = "quarterly", _("Varje kvartal")


class ReportSubscription(models.Model):
    """A user who gets the situation report of an area by e-mail, weekly or quarterly."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="report_subscriptions", verbose_name=_("användare")
    )
    area = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+", verbose_name=_("område"))
    frequency = models.CharField(
        max_length=10, choices=ReportFrequency.choices, default=ReportFrequency.WEEKLY, verbose_name=_("frekvens")
    )
    last_period_end = models.DateField(null=True, blank=True, verbose_name=_("senaste periodens slut"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("skapad"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "area", "frequency"], name="report_subscription_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.area} {self.frequency}"
