"""Reads of effect studies and their results, as the user may read and count them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.casework.models import Measure
from tryggsam.effects import freshness
from tryggsam.effects.estimate import MIN_TREATED_BEFORE, Estimate, Reason, Verdict, did_estimate, similarity
from tryggsam.effects.models import EffectStudy
from tryggsam.effects.panel import Period, counts_by_area, periods_of
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area
from tryggsam.places.selectors import subtree_ids

if TYPE_CHECKING:  # shapely (with numpy) is loaded by the functions that need it, not at start-up
    from shapely.geometry.base import BaseGeometry

SUGGESTED_COMPARISONS = 5

VERDICT_TEXT = {
    Verdict.DECREASED: gettext_lazy("minskade"),
    Verdict.INCREASED: gettext_lazy("ökade"),
    Verdict.CANNOT_TELL: gettext_lazy("kan inte avgöras"),
}


@dataclass(frozen=True)
class AreaCounts:
    area_id: int
    name: str
    part: str  # the area's part in the study: "treated", "comparison" or "neighbour"
    by_period: list[int]
    before: int
    after: int


@dataclass(frozen=True)
class EffectResult:
    """The effect of one measure as one user may count it: what the statutory documents and the pages
    show. `estimate` is None when there is nothing to estimate on (no area, no start); `estimate` with
    `has_number` False is "cannot tell" without a number."""

    measure_id: int
    measure_title: str
    treated_area: str
    start: dt.date | None
    end: dt.date | None
    granularity: str
    categories: list[str]
    comparisons_suggested: bool
    periods: list[Period]
    rows: list[AreaCounts]
    verdict: str  # "minskade", "ökade" or "kan inte avgöras" (in the active language)
    explanation: str
    estimate: Estimate | None
    neighbours: list[str] = field(default_factory=list)
    displacement: Estimate | None = None
    displacement_verdict: str = ""
    displacement_explanation: str = ""
    computed_on: dt.date | None = None

    @property
    def period_table(self) -> list[tuple[Period, list[int]]]:
        """Each period with the counts of every row's area."""
        return [(period, [row.by_period[i] for row in self.rows]) for i, period in enumerate(self.periods)]

    @property
    def comparison_areas(self) -> list[str]:
        return [r.name for r in self.rows if r.part == "comparison"]


def study_of(user: Reader, measure: Measure) -> EffectStudy | None:
    """The measure's study, if the user may read the measure's effect."""
    if not permissions.can_view_effect_study(user, measure):
        return None
    return EffectStudy.objects.filter(measure=measure).prefetch_related("comparison_areas", "categories").first()


def study_categories(study: EffectStudy) -> list[IncidentCategory]:
    """The categories counted: the study's, else the problem's (by code), else none (all are counted)."""
    chosen = list(study.categories.all())
    if chosen:
        return chosen
    codes = study.measure.problem.categories or []
    return list(IncidentCategory.objects.filter(code__in=[c for c in codes if isinstance(c, str)]))


def overlapping_ids(area: Area) -> set[int]:
    """The area, its sub-areas and the areas it lies in: their counts overlap with the area's."""
    return set(subtree_ids(area)) | {a.pk for a in area.ancestors()}


@lru_cache(maxsize=1024)
def _shape(geometry: str) -> BaseGeometry:
    from shapely.geometry import shape

    return shape(json.loads(geometry))


def touching(geometry: str, other: str, *, tolerance: float = 1e-4) -> bool:
    """Do the two GeoJSON polygons share a boundary (or overlap)? A tolerance of about 10 m closes
    the slivers that simplified boundaries leave between neighbours; points never touch."""
    a, b = _shape(geometry), _shape(other)
    if a.geom_type == "Point" or b.geom_type == "Point":
        return False
    return bool(a.buffer(tolerance).intersects(b))


