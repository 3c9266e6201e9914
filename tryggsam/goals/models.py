from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel


class IndicatorKind(models.TextChoices):
    INCIDENTS = "incidents", _("Händelser i situationsbilden")
    SURVEY = "survey", _("Andel i trygghetsmätning")
    STATISTIC = "statistic", _("Statistikserie (anmälda brott)")
    MANUAL = "manual", _("Värden som förs in för hand")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Månad")
    QUARTER = "quarter", _("Kvartal")
    TERTIAL = "tertial", _("Tertial")
    YEAR = "year", _("År")


class Direction(models.TextChoices):
    LOWER = "lower", _("Lägre är bättre")
    HIGHER = "higher", _("Högre är bättre")


class StatisticMeasureChoice(models.TextChoices):
    COUNT = "count", _("Antal")
    PER_100K = "per_100k", _("Per 100 000 invånare")


class Goal(TimeStampedModel):
    """A goal on exactly one of a focus area (a plan's focus area or a citizen promise's promise) or a
    problem, with the indicator that measures it, a baseline and a target. It has no classification of
    its own: whoever may read its focus area's plan or its problem may read it, and its figures are
    counted as the reader (goals/indicators.py)."""

    focus_area = models.ForeignKey(
        "plans.FocusArea", verbose_name=_("fokusområde"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    problem = models.ForeignKey(
        "casework.Problem", verbose_name=_("problem"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    text = models.TextField(_("mål"))
    indicator = models.CharField(_("indikator"), max_length=12, choices=IndicatorKind.choices)
    # (a) incidents: categories in areas, counted per period
    categories = models.ManyToManyField(
        "incidents.IncidentCategory", verbose_name=_("händelsekategorier"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField("places.Area", verbose_name=_("områden"), blank=True, related_name="+")
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices, blank=True, default="")
    # (b) survey question / (c) statistics series: one area
    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    survey_question = models.CharField(_("fråga i trygghetsmätningen"), max_length=300, blank=True)
    statistic_category = models.CharField(_("brottskategori"), max_length=200, blank=True)
    statistic_measure = models.CharField(
        _("mått"), max_length=10, choices=StatisticMeasureChoice.choices, blank=True, default=""
    )
    # (d) manual: the unit the readings are in
    unit = models.CharField(_("enhet"), max_length=60, blank=True)
    baseline_value = models.FloatField(_("utgångsvärde"), null=True, blank=True)
    baseline_period = models.CharField(_("utgångsperiod"), max_length=10)
    target_value = models.FloatField(_("målvärde"))
    target_date = models.DateField(_("måldatum"))
    direction = models.CharField(_("riktning"), max_length=6, choices=Direction.choices)
    # Set on a goal given to a plan that was already decided (to follow it up): such a goal is not part
    # of the decision, and whoever keeps the plan may change it. A goal set before the decision is
    # frozen with the plan.
    added_after_decision = models.BooleanField(_("satt efter planens beslut"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(focus_area__isnull=False) & Q(problem__isnull=True))
                | (Q(focus_area__isnull=True) & Q(problem__isnull=False)),
                name="goal_on_exactly_one_subject",
            ),
            models.CheckConstraint(condition=Q(indicator__in=IndicatorKind.values), name="goal_indicator_valid"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="goal_direction_valid"),
            models.CheckConstraint(
                condition=Q(period_kind__in=[*PeriodKind.values, ""]), name="goal_period_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ManualReading(TimeStampedModel):
    """One value of a goal's indicator entered by hand, with its source and, when the source gives
    one, its interval. Readings may be entered on a goal of a decided plan (following it up does not
    change what was decided)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="readings", verbose_name=_("mål"))
    date = models.DateField(_("datum"))
    value = models.FloatField(_("värde"))
    low = models.FloatField(_("osäkerhet, nedre gräns"), null=True, blank=True)
    high = models.FloatField(_("osäkerhet, övre gräns"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    class Meta:
        verbose_name = _("avläsning")
        verbose_name_plural = _("avläsningar")
        ordering = ["goal", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(low__isnull=True) & Q(high__isnull=True))
                | (Q(low__isnull=False) & Q(high__isnull=False) & Q(low__lte=models.F("high"))),
                name="reading_interval_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.date}: {self.value:g}"
