"""Reads of cause trees, always as a user: a tree is read only through an owner the user may read
(the problem, or the focus area's plan); aimed measures and safety-walk findings are shown only when
the user may read them; an incident filter is counted live through the incidents' selectors, so each
reader counts only the incidents they may count (and the public only above the public limit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.casework.models import Measure, Problem
from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.causes.models import Cause, CauseTree, Evidence, EvidenceKind
from tryggsam.crimestats.models import CrimeStatistic, SurveyResult
from tryggsam.crimestats.selectors import statistics_visible_to
from tryggsam.forums.models import Finding
from tryggsam.forums.selectors import safety_walks_visible_to
from tryggsam.incidents.selectors import IncidentFilter, incidents_counted
from tryggsam.places.models import Area
from tryggsam.plans.models import ActionPlan, FocusArea
from tryggsam.plans.selectors import plans_visible_to
from tryggsam.situation.selectors import situation_areas_for

Owner = Problem | FocusArea


def focus_areas_visible_to(user: Reader) -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(plan__in=plans_visible_to(user).values("pk")).select_related("plan")


def focus_area_for(user: Reader, pk: int) -> FocusArea:
    """One focus area whose plan the user may read, or 404 (the read of a restricted plan is audited)."""
    focus_area = focus_areas_visible_to(user).select_related("plan__forum", "area", "forum").filter(pk=pk).first()
    if focus_area is None:
        raise Http404
    one_visible_or_404(user, plans_visible_to(user), focus_area.plan_id)
    return focus_area


def problem_for(user: Reader, pk: int) -> Problem:
    return one_visible_or_404(user, problems_visible_to(user).select_related("forum", "area"), pk)


def causes_visible_to(user: Reader) -> QuerySet[Cause]:
    """Causes whose owner the user may read."""
    return Cause.objects.filter(
        Q(tree__problem__in=problems_visible_to(user).values("pk"))
        | Q(tree__focus_area__plan__in=plans_visible_to(user).values("pk"))
    )


def cause_for(user: Reader, pk: int) -> Cause:
    """One cause the user may read, or 404 (a cause of an unreadable owner answers as one that does not exist)."""
    cause = (
        causes_visible_to(user)
        .select_related("tree__problem__forum", "tree__focus_area__plan", "parent")
        .filter(pk=pk)
        .first()
    )
    if cause is None:
        raise Http404
    owner = cause.tree.owner
    one_visible_or_404(user, _owner_records(user, owner), _owner_record(owner).pk)
    return cause


def evidence_for(user: Reader, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(cause__in=causes_visible_to(user).values("pk"), pk=pk).first()
    if evidence is None:
        raise Http404
    evidence.cause = cause_for(user, evidence.cause_id)
    return evidence


def _owner_record(owner: Owner) -> Problem | ActionPlan:
    return owner.plan if isinstance(owner, FocusArea) else owner


def _owner_records(user: Reader, owner: Owner) -> QuerySet[Any]:
    return plans_visible_to(user) if isinstance(owner, FocusArea) else problems_visible_to(user)


def tree_of(owner: Owner) -> CauseTree | None:
    """The owner's tree if it has one (for an owner the caller has already read)."""
    if isinstance(owner, FocusArea):
        return CauseTree.objects.filter(focus_area=owner).first()
    return CauseTree.objects.filter(problem=owner).first()


# --- what a tree shows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceSummary:
    """One piece of evidence as the reader may see it. `count` is the live count of an incident filter
    (None when the reader may not see it: a count under the public limit, or an area they may not ask about)."""

    pk: int
    kind: str
    kind_label: str
    text: str
    source: str
    count: int | None = None
    readable: bool = True


@dataclass(frozen=True)
class AimedMeasure:
    pk: int
    title: str
    status: str
    status_label: str
    problem_id: int


@dataclass(frozen=True)
class CauseNode:
    cause: Cause
    depth: int  # 0 for a cause, 1 for its sub-cause, ...
    number: str  # its place in the outline: "2.1" is the first sub-cause of the second cause
    evidence: tuple[EvidenceSummary, ...]
    measures: tuple[AimedMeasure, ...]
    is_first: bool  # among its siblings (no "move up")
    is_last: bool  # among its siblings (no "move down")


@dataclass(frozen=True)
class CauseTreeView:
    owner: Owner
    owner_kind: str  # "problem" or "focus_area"
    nodes: tuple[CauseNode, ...]
    can_edit: bool

    @property
    def title(self) -> str:
        return str(self.owner)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    return f"{start:%Y-%m-%d}–{end:%Y-%m-%d}" if start and end else ""


