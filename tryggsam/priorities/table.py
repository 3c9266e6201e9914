"""The prioritisation table: a council's areas for one period, read as the user.

Which areas: the council's own area (`Forum.area`, a district area in the demo) and the districts in
it; a council without an area covers the municipality, i.e. every district area and district. Places
are left out: a square or a station is worked on by its place partnership, and counts that small
single out incidents. (A council has no `places`; those belong to place partnerships.)

What each row counts, all through the policy's selectors (`incidents_counted`, `problems_visible_to`,
`measures_visible_to`), so a restricted incident, problem or measure counts only for those who may
read it:
- incidents located in the area (each incident once, whatever its categories) in the period, the
  previous period and the same period last year, with the exact test of the situation picture
  (`situation.stats.poisson_change_p_value`, over the periods' lengths in days);
- partners' reports (incidents of the source "Partnerrapport") in the period;
- open problems in the area or in a place inside it, their open (planned, ongoing, paused) measures,
  and the open problems without an open measure;
- the safety surveys' results for the area (published data, as in the situation picture: the latest
  year up to the period's).
- the rate per 1 000 inhabitants of the period's count, where the area's population is known
  (`places.selectors.populations_for`: the period's year, or the nearest of the few years before it,
  which the row states); otherwise `AreaRow.rate` is None and the row says why."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Reader
from tryggsam.casework.selectors import OPEN_STATUSES, measures_visible_to, problems_visible_to
from tryggsam.crimestats.models import SurveyResult
from tryggsam.forums.models import Forum
from tryggsam.incidents.models import IncidentSource
from tryggsam.incidents.selectors import incidents_counted
from tryggsam.places.models import Area, AreaLevel
from tryggsam.places.selectors import POPULATION_YEARS_BACK, PopulationFigure, populations_for
from tryggsam.priorities.periods import Period
from tryggsam.situation.stats import SIGNIFICANCE, poisson_change_p_value

RATE_PER = 1000
"""The table's rates are per 1 000 inhabitants (the period's count, not a yearly rate)."""


@dataclass(frozen=True)
class Change:
    """The count of a comparison period and the exact test of the change to the period's count."""

    before: int
    p_value: float
    after: int

    @property
    def significant(self) -> bool:
        return self.p_value < SIGNIFICANCE

    @property
    def direction(self) -> int:
        return (self.after > self.before) - (self.after < self.before)


@dataclass(frozen=True)
class SurveyFigure:
    question: str
    year: int
    share: float


@dataclass
class AreaRow:
    area_id: int
    name: str
    level: str
    level_label: str
    count: int
    rate: float | None  # the count per 1 000 inhabitants in the period; None: no population is known
    previous: Change
    last_year: Change
    partner_reports: int
    open_problems: int
    open_measures: int
    problems_without_measure: int
    surveys: list[SurveyFigure]
    score: int = 0
    reasons: list[str] | None = None
    suggested_rank: int = 0
    population: PopulationFigure | None = None

    @property
    def rate_note(self) -> str:
        """Where the rate's population comes from, or why there is no rate (shown and exported)."""
        if self.population is None:
            return _("ingen befolkning känd för året eller de %(n)d åren före") % {"n": POPULATION_YEARS_BACK}
        text = _("%(n)s invånare %(year)s, %(source)s") % {
            "n": f"{self.population.inhabitants:,}".replace(",", "\u00a0"),
            "year": self.population.year,
            "source": self.population.source,
        }
        return text


@dataclass
class PriorityTable:
    council_id: int
    council_name: str
    period: Period
    previous_period: Period
    last_year_period: Period
    rows: list[AreaRow]

    @property
    def population_known(self) -> bool:
        """Some row has a rate."""
        return any(row.rate is not None for row in self.rows)

    @property
    def population_complete(self) -> bool:
        """Every row has a rate (the ranking then weighs rates, not counts)."""
        return bool(self.rows) and all(row.rate is not None for row in self.rows)


def council_areas(council: Forum) -> list[Area]:
    """The areas a council prioritises among (see the module docstring), district areas first."""
    if council.area_id is not None:
        own = Area.objects.filter(pk=council.area_id)
        inside = Area.objects.filter(parent_id=council.area_id, level=AreaLevel.DISTRICT)
        areas = list(own.exclude(level=AreaLevel.PLACE)) + list(inside.order_by("name", "id"))
    else:
        areas = list(Area.objects.filter(level__in=[AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT]))
    depth = {AreaLevel.DISTRICT_AREA: 0, AreaLevel.DISTRICT: 1}
    return sorted(areas, key=lambda a: (depth.get(AreaLevel(a.level), 2), a.name, a.pk))


def _subtrees(areas: list[Area]) -> dict[int, set[int]]:
    """Each area's id with the ids of every area below it (places in a district, districts and their
    places in a district area): problems are kept on the area they are about, often a place."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in Area.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children[parent].append(pk)
    result: dict[int, set[int]] = {}
    for area in areas:
        seen, stack = {area.pk}, [area.pk]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        result[area.pk] = seen
    return result


def _span(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """From the period's first midnight up to (not including) the midnight after it, local time."""
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    return start, end


