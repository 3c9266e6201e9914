"""The effect of the cycle's measure: synthetic incidents (through the bulk path, so the roll-ups count
them) with a clear drop in Liljeholmen after the measure started and a steady level in comparison
districts, and an effect study; a second study, on a category with hardly any incidents, shows
"kan inte avgöras"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tryggsam.accounts.actors import Actor
from tryggsam.casework.models import Measure, Problem
from tryggsam.casework.services import measure_update
from tryggsam.core.models import Classification
from tryggsam.effects.models import Granularity
from tryggsam.effects.selectors import neighbours_of
from tryggsam.effects.services import effect_study_save
from tryggsam.forums.models import Forum
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.models import IncidentSource, Precision
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import Area

COMPARISONS = ("Fruängen", "Västertorp", "Älvsjö", "Solberga")
WEEKS_BEFORE = 26
PER_WEEK_BEFORE, PER_WEEK_AFTER, PER_WEEK_COMPARISON = (4, 5, 3, 4), (1, 2, 1, 2), (3, 3, 2, 4)
TITLES = ("Grupp unga vid rulltrapporna, högljudda", "Hotfull stämning vid bänkarna på torget")


def _rows(
    area: Area, start: dt.date, weeks: range, pattern: tuple[int, ...], categories: list[int]
) -> list[IncidentRow]:
    rows = []
    for week in weeks:
        for i in range(pattern[week % len(pattern)]):
            day = start + dt.timedelta(days=7 * week + (2 * i + week) % 7)
            rows.append(
                IncidentRow(
                    occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(19 + i % 4, 10 * i % 60))),
                    category_ids=(categories[(week + i) % len(categories)],),
                    district_id=area.pk,
                    district_area_id=area.parent_id,
                    classification=Classification.INTERNAL,
                    title=TITLES[(week + i) % len(TITLES)],
                    precision=Precision.DISTRICT,  # placed by district, without a point
                )
            )
    return rows


def create_demo_effects(*, actor: Actor, forum: Forum) -> Measure | None:
    """For the cycle's measure (the first measure of the forum's first open problem with an area):
    a start about eight months ago if it has none, the demo incidents, and its effect study; then a
    study of a second measure on a category too rare to tell. Returns the cycle's measure."""
    problem = (
        Problem.objects.filter(forum=forum, is_closed=False, area__isnull=False).order_by("position", "pk").first()
    )
    measure = problem.measures.order_by("position", "pk").first() if problem is not None else None
    if problem is None or measure is None or problem.area is None:
        return None
    today = timezone.localdate()
    if measure.start_date is None:
        measure = measure_update(
            actor=actor, measure=measure, expected_version=None, start_date=today - dt.timedelta(days=240)
        )
    start = measure.start_date
    assert start is not None
    weeks_after = min(12, (today - start).days // 7)
    categories = ensure_default_categories()
    chosen = [categories["youths"], categories["threats_violence"]]
    ids = [c.pk for c in chosen]
    treated = problem.area
    next_door = set(neighbours_of(treated).values_list("pk", flat=True))
    comparisons = [
        a
        for a in Area.objects.filter(level=treated.level, name__in=COMPARISONS).exclude(pk=treated.pk)
        if a.pk not in next_door
    ]
    rows = _rows(treated, start, range(-WEEKS_BEFORE, 0), PER_WEEK_BEFORE, ids)
    rows += _rows(treated, start, range(weeks_after), PER_WEEK_AFTER, ids)
    for area in comparisons:
        rows += _rows(area, start, range(-WEEKS_BEFORE, weeks_after), PER_WEEK_COMPARISON, ids)
    import_incident_rows(rows, source=IncidentSource.PARTNER_REPORT, actor=actor, note="Demodata: effekt av åtgärd")
    effect_study_save(
        actor=actor,
        measure=measure,
        comparison_areas=comparisons,
        categories=chosen,
        granularity=Granularity.WEEK,
        before_periods=WEEKS_BEFORE,
        after_periods=max(2, weeks_after),
    )
    other = (
        Measure.objects.filter(problem__forum=forum, problem__area__isnull=False, start_date__isnull=False)
        .exclude(pk=measure.pk)
        .order_by("problem__position", "problem__pk", "position", "pk")
        .first()
    )
    if other is not None:
        effect_study_save(
            actor=actor,
            measure=other,
            categories=[categories["aggressive_begging"]],
            before_periods=12,
            after_periods=12,
        )
    return measure


__all__ = ["create_demo_effects"]