def incident_count(user: Reader, evidence: Evidence, categories: Iterable[Any]) -> int | None:
    """The incidents the filter finds, counted as `user`: only the incidents they may count, and for
    the public the public rule (no count from 1 to 2). None for an area the user may not ask about."""
    area = evidence.area
    if area is not None and not situation_areas_for(user).filter(pk=area.pk).exists():
        return None
    qs = incidents_counted(user)
    if area is not None:
        qs = IncidentFilter(district=area).apply(qs)
    category_ids = [c.pk for c in categories]
    if category_ids:
        qs = qs.filter(categories__in=category_ids)
    start, end = evidence.period_start, evidence.period_end
    assert start is not None and end is not None
    qs = IncidentFilter(start=start, end=end).apply(qs)
    return permissions.count_for(user, qs.values("pk").distinct().count())


def summarise(user: Reader, evidence: Evidence, *, findings_ok: set[int]) -> EvidenceSummary:
    kind = EvidenceKind(evidence.kind)

    def summary(text: str, source: str, count: int | None = None, readable: bool = True) -> EvidenceSummary:
        return EvidenceSummary(
            pk=evidence.pk, kind=kind.value, kind_label=str(kind.label), text=text, source=source, count=count,
            readable=readable,
        )  # fmt: skip

    if kind == EvidenceKind.INCIDENTS:
        categories = list(evidence.categories.all())
        names = ", ".join(c.name for c in categories) or _("alla kategorier")
        where = evidence.area.name if evidence.area else _("hela kommunen")
        text = _("%(categories)s i %(area)s, %(period)s") % {
            "categories": names,
            "area": where,
            "period": _period(evidence.period_start, evidence.period_end),
        }
        return summary(text, _("Händelser i TryggSam"), incident_count(user, evidence, categories))
    if kind == EvidenceKind.STATISTIC:
        s = evidence.statistic
        assert s is not None
        text = f"{s.category}, {s.area_name} {s.period}: {s.value:g} ({s.get_measure_display()})"
        return summary(text, s.source_import.source or s.source_import.file_name)
    if kind == EvidenceKind.SURVEY:
        r = evidence.survey_result
        assert r is not None
        text = f"{r.question}, {r.area_name} {r.year}: {r.share:g} %"
        return summary(text, r.source_import.source or r.source_import.file_name)
    if kind == EvidenceKind.FINDING:
        f = evidence.finding
        assert f is not None
        if f.pk not in findings_ok:
            return summary(_("En iakttagelse som du inte får läsa."), "", readable=False)
        source = f"{f.walk.title} {f.walk.date:%Y-%m-%d}"
        return summary(f.text + (f" ({f.location})" if f.location else ""), source)
    return summary(evidence.text, evidence.source)


def _aimed(measure: Measure) -> AimedMeasure:
    return AimedMeasure(
        pk=measure.pk,
        title=measure.title,
        status=measure.status,
        status_label=str(measure.get_status_display()),
        problem_id=measure.problem_id,
    )


def _nodes(user: Reader, tree: CauseTree | None) -> tuple[CauseNode, ...]:
    if tree is None:
        return ()
    visible_measures = measures_visible_to(user)
    causes = list(
        tree.causes.prefetch_related(
            Prefetch("measures", queryset=visible_measures.order_by("position", "id"), to_attr="visible_measures"),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related(
                    "area", "statistic__source_import", "survey_result__source_import", "finding__walk"
                ).prefetch_related("categories"),
            ),
        ).order_by("position", "id")
    )
    finding_ids = {e.finding_id for c in causes for e in c.evidence.all() if e.finding_id}
    findings_ok = set(
        Finding.objects.filter(pk__in=finding_ids, walk__in=safety_walks_visible_to(user).values("pk")).values_list(
            "pk", flat=True
        )
    )
    children: dict[int | None, list[Cause]] = {}
    for cause in causes:
        children.setdefault(cause.parent_id, []).append(cause)
    nodes: list[CauseNode] = []

    def walk(parent: int | None, depth: int, prefix: str) -> None:
        siblings = children.get(parent, [])
        for i, cause in enumerate(siblings):
            number = f"{prefix}{i + 1}"
            nodes.append(
                CauseNode(
                    cause=cause,
                    depth=depth,
                    number=number,
                    evidence=tuple(summarise(user, e, findings_ok=findings_ok) for e in cause.evidence.all()),
                    measures=tuple(_aimed(m) for m in getattr(cause, "visible_measures", ())),
                    is_first=i == 0,
                    is_last=i == len(siblings) - 1,
                )
            )
            walk(cause.pk, depth + 1, f"{number}.")

    walk(None, 0, "")
    return tuple(nodes)


