"""Populations derived from published statistics.

A table that gives, for the same area, period and offence category, both the number of reported crimes
and the number per 1 000 or per 100 000 inhabitants (the parser stores every rate per 100 000) says how
many live there: population = count × 100 000 / rate per 100 000. Each such pair gives one estimate;
the estimates of an area and year must agree — within `TOLERANCE` plus what the rounding of the rates
as published can explain — or nothing is saved for that area and year and a warning names the figures.
The estimate from the largest count (the offence total, the most precise) is saved as the area's
derived population for the year (`places.population_services.population_save_derived`), which never
replaces a figure entered by hand."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.crimestats.models import CrimeStatistic, StatisticMeasure
from tryggsam.places.models import Area, AreaPopulation, PopulationSource
from tryggsam.places.population_services import DerivedOutcome, population_save_derived

TOLERANCE = 0.03
"""How far (3 %, beyond rounding) two derived figures of the same area and year may lie apart."""

PER = 100_000


@dataclass(frozen=True)
class Estimate:
    area_id: int
    year: int
    inhabitants: float
    count: float
    uncertainty: float  # relative, from the rounding of the published rate
    label: str  # "<file>, <category> <period>"


@dataclass
class DerivedPopulation:
    area: str
    year: int
    inhabitants: int
    derived_from: str
    saved: bool  # False: an entered figure was kept

    def as_json(self) -> dict[str, Any]:
        return {"area": self.area, "year": self.year, "inhabitants": self.inhabitants, "saved": self.saved}


@dataclass
class PopulationDerivation:
    populations: list[DerivedPopulation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0  # rows created or changed


def _rounding_uncertainty(value: float) -> float:
    """Half a unit of the last digit the rate was published with, relative to the rate: 1240 (12.4
    per 1 000) may be anything from 1235 to 1245. Digits beyond the sixth decimal are the parser's."""
    try:
        exponent = Decimal(repr(round(value, 6))).normalize().as_tuple().exponent
    except InvalidOperation:
        return math.inf
    if not isinstance(exponent, int) or value <= 0:
        return math.inf
    return 0.5 * 10.0**exponent / value


def _estimates(area_ids: Iterable[int] | None) -> list[Estimate]:
    rows = CrimeStatistic.objects.filter(
        area__isnull=False, measure__in=[StatisticMeasure.COUNT, StatisticMeasure.PER_100K]
    )
    if area_ids is not None:
        rows = rows.filter(area_id__in=list(area_ids))
    pairs: dict[tuple[int, str, str, str], dict[str, tuple[float, str]]] = defaultdict(dict)
    for area_id, area_name, period, category, measure, value, file_name in rows.values_list(
        "area_id", "area_name", "period", "category", "measure", "value", "source_import__file_name"
    ).order_by("pk"):
        pairs[(area_id, area_name, period, category)][measure] = (value, file_name)
    found = []
    for (area_id, _name, period, category), by_measure in pairs.items():
        if StatisticMeasure.COUNT not in by_measure or StatisticMeasure.PER_100K not in by_measure:
            continue  # a count without its rate (or a rate without its count) says nothing of the population
        count, file_name = by_measure[StatisticMeasure.COUNT]
        rate, _rate_file = by_measure[StatisticMeasure.PER_100K]
        if count <= 0 or rate <= 0:
            continue
        label = f"{file_name}, {category} {period}"
        found.append(Estimate(area_id, int(period[:4]), count * PER / rate, count, _rounding_uncertainty(rate), label))
    return found


def _agree(a: Estimate, b: Estimate) -> bool:
    return abs(a.inhabitants - b.inhabitants) <= (TOLERANCE + a.uncertainty + b.uncertainty) * b.inhabitants


def _number(n: float) -> str:
    return f"{round(n):,}".replace(",", "\u00a0")


@transaction.atomic
def populations_derive(*, actor: Actor, area_ids: Iterable[int] | None = None) -> PopulationDerivation:
    """Derive and save the populations that the stored statistics imply (for `area_ids`, or every
    area); an import calls it in its own transaction. Refused quietly, with a warning, for an actor who
    may not keep populations."""
    result = PopulationDerivation()
    if not permissions.can_keep_populations(actor):
        result.warnings.append(_("Befolkning härleddes inte: bara samordnare och administratörer får föra in den."))
        return result
    groups: dict[tuple[int, int], list[Estimate]] = defaultdict(list)
    for estimate in _estimates(area_ids):
        groups[(estimate.area_id, estimate.year)].append(estimate)
    areas = Area.objects.in_bulk([area_id for area_id, _year in groups])
    for (area_id, year), estimates in sorted(groups.items(), key=lambda g: (areas[g[0][0]].name, g[0][1])):
        area = areas[area_id]
        best = max(estimates, key=lambda e: (e.count, -e.uncertainty))
        if not all(_agree(e, best) for e in estimates):
            low = min(estimates, key=lambda e: e.inhabitants)
            high = max(estimates, key=lambda e: e.inhabitants)
            result.warnings.append(
                _(
                    "Befolkningen i %(area)s %(year)s sparades inte: statistiken ger från %(low)s (%(low_from)s) "
                    "till %(high)s invånare (%(high_from)s), mer än %(tolerance)d %% isär."
                )
                % {
                    "area": area.name,
                    "year": year,
                    "low": _number(low.inhabitants),
                    "low_from": low.label,
                    "high": _number(high.inhabitants),
                    "high_from": high.label,
                    "tolerance": round(TOLERANCE * 100),
                }
            )
            continue
        inhabitants = round(best.inhabitants)
        outcome = population_save_derived(
            actor=actor, area=area, year=year, inhabitants=inhabitants, derived_from=best.label
        )
        if outcome in (DerivedOutcome.CREATED, DerivedOutcome.UPDATED):
            result.written += 1
        kept = outcome is DerivedOutcome.ENTERED_KEPT
        result.populations.append(DerivedPopulation(area.name, year, inhabitants, best.label, saved=not kept))
        if kept:
            entered = AreaPopulation.objects.get(area=area, year=year, source=PopulationSource.ENTERED)
            if abs(entered.inhabitants - inhabitants) > TOLERANCE * entered.inhabitants:
                result.warnings.append(
                    _(
                        "%(area)s %(year)s: statistiken ger %(derived)s invånare, den inskrivna siffran "
                        "%(entered)s behålls."
                    )
                    % {
                        "area": area.name,
                        "year": year,
                        "derived": _number(inhabitants),
                        "entered": _number(entered.inhabitants),
                    }
                )
    return result
