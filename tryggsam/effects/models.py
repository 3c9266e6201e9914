from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel

MAX_PERIODS = 104


class Granularity(models.TextChoices):
    MONTH = "month", _("Månad")
    WEEK = "week", _("Vecka")


class EffectStudy(TimeStampedModel):
    """How the effect of one measure is estimated: the comparison areas (none: the suggested ones),
    the incident categories counted (none: the problem's categories, or all), and how many periods
    before and after the measure's start are compared. Read as the measure is read; the result is
    computed when it is shown (`selectors.effect_of`)."""

    measure = models.OneToOneField(
        "casework.Measure", verbose_name=_("åtgärd"), on_delete=models.CASCADE, related_name="effect_study"
    )
    comparison_areas = models.ManyToManyField(
        "places.Area", verbose_name=_("jämförelseområden"), blank=True, related_name="+"
    )
    categories = models.ManyToManyField(
        "incidents.IncidentCategory", verbose_name=_("kategorier"), blank=True, related_name="+"
    )
    granularity = models.CharField(_("period"), max_length=8, choices=Granularity.choices, default=Granularity.MONTH)
    before_periods = models.PositiveSmallIntegerField(
        _("perioder före start"), default=12, validators=[MinValueValidator(2), MaxValueValidator(MAX_PERIODS)]
    )
    after_periods = models.PositiveSmallIntegerField(
        _("perioder efter start"), default=12, validators=[MinValueValidator(2), MaxValueValidator(MAX_PERIODS)]
    )

    class Meta:
        verbose_name = _("effektstudie")
        verbose_name_plural = _("effektstudier")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granularity__in=Granularity.values), name="effectstudy_granularity_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(before_periods__gte=2, before_periods__lte=MAX_PERIODS)
                & models.Q(after_periods__gte=2, after_periods__lte=MAX_PERIODS),
                name="effectstudy_periods_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Effekt av %(measure)s") % {"measure": self.measure})


class CountsChange(models.Model):
    """One change of the incident counts (new, changed or removed incidents, a batch of an import): the
    id of the last row is the version of the incident data that cached effect results are keyed by
    (`freshness.py`). Holds nothing else."""

    class Meta:
        verbose_name = _("ändring av händelseräkningar")
        verbose_name_plural = _("ändringar av händelseräkningar")

    def __str__(self) -> str:
        return str(self.pk)