def _in(period: Period, extra: Q | None = None) -> Q:
    start, end = _span(period)
    q = Q(occurred_at__gte=start, occurred_at__lt=end)
    return q & extra if extra is not None else q


def _incident_counts(user: Reader, areas: list[Area], period: Period) -> dict[int, tuple[int, int, int, int]]:
    """{area id: (now, previous, same period last year, partners' reports now)} of the incidents the
    user may count, one grouped query per area level (an incident is located at each level)."""
    previous, last_year = period.previous(), period.same_last_year()
    counted = incidents_counted(user)
    result: dict[int, tuple[int, int, int, int]] = {}
    for level, column in ((AreaLevel.DISTRICT_AREA, "district_area_id"), (AreaLevel.DISTRICT, "district_id")):
        ids = [a.pk for a in areas if a.level == level]
        if not ids:
            continue
        rows = (
            counted.filter(**{f"{column}__in": ids})
            .filter(_in(period) | _in(previous) | _in(last_year))
            .order_by()
            .values(column)
            .annotate(
                now=Count("pk", filter=_in(period), distinct=True),
                prev=Count("pk", filter=_in(previous), distinct=True),
                year=Count("pk", filter=_in(last_year), distinct=True),
                partner=Count("pk", filter=_in(period, Q(source=IncidentSource.PARTNER_REPORT)), distinct=True),
            )
        )
        for row in rows:
            result[row[column]] = (row["now"], row["prev"], row["year"], row["partner"])
    return result


def _casework_counts(user: Reader, subtrees: dict[int, set[int]]) -> dict[int, tuple[int, int, int]]:
    """{area id: (open problems, open measures, open problems without an open measure)} of what the
    user may read, counting what lies in the area or in an area below it."""
    everywhere = set().union(*subtrees.values()) if subtrees else set()
    open_measures = measures_visible_to(user).filter(status__in=OPEN_STATUSES)
    problems = list(
        problems_visible_to(user)
        .filter(is_closed=False, area_id__in=everywhere)
        .annotate(has_measure=Exists(open_measures.filter(problem=OuterRef("pk"))))
        .values_list("area_id", "has_measure")
    )
    measures = list(
        open_measures.filter(problem__is_closed=False, problem__area_id__in=everywhere).values_list(
            "problem__area_id", flat=True
        )
    )
    result = {}
    for area_id, ids in subtrees.items():
        mine = [has for area, has in problems if area in ids]
        result[area_id] = (len(mine), sum(1 for area in measures if area in ids), sum(1 for has in mine if not has))
    return result


def _surveys(areas: list[Area], period: Period) -> dict[int, list[SurveyFigure]]:
    """The latest survey year up to the period's, per area (published data: everyone may read it)."""
    rows = SurveyResult.objects.filter(area_id__in=[a.pk for a in areas], year__lte=period.year).order_by(
        "area_id", "-year", "question"
    )
    latest: dict[int, int] = {}
    result: dict[int, list[SurveyFigure]] = defaultdict(list)
    for row in rows.values_list("area_id", "year", "question", "share"):
        area_id, year, question, share = row
        if latest.setdefault(area_id, year) == year:
            result[area_id].append(SurveyFigure(question=question, year=year, share=share))
    return result


def build_table(user: Reader, council: Forum, period: Period) -> PriorityTable:
    """The table's rows in the council's area order; the ranking is added by `ranking.rank`. The
    caller has asked the policy whether the user may see the table."""
    areas = council_areas(council)
    incidents = _incident_counts(user, areas, period)
    casework = _casework_counts(user, _subtrees(areas))
    surveys = _surveys(areas, period)
    populations = populations_for(user, [a.pk for a in areas], period.year)
    previous, last_year = period.previous(), period.same_last_year()
    rows = []
    for area in areas:
        now, prev, year, partner = incidents.get(area.pk, (0, 0, 0, 0))
        problems, measures, without = casework.get(area.pk, (0, 0, 0))
        population = populations.get(area.pk)
        rows.append(
            AreaRow(
                area_id=area.pk,
                name=area.name,
                level=area.level,
                level_label=str(area.get_level_display()),
                count=now,
                rate=population.rate(now, RATE_PER) if population is not None else None,
                population=population,
                previous=Change(prev, poisson_change_p_value(prev, now, previous.days, period.days), now),
                last_year=Change(year, poisson_change_p_value(year, now, last_year.days, period.days), now),
                partner_reports=partner,
                open_problems=problems,
                open_measures=measures,
                problems_without_measure=without,
                surveys=surveys.get(area.pk, []),
            )
        )
    return PriorityTable(
        council_id=council.pk,
        council_name=council.name,
        period=period,
        previous_period=previous,
        last_year_period=last_year,
        rows=rows,
    )
