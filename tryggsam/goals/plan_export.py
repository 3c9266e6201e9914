"""The goals of a focus area in its plan's DOCX and PDF (plans/export_parts.py): each goal with its
indicator, baseline, latest value with its 95 % interval, target and status, counted as the person
exporting (hidden values are shown as "< 3", as on the pages)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.accounts.actors import Reader
from tryggsam.goals import selectors
from tryggsam.goals.progress import GoalProgress
from tryggsam.plans.export_parts import ExportPart, ExportTable
from tryggsam.plans.models import FocusArea


def _figure(value: float) -> str:
    return str(floatformat(value, "-1"))


def _latest(progress: GoalProgress) -> str:
    point = progress.latest
    if point is None:
        return "–"
    if point.value is None:
        return f"< 3 ({point.label})"
    shown = _figure(point.value)
    if point.low is not None and point.high is not None:
        shown += f" ({_figure(point.low)}–{_figure(point.high)})"
    return f"{shown} ({point.label})"


def _row(progress: GoalProgress) -> tuple[str, ...]:
    goal = progress.goal
    baseline = "–" if progress.baseline is None else _figure(progress.baseline)
    unit = f" {goal.unit}" if goal.unit else ""
    status = capfirst(str(progress.status_text))
    return (
        goal.text,
        str(goal.get_indicator_display()),
        f"{baseline}{unit} ({progress.baseline_label})",
        _latest(progress),
        f"{_figure(progress.target)}{unit} ({progress.target_date:%Y-%m-%d})",
        f"{status}. {progress.reason}" if progress.reason else status,
    )


COLUMNS_LAZY = (
    gettext_lazy("Mål"),
    gettext_lazy("Indikator"),
    gettext_lazy("Utgångsvärde"),
    gettext_lazy("Senaste värde (95 % intervall)"),
    gettext_lazy("Målvärde"),
    gettext_lazy("Bedömning"),
)


def goals_table(reader: Reader, focus_area: FocusArea) -> ExportTable | None:
    found = selectors.goal_progress(reader, selectors.goals_of_focus_area(reader, focus_area))
    if not found:
        return None
    return ExportTable(
        heading=_("Mål och indikatorer"),
        columns=tuple(str(c) for c in COLUMNS_LAZY),
        rows=[_row(p) for p in found],
        note=_("Indikatorerna beräknade i TryggSam ur händelser, statistik och mätningar, som du får läsa dem."),
    )


GOALS_PART = ExportPart(name="goals", build=goals_table, order=20)