def neighbours_of(area: Area) -> QuerySet[Area]:
    """Areas of the same level whose boundary touches the area's (shapely on the GeoJSON; the
    bounding-box columns pre-filter in SQL). None for an area without a polygon."""
    if (
        not area.geometry
        or area.min_lat is None
        or area.min_lon is None
        or area.max_lat is None
        or area.max_lon is None
    ):
        return Area.objects.none()
    margin = 1e-4
    candidates = (
        Area.objects.filter(
            level=area.level,
            min_lat__lte=area.max_lat + margin,
            max_lat__gte=area.min_lat - margin,
            min_lon__lte=area.max_lon + margin,
            max_lon__gte=area.min_lon - margin,
        )
        .exclude(pk__in=overlapping_ids(area))
        .exclude(geometry="")
    )
    return Area.objects.filter(pk__in=[a.pk for a in candidates if touching(area.geometry, a.geometry)])


def suggest_comparisons(user: Reader, area: Area, periods: list[Period], category_ids: list[int] | None) -> list[Area]:
    """Up to SUGGESTED_COMPARISONS areas of the same level as the treated one, neither overlapping nor
    touching it (the neighbours are checked for displacement instead), with at least
    MIN_TREATED_BEFORE events before the start, most alike in level and trend before the start
    (`estimate.similarity`)."""
    before = [p for p in periods if not p.after]
    if not before:
        return []
    excluded = overlapping_ids(area) | set(neighbours_of(area).values_list("pk", flat=True))
    candidates = list(Area.objects.filter(level=area.level).exclude(pk__in=excluded).values_list("pk", flat=True))
    counts = counts_by_area(user, [area.pk, *candidates], before, category_ids)
    treated = counts[area.pk]
    ranked = sorted((similarity(treated, counts[pk]), pk) for pk in candidates if sum(counts[pk]) >= MIN_TREATED_BEFORE)
    chosen = [pk for _distance, pk in ranked[:SUGGESTED_COMPARISONS]]
    by_pk = Area.objects.in_bulk(chosen)
    return [by_pk[pk] for pk in chosen]


def _reason_text(reason: str) -> str:
    return {
        Reason.NO_PERIODS: _("Det finns för få hela perioder före eller efter starten (minst två av varje)."),
        Reason.TOO_FEW: _("För få händelser i området för att säga något (minst %(n)d före starten och någon efter).")
        % {"n": MIN_TREATED_BEFORE},
        Reason.NO_COMPARISON: _("Jämförelseområdena har för få händelser före eller efter starten."),
        Reason.NO_FIT: _("Modellen gick inte att skatta på de här siffrorna."),
        Reason.TOO_WIDE: _("Osäkerheten är så stor att siffrorna inte säger något om effekten."),
    }.get(reason, "")


def _percent(value: float | None) -> str:
    return f"{abs(value or 0):.0f}"


def _explain(estimate: Estimate, area: str) -> str:
    if not estimate.has_number:
        return _reason_text(estimate.reason)
    interval = _("95 %% konfidensintervall: %(low)+.0f till %(high)+.0f %%") % {
        "low": estimate.percent_low or 0.0,
        "high": estimate.percent_high or 0.0,
    }
    if estimate.verdict == Verdict.DECREASED:
        text = _("Händelserna i %(area)s minskade med %(p)s %% jämfört med jämförelseområdena")
    elif estimate.verdict == Verdict.INCREASED:
        text = _("Händelserna i %(area)s ökade med %(p)s %% jämfört med jämförelseområdena")
    else:
        text = _(
            "Skattningen för %(area)s är %(signed)s %%, men intervallet rymmer både en minskning och en ökning: "
            "det går inte att säga om händelserna ändrades"
        )
    return (
        text
        % {"area": area, "p": _percent(estimate.percent_change), "signed": f"{estimate.percent_change or 0.0:+.0f}"}
        + f" ({interval})."
    )


def _displacement_text(estimate: Estimate) -> str:
    if estimate.verdict == Verdict.INCREASED:
        return _("Grannområdena ökade mot jämförelseområdena: det kan tyda på att problemet flyttat dit.")
    if estimate.verdict == Verdict.DECREASED:
        return _("Grannområdena minskade också: ingen förflyttning syns, snarare en spridd nytta.")
    return _explain(estimate, _("grannområdena")) if estimate.has_number else _reason_text(estimate.reason)


