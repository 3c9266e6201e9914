"""The analysis cycle's parts of the statutory documents: the council's priorities and cause analysis in
the lägesbild, goals with their indicators in the åtgärdsplan and the yearly follow-up, and the effect of
measures in the yearly follow-up.

Each builder reads through the owning app's selectors as the document's reader (an anonymous visitor
for the public version), so the public version holds what the public picture may show: causes and
goals only of open records, incident counts under the public limit hidden, no effect estimates (they
are for members: `permissions.can_view_effect_study`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tryggsam.casework.models import MeasureStatus
from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.causes.selectors import cause_trees
from tryggsam.core.models import Classification
from tryggsam.effects.selectors import effect_of
from tryggsam.goals.models import Goal
from tryggsam.goals.selectors import goal_progress, goals_of_plan, goals_of_problem
from tryggsam.priorities.selectors import current_priorities
from tryggsam.statutory.builders import decided_plan
from tryggsam.statutory.models import DocumentKind
from tryggsam.statutory.sections import (
    DocumentContext,
    Section,
    add_section_builder,
    bullets,
    paragraph,
    source_line,
    strictest,
    table,
)


def _council_problems(ctx: DocumentContext) -> list[Any]:
    """The council's problems (its own forum and the forums under it) that were open at some time in
    the year."""
    if not ctx.forum_ids:
        return []
    problems = problems_visible_to(ctx.reader).filter(forum__in=ctx.forum_ids).exclude(closed_on__lt=ctx.start)
    return list(problems.order_by("forum_id", "position", "id"))


def priorities(ctx: DocumentContext) -> Section | None:
    """The council's latest decided priorities of areas (tertial or quarter) and their justification."""
    council = ctx.document.forum
    if council is None:
        return None
    decided = current_priorities(ctx.reader, council)
    if decided is None:
        return None
    section = Section("priorities", _("Prioriterade områden"))
    section.blocks.append(
        paragraph(
            _("Rådet beslutade %(date)s om sina prioriterade områden för %(period)s.")
            % {"date": f"{decided.decided_on:%Y-%m-%d}", "period": decided.period.label}
        )
    )
    rows = [[str(item.position), item.area_name, item.justification] for item in decided.items]
    section.blocks.append(
        table(
            _("Prioriterade områden i rangordning"),
            [_("Plats"), _("Område"), _("Motivering")],
            rows,
            source_line(ctx, _("Rådets beslut om prioriteringar i TryggSam"), council.classification),
            council.classification,
        )
    )
    return section


def causes(ctx: DocumentContext) -> Section | None:
    """The cause trees (Brå's problem tree) of the council's problems and of the decided plan's focus
    areas, each cause with its evidence and the measures aimed at it."""
    plan = decided_plan(ctx)
    focus_areas = list(plan.focus_areas.all()) if plan is not None else []
    trees = cause_trees(ctx.reader, problems=_council_problems(ctx), focus_areas=focus_areas)
    if not trees:
        return None
    section = Section("causes", _("Orsaksanalys"))
    section.blocks.append(
        paragraph(_("Orsaker och underorsaker till rådets problem, med underlaget och de åtgärder som riktas mot dem."))
    )
    for tree in trees:
        record = getattr(tree.owner, "plan", None) or tree.owner
        classification = getattr(record, "classification", Classification.INTERNAL)
        lines = []
        for node in tree.nodes:
            indent = "\u2003" * node.depth
            line = f"{indent}{node.number} {node.cause.title}"
            evidence = [
                f"{e.kind_label}: {e.text}" + (f" ({ctx.count(e.count)})" if e.count is not None else "")
                for e in node.evidence
                if e.readable
            ]
            if evidence:
                line += " — " + _("underlag: %(list)s") % {"list": "; ".join(evidence)}
            if node.measures:
                line += " — " + _("åtgärder: %(list)s") % {"list": ", ".join(m.title for m in node.measures)}
            lines.append(line)
        section.blocks.append(paragraph(str(tree.title)))
        section.blocks.append(bullets(lines))
        section.blocks.append(paragraph(source_line(ctx, _("Orsaksanalysen i TryggSam"), classification)))
    return section