def tree_view(user: Reader, owner: Owner) -> CauseTreeView:
    """The owner's tree, depth first, for an owner the caller has read through this module."""
    if not permissions.can_view_causes(user, owner):
        raise Http404
    return CauseTreeView(
        owner=owner,
        owner_kind="focus_area" if isinstance(owner, FocusArea) else "problem",
        nodes=_nodes(user, tree_of(owner)),
        can_edit=permissions.can_edit_causes(user, owner),
    )


def cause_trees(
    user: Reader, *, problems: Iterable[Problem] | None = None, focus_areas: Iterable[FocusArea] | None = None
) -> list[CauseTreeView]:
    """The cause trees of the given problems and focus areas that the user may read and that have at
    least one cause, in the order given (problems first). For the statutory documents and the minutes:
    plain dataclasses, with evidence summarised and counted as the user."""
    found: list[CauseTreeView] = []
    problem_ids = [p.pk for p in problems or ()]
    focus_ids = [f.pk for f in focus_areas or ()]
    readable_problems = problems_visible_to(user).filter(pk__in=problem_ids).in_bulk()
    readable_focus = focus_areas_visible_to(user).filter(pk__in=focus_ids).in_bulk()
    owners: list[Owner] = [readable_problems[pk] for pk in problem_ids if pk in readable_problems]
    owners += [readable_focus[pk] for pk in focus_ids if pk in readable_focus]
    for owner in owners:
        view = tree_view(user, owner)
        if view.nodes:
            found.append(view)
    return found


# --- choices for the forms (only what the user may read) ---------------------------------------------


def eligible_measures(user: Reader, owner: Owner) -> QuerySet[Measure]:
    """The measures that may be aimed at a cause of `owner`: for a problem its own measures; for a
    focus area the measures of problems in the focus area's (or its plan's) forum, or located in its
    (or its plan's) area or an area inside it. Only those the user may read."""
    visible = measures_visible_to(user).select_related("problem")
    if isinstance(owner, Problem):
        return visible.filter(problem=owner).order_by("position", "id")
    plan = owner.plan
    forums = {pk for pk in (owner.forum_id, plan.forum_id) if pk}
    roots = {pk for pk in (owner.area_id, plan.area_id) if pk}
    area_ids = set(roots)
    frontier = set(roots)
    while frontier:
        frontier = set(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - area_ids
        area_ids |= frontier
    return visible.filter(Q(problem__forum__in=forums) | Q(problem__area__in=area_ids)).order_by(
        "problem__position", "problem_id", "position", "id"
    )


def statistics_for_choice(user: Reader, *, area: Area | None = None) -> QuerySet[CrimeStatistic]:
    qs = statistics_visible_to(user).select_related("source_import")
    return qs.filter(area=area) if area is not None else qs


def survey_results_for_choice(user: Reader, *, area: Area | None = None) -> QuerySet[SurveyResult]:
    """Survey results are published data: everyone may read them (like crimestats' statistics)."""
    qs = SurveyResult.objects.select_related("source_import")
    return qs.filter(area=area) if area is not None else qs


def findings_for_choice(user: Reader) -> QuerySet[Finding]:
    return Finding.objects.filter(walk__in=safety_walks_visible_to(user).values("pk")).select_related("walk")


# --- gaps: causes without measures, measures without a cause ------------------------------------------


@dataclass(frozen=True)
class Gaps:
    causes_without_measures: list[Cause]
    measures_without_cause: list[Measure]


def gaps(user: Reader, *, forum: Any = None, plan: ActionPlan | None = None) -> Gaps:
    """For a forum: causes of its problems that no (visible) measure is aimed at, and its problems'
    open measures aimed at no cause. For a plan: the causes of its focus areas without a measure, and
    the measures that could be aimed at them (`eligible_measures`) but are aimed at no cause."""
    visible_measures = measures_visible_to(user)
    causes = causes_visible_to(user).annotate(
        aimed=Count("measures", filter=Q(measures__in=visible_measures.values("pk")), distinct=True)
    )
    if plan is not None:
        causes = causes.filter(tree__focus_area__plan=plan)
        measures = Measure.objects.none()
        for focus_area in plan.focus_areas.select_related("plan"):
            measures = measures | eligible_measures(user, focus_area)
    else:
        causes = causes.filter(tree__problem__forum=forum, tree__problem__is_closed=False)
        measures = visible_measures.filter(problem__forum=forum, problem__is_closed=False)
    measures = measures.filter(causes__isnull=True).select_related("problem").distinct()
    return Gaps(
        causes_without_measures=list(
            causes.filter(aimed=0).select_related("tree__problem", "tree__focus_area").order_by("tree", "position")
        ),
        measures_without_cause=list(measures.order_by("problem__position", "problem_id", "position", "id")),
    )