def _rows(part: str, areas: list[Area], counts: dict[int, list[int]], after: list[bool]) -> list[AreaCounts]:
    rows = []
    for area in areas:
        series = counts[area.pk]
        rows.append(
            AreaCounts(
                area_id=area.pk,
                name=area.name,
                part=part,
                by_period=series,
                before=sum(n for n, a in zip(series, after, strict=True) if not a),
                after=sum(n for n, a in zip(series, after, strict=True) if a),
            )
        )
    return rows


def result_for(user: Reader, study: EffectStudy, *, today: dt.date | None = None) -> EffectResult:
    """Compute the study's result as `user` may count the incidents (no permission check here: see
    `effect_of`)."""
    measure = study.measure
    area = measure.problem.area
    today = today or timezone.localdate()
    categories = study_categories(study)
    category_ids = [c.pk for c in categories] or None
    base: dict[str, Any] = {
        "measure_id": measure.pk,
        "measure_title": measure.title,
        "treated_area": area.name if area is not None else "",
        "start": measure.start_date,
        "end": measure.end_date,
        "granularity": study.granularity,
        "categories": [c.name for c in categories],
        "computed_on": today,
    }
    cannot = str(VERDICT_TEXT[Verdict.CANNOT_TELL])
    if area is None or measure.start_date is None:
        explanation = (
            _("Problemet har ingen plats att räkna händelser i.")
            if area is None
            else _("Åtgärden har inget startdatum.")
        )
        return EffectResult(
            **base,
            comparisons_suggested=False,
            periods=[],
            rows=[],
            verdict=cannot,
            explanation=explanation,
            estimate=None,
        )
    periods = periods_of(
        measure.start_date,
        measure.end_date,
        before=study.before_periods,
        after=study.after_periods,
        granularity=study.granularity,
        today=today,
    )
    chosen = list(study.comparison_areas.all())
    comparisons = chosen or suggest_comparisons(user, area, periods, category_ids)
    neighbours = [a for a in neighbours_of(area) if a.pk not in {c.pk for c in comparisons}]
    ids = [area.pk] + [a.pk for a in comparisons] + [a.pk for a in neighbours]
    counts = counts_by_area(user, ids, periods, category_ids)
    after = [p.after for p in periods]
    rows = (
        _rows("treated", [area], counts, after)
        + _rows("comparison", comparisons, counts, after)
        + _rows("neighbour", neighbours, counts, after)
    )
    comparison_series = [counts[a.pk] for a in comparisons]
    estimate = did_estimate([counts[area.pk], *comparison_series], [True] + [False] * len(comparisons), after)
    displacement = None
    if neighbours:
        pooled = [sum(values) for values in zip(*(counts[a.pk] for a in neighbours), strict=True)]
        displacement = did_estimate([pooled, *comparison_series], [True] + [False] * len(comparisons), after)
    return EffectResult(
        **base,
        comparisons_suggested=not chosen,
        periods=periods,
        rows=rows,
        verdict=str(VERDICT_TEXT[estimate.verdict]),
        explanation=_explain(estimate, area.name),
        estimate=estimate,
        neighbours=[a.name for a in neighbours],
        displacement=displacement,
        displacement_verdict=str(VERDICT_TEXT[displacement.verdict]) if displacement else cannot,
        displacement_explanation=_displacement_text(displacement)
        if displacement
        else _("Området har inga grannområden med gränser att jämföra."),
    )


def effect_of(user: Reader, measure: Measure) -> EffectResult | None:
    """The effect of the measure as `user` may read and count it, or None when there is no study or
    the user may not read the measure's effect (see `permissions.can_view_effect_study`). The result is
    cached under a key of everything it is computed from (`freshness.result_key`): a second view
    refits nothing, a change of the incidents, the study or the measure computes it anew."""
    study = study_of(user, measure)
    if study is None:
        return None
    today = timezone.localdate()
    # The key is read before the counts: a change made while the result is computed moves the key on.
    key = freshness.result_key(user, study, today)
    cached = cache.get(key)
    if isinstance(cached, EffectResult):
        return cached
    result = result_for(user, study, today=today)
    cache.set(key, result, freshness.CACHE_SECONDS)
    return result
