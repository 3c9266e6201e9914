"""The demo's cause analysis: a small cause tree for the issue-15 cycle's problem (the first open
problem with a place in the Liljeholmen partnership's work table), with evidence, one measure aimed
at a cause and causes still without a measure. Written in our own words."""

from __future__ import annotations

import datetime as dt

from tryggsam.casework.models import Problem
from tryggsam.causes import services
from tryggsam.causes.models import Cause, EvidenceKind
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.forums.models import Forum
from tryggsam.incidents.services import ensure_default_categories


def cycle_problem(forum: Forum) -> Problem | None:
    """The cycle's problem: the forum's first open problem that has a place (lowest position, then pk)."""
    return Problem.objects.filter(forum=forum, is_closed=False, area__isnull=False).order_by("position", "pk").first()


def create_cause_analysis(forum: Forum, *, today: dt.date) -> Problem | None:
    """Idempotent: a problem that already has causes is left as it is."""
    problem = cycle_problem(forum)
    if problem is None or Cause.objects.filter(tree__problem=problem).exists():
        return problem
    add = services.cause_add
    few_adults = add(
        actor=DEMO_SYSTEM,
        owner=problem,
        title="Få vuxna rör sig på torget sena kvällar",
        description="När butikerna stängt finns nästan bara ungdomarna och vakterna kvar.",
    )
    youth_club = add(
        actor=DEMO_SYSTEM,
        owner=problem,
        parent=few_adults,
        title="Fritidsgården stänger tidigt på fredagar",
        description="Öppet till 21; stöket börjar ofta strax efter.",
    )
    meeting_place = add(
        actor=DEMO_SYSTEM,
        owner=problem,
        title="Torget är en självklar samlingsplats",
        description="Tak, värme och uppkoppling vid entréerna gör att grupper stannar länge.",
    )
    add(actor=DEMO_SYSTEM, owner=problem, parent=meeting_place, title="Bänkarna vid rulltrapporna inbjuder till häng")
    categories = ensure_default_categories()
    services.evidence_add(
        actor=DEMO_SYSTEM,
        cause=meeting_place,
        kind=EvidenceKind.INCIDENTS,
        categories=[categories[code] for code in problem.categories if code in categories],
        area=problem.area,
        period_start=today - dt.timedelta(days=180),
        period_end=today,
    )
    services.evidence_add(
        actor=DEMO_SYSTEM,
        cause=youth_club,
        kind=EvidenceKind.TEXT,
        text="Fältassistenterna ser flest ungdomar på torget mellan 21 och 23 på fredagar.",
        source="Fältassistenternas rapport till platssamverkan",
    )
    services.evidence_add(
        actor=DEMO_SYSTEM,
        cause=few_adults,
        kind=EvidenceKind.TEXT,
        text="Centrumets vakter är ofta de enda vuxna på torget efter klockan 21.",
        source="Centrumförvaltningens kvällsrapporter",
    )
    first_measure = problem.measures.order_by("position", "pk").first()
    if first_measure is not None:
        services.measure_aim(actor=DEMO_SYSTEM, cause=few_adults, measure=first_measure)
    return problem
