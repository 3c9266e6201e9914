from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel


class StatisticMeasure(models.TextChoices):
    COUNT = "count", _("Antal")
    PER_100K = "per_100k", _("Per 100 000 invånare")


class StatisticAreaLevel(models.TextChoices):
    """What kind of area a figure is for, as the source names it ("Stockholm kommun" is the
    municipality; "Stadsdelsområde Bromma (Sthlm)" a district area)."""

    COUNTRY = "country", _("Riket")
    COUNTY = "county", _("Län")
    MUNICIPALITY = "municipality", _("Kommun")
    POLICE_AREA = "police_area", _("Polisområde")
    DISTRICT_AREA = "district_area", _("Stadsdelsområde")
    DISTRICT = "district", _("Stadsdel")
    UNSTATED = "", _("Område")


class StatisticsImport(TimeStampedModel):
    """One imported file: what it was and what it gave. Every value points back to it."""

    file_name = models.CharField(_("fil"), max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True, verbose_name=_("kontrollsumma (SHA-256)"))
    source = models.CharField(_("källa"), max_length=300, blank=True)
    rows = models.PositiveIntegerField(_("värden"), default=0)

    class Meta:
        verbose_name = _("statistikimport")
        verbose_name_plural = _("statistikimporter")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class CrimeStatistic(models.Model):
    """One published figure: reported crimes of a category in an area and period (public data)."""

    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area_name = models.CharField(_("område (som i källan)"), max_length=200)
    period = models.CharField(_("period"), max_length=7, help_text=_("ÅÅÅÅ eller ÅÅÅÅ-MM"))
    period_start = models.DateField(_("periodens början"), db_index=True)
    area_level = models.CharField(
        _("områdets nivå"), max_length=16, choices=StatisticAreaLevel.choices, blank=True, default=""
    )
    category = models.CharField(_("brottskategori"), max_length=200)
    parent_category = models.CharField(
        _("ingår i brottskategori"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Kapitlet eller brottet som kategorin är en del av (”därav …”), tomt överst."),
    )
    measure = models.CharField(_("mått"), max_length=10, choices=StatisticMeasure.choices)
    value = models.FloatField(_("värde"))
    source_import = models.ForeignKey(
        StatisticsImport, on_delete=models.CASCADE, related_name="values", verbose_name=_("import")
    )

    class Meta:
        verbose_name = _("brottsstatistik")
        verbose_name_plural = _("brottsstatistik")
        constraints = [
            models.UniqueConstraint(
                fields=["area_name", "period", "category", "measure"], name="crimestat_unique_value"
            ),
            models.CheckConstraint(
                condition=models.Q(measure__in=StatisticMeasure.values), name="crimestat_measure_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(area_level__in=StatisticAreaLevel.values), name="crimestat_area_level_valid"
            ),
        ]
        indexes = [models.Index(fields=["area", "category", "period_start"])]

    def __str__(self) -> str:
        return f"{self.area_name} {self.period} {self.category}: {self.value:g}"


class SurveyResult(models.Model):
    """One answer share from a safety survey (trygghetsmätning): e.g. the share of residents of an
    area who felt unsafe outdoors at night, in a year. Published data: everyone may read it."""

    area = models.ForeignKey(
        "places.Area", verbose_name=_("område"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area_name = models.CharField(_("område (som i källan)"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"))
    question = models.CharField(_("fråga"), max_length=300)
    share = models.FloatField(_("andel (%)"))
    source_import = models.ForeignKey(
        StatisticsImport, on_delete=models.CASCADE, related_name="survey_results", verbose_name=_("import")
    )

    class Meta:
        verbose_name = _("trygghetsmätning")
        verbose_name_plural = _("trygghetsmätningar")
        constraints = [
            models.UniqueConstraint(fields=["area_name", "year", "question"], name="survey_unique_answer"),
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(share__lte=100), name="survey_share_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.year} {self.question}: {self.share:g} %"
