from django.db import models
from django.utils.translation import gettext_lazy as _

from tryggsam.core.models import TimeStampedModel
from tryggsam.core.text import fold


class AreaLevel(models.TextChoices):
    DISTRICT_AREA = "district_area", _("Stadsdelsområde")
    DISTRICT = "district", _("Stadsdel")
    PLACE = "place", _("Plats")


LEVEL_DEPTH = {AreaLevel.DISTRICT_AREA: 0, AreaLevel.DISTRICT: 1, AreaLevel.PLACE: 2}


class Area(TimeStampedModel):
    """A district area, district or place. Geometry is GeoJSON text (lon/lat); the centroid and
    bounding box are kept as columns so that lists, maps and spatial pre-filters need no parsing."""

    name = models.CharField(_("namn"), max_length=200)
    level = models.CharField(_("nivå"), max_length=16, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("ingår i"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    external_id = models.CharField(_("extern id"), max_length=100, blank=True)
    geometry = models.TextField(_("geometri (GeoJSON)"), blank=True)
    centroid_lat = models.FloatField(null=True, blank=True, verbose_name=_("mittpunktens latitud"))
    centroid_lon = models.FloatField(null=True, blank=True, verbose_name=_("mittpunktens longitud"))
    min_lat = models.FloatField(null=True, blank=True, verbose_name=_("minsta latitud"))
    min_lon = models.FloatField(null=True, blank=True, verbose_name=_("minsta longitud"))
    max_lat = models.FloatField(null=True, blank=True, verbose_name=_("största latitud"))
    max_lon = models.FloatField(null=True, blank=True, verbose_name=_("största longitud"))
    folded_name = models.CharField(max_length=200, editable=False, db_index=True, verbose_name=_("namn för sökning"))

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["level", "folded_name", "parent"], name="area_unique_name_per_parent"),
            models.CheckConstraint(condition=models.Q(level__in=AreaLevel.values), name="area_level_valid"),
        ]
        indexes = [models.Index(fields=["level", "min_lat", "min_lon"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def ancestors(self) -> list["Area"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class AliasKind(models.TextChoices):
    FORMER = "former", _("Tidigare namn")
    ALTERNATE = "alternate", _("Annat namn")
    ABBREVIATION = "abbreviation", _("Förkortning")


class AreaAlias(TimeStampedModel):
    """Another name of an area: a former district-area name, a colloquial name, or an abbreviation
    defined by the users. One alias may name several areas (e.g. "F/V/H")."""

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=16, choices=AliasKind.choices, default=AliasKind.ALTERNATE)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("område"))
    folded_name = models.CharField(max_length=200, editable=False, db_index=True, verbose_name=_("namn för sökning"))

    class Meta:
        verbose_name = _("alternativt namn")
        verbose_name_plural = _("alternativa namn")
        constraints = [models.UniqueConstraint(fields=["folded_name", "area"], name="alias_unique_per_area")]

    def __str__(self) -> str:
        return f"{self.name} → {self.area}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class PopulationSource(models.TextChoices):
    ENTERED = "entered", _("inskrivet")
    DERIVED = "derived", _("härlett ur statistik")


POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR = 1900, 2200


class AreaPopulation(TimeStampedModel):
    """How many live in an area in a year: entered by a coordinator, or derived from published
    statistics that state both a count and a rate per inhabitants (`crimestats.populations`). An
    entered figure is never replaced by a derived one. Used for rates (per 1 000 or 100 000 inhabitants)."""

    area = models.ForeignKey(Area, verbose_name=_("område"), on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(_("år"))
    inhabitants = models.PositiveIntegerField(_("invånare"))
    source = models.CharField(_("källa"), max_length=8, choices=PopulationSource.choices)
    derived_from = models.CharField(
        _("härlett ur"), max_length=300, blank=True, help_text=_("Statistiken som siffran räknades fram ur.")
    )
    note = models.CharField(_("anteckning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        ordering = ["area__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="population_one_per_area_year"),
            models.CheckConstraint(condition=models.Q(inhabitants__gt=0), name="population_inhabitants_positive"),
            models.CheckConstraint(
                condition=models.Q(year__gte=POPULATION_FIRST_YEAR, year__lte=POPULATION_LAST_YEAR),
                name="population_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=PopulationSource.values), name="population_source_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=PopulationSource.DERIVED, derived_from=""),
                name="population_derived_names_statistics",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.inhabitants}"

    @property
    def source_label(self) -> str:
        """ "inskrivet", or "härlett ur statistik <what>"."""
        if self.source == PopulationSource.DERIVED:
            return str(_("härlett ur statistik %(what)s")) % {"what": self.derived_from}
        return str(PopulationSource(self.source).label)