def _number(value: float) -> str:
    """A figure as a Swedish document writes it: whole numbers bare, others with one decimal and a comma."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")


def _goal_rows(ctx: DocumentContext, goals: list[Goal]) -> tuple[list[list[str]], str]:
    rows = []
    classifications = []
    for progress in goal_progress(ctx.reader, goals):
        latest = progress.latest
        if latest is None or latest.value is None:
            shown = "–"
        else:
            shown = _number(latest.value)
            if latest.low is not None and latest.high is not None:
                shown += f" ({_number(latest.low)}–{_number(latest.high)})"
            shown += f" ({latest.label})"
        baseline = "–" if progress.baseline is None else f"{_number(progress.baseline)} ({progress.baseline_label})"
        target = f"{_number(progress.target)} ({progress.target_date:%Y-%m-%d})"
        rows.append([progress.goal.text, baseline, shown, target, str(progress.status_text)])
        goal = progress.goal
        owner = goal.problem if goal.problem is not None else (goal.focus_area.plan if goal.focus_area else None)
        classifications.append(getattr(owner, "classification", Classification.INTERNAL))
    return rows, strictest(*classifications)


def goals(ctx: DocumentContext) -> Section | None:
    """The goals of the decided plan's focus areas and of the council's problems, with the indicator's
    latest value and its 95 % interval, the baseline, the target and the status."""
    plan = decided_plan(ctx)
    found = goals_of_plan(ctx.reader, plan) if plan is not None else []
    for problem in _council_problems(ctx):
        found.extend(goals_of_problem(ctx.reader, problem))
    rows, classification = _goal_rows(ctx, found)
    if not rows:
        return None
    section = Section("goals", _("Mål och indikatorer"))
    section.blocks.append(
        table(
            _("Målen och hur långt de nåtts"),
            [_("Mål"), _("Utgångsvärde"), _("Senaste värde (95 % intervall)"), _("Målvärde"), _("Bedömning")],
            rows,
            source_line(
                ctx, _("Indikatorerna beräknade i TryggSam ur händelser, statistik och mätningar"), classification
            ),
            classification,
        )
    )
    return section


def effects(ctx: DocumentContext) -> Section | None:
    """The effect estimate of every measure of the council's problems that has an effect study: the
    change against comparison areas with its 95 % interval, or "kan inte avgöras"."""
    if ctx.public or not ctx.forum_ids:
        return None
    measures = (
        measures_visible_to(ctx.reader)
        .filter(problem__forum__in=ctx.forum_ids, effect_study__isnull=False)
        .exclude(status=MeasureStatus.STOPPED)
        .order_by("problem_id", "position", "id")
    )
    rows = []
    classifications = []
    for measure in measures:
        result = effect_of(ctx.reader, measure)
        if result is None:
            continue
        rows.append([result.measure_title, result.treated_area, str(result.verdict), result.explanation])
        classifications.append(measure.classification)
    if not rows:
        return None
    classification = strictest(*classifications)
    section = Section("effects", _("Åtgärdernas effekt"))
    section.blocks.append(
        paragraph(
            _(
                "Antalet händelser före och efter varje åtgärds start jämfört med jämförelseområden "
                "(skillnad i skillnader). ”Kan inte avgöras” betyder att underlaget inte räcker för en slutsats."
            )
        )
    )
    section.blocks.append(
        table(
            _("Effekt per åtgärd"),
            [_("Åtgärd"), _("Område"), _("Bedömning"), _("Förklaring")],
            rows,
            source_line(ctx, _("Händelser i TryggSam, effektskattning"), classification),
            classification,
        )
    )
    return section


def register() -> None:
    add_section_builder(DocumentKind.SITUATION, "priorities", priorities, before="conclusions")
    add_section_builder(DocumentKind.SITUATION, "causes", causes, before="conclusions")
    add_section_builder(DocumentKind.ACTION_PLAN, "causes", causes, before="measures")
    add_section_builder(DocumentKind.ACTION_PLAN, "goals", goals, before="conclusions")
    add_section_builder(DocumentKind.FOLLOW_UP, "goals", goals, before="conclusions")
    add_section_builder(DocumentKind.FOLLOW_UP, "effects", effects, before="conclusions")
