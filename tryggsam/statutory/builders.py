"""The sections every statutory document has today, each read as the context's reader through the
selectors of the app that owns the data: the council's written sections, the crime picture (the
situation report's figures, chart and map, and Brå's statistics), insecurity (safety surveys),
partners' observations (partner reports and safety walks), the decided plan's focus areas, the
measures of the council's problems, and what was done (follow-ups). Registered in `register()`."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.casework.models import MeasureStatus
from tryggsam.casework.selectors import follow_ups_visible_to, measures_visible_to
from tryggsam.core.models import Classification
from tryggsam.crimestats.selectors import statistics_visible_to, surveys_visible_to
from tryggsam.incidents.models import IncidentCategory, IncidentSource
from tryggsam.plans.models import ActionPlan, PlanStatus
from tryggsam.plans.selectors import plans_visible_to
from tryggsam.situation import pieces
from tryggsam.situation.report.build import build_report, public_limit_context
from tryggsam.situation.report.images import bar_chart_png
from tryggsam.situation.selectors import rollups_visible_to, situation_areas_for
from tryggsam.statutory.models import DocumentKind
from tryggsam.statutory.sections import (
    DocumentContext,
    Section,
    add_section_builder,
    bullets,
    image,
    paragraph,
    source_line,
    strictest,
    table,
)

STATISTICS_PERIODS = 5
SURVEY_YEARS = 3


def written(field_name: str, title: str) -> Any:
    """A section the council writes (left out while it is empty)."""

    def build(ctx: DocumentContext) -> Section | None:
        text = (getattr(ctx.document, field_name) or "").strip()
        if not text:
            return None
        return Section(field_name, title, [paragraph(p.strip()) for p in text.split("\n\n") if p.strip()])

    return build


def _incident_classification(ctx: DocumentContext) -> str:
    """Restricted when a restricted incident is counted in the period or its comparisons."""
    assert ctx.area is not None
    first = ctx.start.replace(year=ctx.start.year - 1)
    restricted = rollups_visible_to(ctx.reader).filter(
        area=ctx.area, classification=Classification.RESTRICTED, day__gte=first, day__lte=ctx.end
    )
    return Classification.RESTRICTED if restricted.exists() else Classification.INTERNAL


def crime(ctx: DocumentContext) -> Section | None:
    section = Section("crime", _("Brottslighet och ordningsstörningar"))
    if ctx.area is None:
        section.blocks.append(paragraph(_("Dokumentet har inget område, så händelserna kan inte redovisas.")))
        return section
    if not situation_areas_for(ctx.reader).filter(pk=ctx.area.pk).exists():
        section.blocks.append(paragraph(_("Händelserna i området redovisas inte offentligt.")))
    else:
        _incident_blocks(ctx, section)
    _statistics_blocks(ctx, section)
    return section


def _incident_blocks(ctx: DocumentContext, section: Section) -> None:
    assert ctx.area is not None
    report = build_report(ctx.reader, area=ctx.area, start=ctx.start, end=ctx.end)
    picture = report.picture
    classification = _incident_classification(ctx)
    labels = dict(IncidentSource.choices)
    # The public picture leaves out the per-source sums when a count is suppressed: name every source then.
    sources = ", ".join(str(labels.get(k, k)) for k in (picture.by_source or labels))
    line = source_line(ctx, _("%(sources)s, registrerade i TryggSam") % {"sources": sources}, classification)
    period = _("%(start)s–%(end)s") % {"start": f"{ctx.start:%Y-%m-%d}", "end": f"{ctx.end:%Y-%m-%d}"}
    section.blocks.append(
        paragraph(
            _("Händelser i %(area)s under %(period)s, jämförda med föregående period och samma period i fjol.")
            % {"area": ctx.area.name, "period": period}
        )
    )
    section.blocks.append(bullets(report.summary))
    if picture.rows:
        section.blocks.append(
            table(
                _("Händelser per kategori"),
                [_("Kategori"), _("Perioden"), _("Föregående period"), _("Samma period i fjol")],
                [
                    [
                        row.category.name,
                        _shown(row.count),
                        _shown(row.previous.before, row.previous.significant),
                        _shown(row.last_year.before, row.last_year.significant),
                    ]
                    for row in picture.rows
                ],
                line + " " + _("* = signifikant förändring (exakt Poissontest, p < 0,05)."),
                classification,
            )
        )
        # Drawn here rather than taken from the report: a count the reader may not see ("<3") is left out
        # of the chart instead of being drawn as a zero.
        chart = bar_chart_png(
            [(r.category.name, r.count, r.last_year.before or 0) for r in picture.rows if r.count is not None],
            legend=(_("Perioden"), _("Samma period i fjol")),
        )
        note = _(" Antal under %(n)d ritas inte ut.") % {"n": permissions.PUBLIC_MIN_COUNT} if ctx.public else ""
        section.blocks.append(
            image(_("Händelser per kategori, perioden och samma period i fjol"), chart, line + note, classification)
        )
    _trend_block(ctx, section, picture, line, classification)
    section.blocks.append(
        image(_("Karta över händelserna i %(area)s") % {"area": ctx.area.name}, report.map_png, line, classification)
    )
    if picture.top_places:
        section.blocks.append(
            table(
                _("Platser med flest händelser"),
                [_("Område"), _("Perioden")],
                [[a.name, _shown(n)] for a, n in picture.top_places],
                line,
                classification,
            )
        )


def _trend_block(ctx: DocumentContext, section: Section, picture: Any, line: str, classification: str) -> None:
    """Events per month over the last thirteen months (the picture's trend), all categories together.
    Left out for the public when a month holds a suppressed count: a sum would hint at it."""
    months = picture.trend_months
    if not picture.rows or not months:
        return
    totals = []
    for i in range(len(months)):
        values = [row.trend[i] for row in picture.rows if i < len(row.trend)]
        if any(v is None for v in values):
            return
        totals.append(sum(v or 0 for v in values))
    section.blocks.append(
        table(
            _("Utveckling per månad, alla kategorier"),
            [_("Månad"), _("Händelser")],
            [[month, str(n)] for month, n in zip(months, totals, strict=True)],
            line,
            classification,
        )
    )


def _shown(value: int | None, significant: bool = False) -> str:
    return (public_limit_context()["hidden_count"] if value is None else str(value)) + (" *" if significant else "")


def _statistics_blocks(ctx: DocumentContext, section: Section) -> None:
    """Brå's reported crimes for the area, top-level categories, the latest periods."""
    assert ctx.area is not None
    rows = list(
        statistics_visible_to(ctx.reader)
        .filter(area=ctx.area, measure="count", parent_category="")
        .select_related("source_import")
        .order_by("period_start", "category")
    )
    if not rows:
        return
    periods = sorted({r.period for r in rows})[-STATISTICS_PERIODS:]
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        if r.period in periods:
            values[r.category][r.period] = r.value
    imports = {r.source_import for r in rows if r.period in periods}
    sources = ", ".join(sorted({i.source or i.file_name for i in imports}))
    as_of = max(i.created_at for i in imports).date()
    section.blocks.append(
        table(
            _("Anmälda brott i %(area)s (officiell statistik)") % {"area": ctx.area.name},
            [_("Brottskategori"), *periods],
            [[category, *[_figure(by_period.get(p)) for p in periods]] for category, by_period in values.items()],
            source_line(ctx, sources, Classification.OPEN, as_of=as_of),
            Classification.OPEN,
        )
    )


def _figure(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def insecurity(ctx: DocumentContext) -> Section | None:
    section = Section("insecurity", _("Otrygghet"))
    if ctx.area is None:
        return None
    results = list(
        surveys_visible_to(ctx.reader).filter(area=ctx.area).select_related("source_import").order_by("year", "id")
    )
    if not results:
        section.blocks.append(paragraph(_("Inga resultat från trygghetsmätningar finns registrerade för området.")))
        return section
    years = sorted({r.year for r in results})[-SURVEY_YEARS:]
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    for r in results:
        if r.year in years:
            shares[r.question][r.year] = r.share
    imports = {r.source_import for r in results if r.year in years}
    sources = ", ".join(sorted({i.source or i.file_name for i in imports}))
    section.blocks.append(
        table(
            _("Trygghetsmätningar i %(area)s, andel (%%)") % {"area": ctx.area.name},
            [_("Fråga"), *[str(y) for y in years]],
            [[q, *[_figure(by_year.get(y)) for y in years]] for q, by_year in shares.items()],
            source_line(ctx, sources, Classification.OPEN, as_of=max(i.created_at for i in imports).date()),
            Classification.OPEN,
        )
    )
    return section


PARTNER_SOURCES = (IncidentSource.PARTNER_REPORT, IncidentSource.SAFETY_WALK)


def partners(ctx: DocumentContext) -> Section | None:
    """What the partners reported (EST reports) and found on safety walks, per category."""
    section = Section("partners", _("Samverkansparternas iakttagelser"))
    if ctx.area is None or not situation_areas_for(ctx.reader).filter(pk=ctx.area.pk).exists():
        return None
    parts = pieces.cut(ctx.start, ctx.end, [])
    rows = pieces.sums(
        permissions.rollup_visible_q(ctx.reader), [ctx.area.pk], parts, "category_id, source", [list(range(len(parts)))]
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for category, source, n in rows:
        if source in PARTNER_SOURCES and n:
            counts[category][source] = counts[category].get(source, 0) + n
    if not counts:
        section.blocks.append(paragraph(_("Inga partnerrapporter eller fynd från trygghetsvandringar under perioden.")))
        return section
    names = dict(IncidentCategory.objects.filter(pk__in=counts).values_list("pk", "name"))
    ordered = sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))
    classification = _incident_classification(ctx)
    labels = dict(IncidentSource.choices)
    section.blocks.append(
        table(
            _("Partnerrapporter och trygghetsvandringar per kategori"),
            [_("Kategori"), *[str(labels[s]) for s in PARTNER_SOURCES]],
            [[names.get(c, "?"), *[ctx.count(by.get(s, 0)) for s in PARTNER_SOURCES]] for c, by in ordered],
            source_line(ctx, ", ".join(str(labels[s]) for s in PARTNER_SOURCES), classification),
            classification,
        )
    )
    return section


# --- the plan and the measures ---------------------------------------------------------------------


def decided_plan(ctx: DocumentContext) -> ActionPlan | None:
    """The council's decided action plan that is in force during the year (the latest version)."""
    forum_ids = ctx.forum_ids
    if not forum_ids:
        return None
    plans = plans_visible_to(ctx.reader).filter(forum__in=forum_ids, status=PlanStatus.DECIDED, kind="action_plan")
    in_year = plans.exclude(valid_to__lt=ctx.start).exclude(valid_from__gt=ctx.end)
    return in_year.order_by("-decided_on", "-version", "-pk").first()


def focus_areas(ctx: DocumentContext) -> Section | None:
    plan = decided_plan(ctx)
    section = Section("focus_areas", _("Fokusområden i den beslutade åtgärdsplanen"))
    if plan is None:
        section.blocks.append(paragraph(_("Rådet har ingen beslutad åtgärdsplan som gäller under året.")))
        return section
    section.blocks.append(
        paragraph(
            _("Planen ”%(title)s”, version %(v)s, beslutad %(date)s.")
            % {"title": plan.title, "v": plan.version, "date": f"{plan.decided_on:%Y-%m-%d}"}
        )
    )
    section.blocks.append(
        table(
            _("Fokusområden"),
            [_("Fokusområde"), _("Mål"), _("Åtgärd"), _("Ansvarig"), _("Uppföljning")],
            [[f.name, f.goal, f.measure, f.responsible, f.follow_up] for f in plan.focus_areas.all()],
            source_line(ctx, _("Åtgärdsplanen i TryggSam"), plan.classification),
            plan.classification,
        )
    )
    return section


def _measures(ctx: DocumentContext) -> list[Any]:
    """The measures of the council's problems that run during the year (not cancelled)."""
    forum_ids = ctx.forum_ids
    if not forum_ids:
        return []
    return list(
        measures_visible_to(ctx.reader)
        .filter(problem__forum__in=forum_ids)
        .exclude(status=MeasureStatus.STOPPED)
        .exclude(start_date__gt=ctx.end)
        .exclude(end_date__lt=ctx.start)
        .select_related("problem", "problem__area", "responsible_organisation", "responsible_user")
        .order_by("problem__position", "problem_id", "position", "id")
    )


def _period_of(measure: Any) -> str:
    start = f"{measure.start_date:%Y-%m-%d}" if measure.start_date else ""
    end = f"{measure.end_date:%Y-%m-%d}" if measure.end_date else _("tills vidare")
    return f"{start}–{end}" if start else end


def measures(ctx: DocumentContext) -> Section | None:
    rows = _measures(ctx)
    section = Section("measures", _("Åtgärder"))
    if not rows:
        section.blocks.append(paragraph(_("Inga åtgärder är registrerade för rådets problem under året.")))
        return section
    latest = _latest_follow_ups(ctx, rows)
    classification = strictest(*(m.classification for m in rows))
    section.blocks.append(
        table(
            _("Åtgärder för rådets problem"),
            [_("Åtgärd"), _("Problem och plats"), _("Ansvarig"), _("Tid"), _("Status"), _("Uppföljning")],
            [
                [
                    m.title,
                    m.problem.title + (f" ({m.problem.area.name})" if m.problem.area_id else ""),
                    m.responsible_label or "–",
                    _period_of(m),
                    m.get_status_display(),
                    latest.get(m.pk)
                    or (_("Nästa %(date)s") % {"date": f"{m.next_follow_up:%Y-%m-%d}"} if m.next_follow_up else "–"),
                ]
                for m in rows
            ],
            source_line(ctx, _("Åtgärder och uppföljningar i TryggSam"), classification),
            classification,
        )
    )
    return section


def _latest_follow_ups(ctx: DocumentContext, rows: list[Any]) -> dict[int, str]:
    latest: dict[int, str] = {}
    follow_ups = follow_ups_visible_to(ctx.reader).filter(measure__in=[m.pk for m in rows], date__lte=ctx.end)
    for f in follow_ups.order_by("date", "id"):
        latest[f.measure_id] = f"{f.date:%Y-%m-%d}: {f.text}"
    return latest


def planned(ctx: DocumentContext) -> Section | None:
    """What was planned: the plan's focus areas and the measures by status."""
    section = Section("planned", _("Vad som planerades"))
    plan_section = focus_areas(ctx)
    if plan_section is not None:
        section.blocks.extend(plan_section.blocks)
    rows = _measures(ctx)
    if rows:
        by_status: dict[str, int] = defaultdict(int)
        for m in rows:
            by_status[m.get_status_display()] += 1
        classification = strictest(*(m.classification for m in rows))
        section.blocks.append(
            table(
                _("Åtgärder under året per status"),
                [_("Status"), _("Antal åtgärder")],
                [[status, str(n)] for status, n in by_status.items()],
                source_line(ctx, _("Åtgärder i TryggSam"), classification),
                classification,
            )
        )
    return section


def done(ctx: DocumentContext) -> Section | None:
    """What was done: the measures' follow-ups and the plan's follow-ups during the year."""
    section = Section("done", _("Vad som gjordes"))
    rows = _measures(ctx)
    follow_ups = list(
        follow_ups_visible_to(ctx.reader)
        .filter(measure__in=[m.pk for m in rows], date__gte=ctx.start, date__lte=ctx.end)
        .select_related("measure")
        .order_by("date", "id")
    )
    if follow_ups:
        classification = strictest(*(f.classification for f in follow_ups))
        section.blocks.append(
            table(
                _("Uppföljningar av åtgärder"),
                [_("Datum"), _("Åtgärd"), _("Status efter"), _("Vad som gjordes")],
                [[f"{f.date:%Y-%m-%d}", f.measure.title, f.get_status_after_display(), f.text] for f in follow_ups],
                source_line(ctx, _("Uppföljningar i TryggSam"), classification),
                classification,
            )
        )
    plan = decided_plan(ctx)
    entries = []
    if plan is not None:
        for follow_up in plan.follow_ups.filter(date__gte=ctx.start, date__lte=ctx.end).order_by("date"):
            for entry in follow_up.entries.select_related("focus_area"):
                name = entry.focus_area.name + (f" – {entry.activity}" if entry.activity else "")
                entries.append([f"{follow_up.date:%Y-%m-%d}", name, entry.get_status_display(), entry.text])
    if entries and plan is not None:
        section.blocks.append(
            table(
                _("Uppföljningar av åtgärdsplanen"),
                [_("Datum"), _("Fokusområde"), _("Status"), _("Vad som gjordes")],
                entries,
                source_line(ctx, _("Planens uppföljningar i TryggSam"), plan.classification),
                plan.classification,
            )
        )
    if not section.blocks:
        section.blocks.append(paragraph(_("Inga uppföljningar är registrerade under året.")))
    return section


def register() -> None:
    summary = written("summary", _("Sammanfattning"))
    conclusions = written("conclusions", _("Slutsatser"))
    for key, build in (
        ("summary", summary),
        ("crime", crime),
        ("insecurity", insecurity),
        ("partners", partners),
        ("risk_factors", written("risk_factors", _("Risk- och skyddsfaktorer"))),
        ("conclusions", conclusions),
    ):
        add_section_builder(DocumentKind.SITUATION, key, build)
    for key, build in (
        ("summary", summary),
        ("focus_areas", focus_areas),
        ("measures", measures),
        ("conclusions", conclusions),
    ):
        add_section_builder(DocumentKind.ACTION_PLAN, key, build)
    for key, build in (("summary", summary), ("planned", planned), ("done", done), ("conclusions", conclusions)):
        add_section_builder(DocumentKind.FOLLOW_UP, key, build)
