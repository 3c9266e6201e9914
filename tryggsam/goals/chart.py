"""A small SVG chart of a goal's series: the values with their intervals, the baseline and the target
as horizontal lines. Computed here so that the template only places what is given (no script).

Text is placed so that it stays readable: the right margin is wide enough for half the longest period
label (the last one is centred on the last point), the period labels are thinned so that they do not
run into each other (the last one is always shown), and the labels "utgångsvärde" and "målvärde" are
kept apart when the two values are close (the upper line's label above it, the lower one's below)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tryggsam.goals.progress import GoalProgress

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 220, 48, 12, 12, 28
CHAR_WIDTH = 6.2  # an upper bound of a character's width at the axis labels' font size (10 px)
LINE_LABEL_HEIGHT = 13  # the labels of the baseline and the target (11 px) need this much apart


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    low: float | None
    high: float | None
    label: str
    value: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[ChartPoint]
    line: str  # the polyline's points
    baseline_y: float | None
    target_y: float
    top_value: float
    bottom_value: float
    ticks: list[Tick]
    right_x: float
    baseline_label_y: float | None
    target_label_y: float
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM


def _label_width(label: str) -> float:
    return len(label) * CHAR_WIDTH


def _ticks(xs: list[float], labels: list[str]) -> list[Tick]:
    """The period labels that fit side by side, the last always among them."""
    if not xs:
        return []
    widest = max(_label_width(label) for label in labels) + 8
    spacing = (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else widest
    step = max(1, math.ceil(widest / spacing))
    chosen = list(range(len(xs) - 1, -1, -step))[::-1]
    return [Tick(xs[i], labels[i]) for i in chosen]


def _line_labels(baseline_y: float | None, target_y: float) -> tuple[float | None, float]:
    """The y of the labels' baselines: just above their lines; when the two lines are closer than a
    label's height, the lower line's label goes below its line (or, with no room above the axis, the
    upper line's label goes higher). No label leaves the plot."""
    top, bottom = float(TOP), float(HEIGHT - BOTTOM - 2)
    if baseline_y is None:
        return None, max(target_y - 3, top)
    upper, lower = sorted((baseline_y, target_y))
    upper_label, lower_label = upper - 3, lower - 3
    if lower_label - upper_label < LINE_LABEL_HEIGHT:
        if lower + LINE_LABEL_HEIGHT - 2 <= bottom:
            lower_label = max(lower + LINE_LABEL_HEIGHT - 2, upper_label + LINE_LABEL_HEIGHT)
        else:
            upper_label = lower_label - LINE_LABEL_HEIGHT
    if upper_label < top:
        upper_label, lower_label = top, max(lower_label, top + LINE_LABEL_HEIGHT)
    if baseline_y <= target_y:
        return upper_label, lower_label
    return lower_label, upper_label


def chart_of(progress: GoalProgress) -> Chart | None:
    """None when there is no value to draw (for this reader)."""
    shown = [(i, p) for i, p in enumerate(progress.points) if p.value is not None]
    if not shown:
        return None
    values = [progress.target]
    if progress.baseline is not None:
        values.append(progress.baseline)
    for _i, p in shown:
        values.extend(v for v in (p.value, p.low, p.high) if v is not None)
    low, high = min(values), max(values)
    if low >= 0 and low < (high - low):  # counts and shares read from zero
        low = 0.0
    if high == low:
        high = low + 1.0
    n = max(1, len(progress.points) - 1)
    labels = [p.label for p in progress.points]
    right = max(RIGHT, math.ceil(_label_width(labels[-1]) / 2) + 2) if labels else RIGHT

    def x(i: int) -> float:
        return round(LEFT + (WIDTH - LEFT - right) * (i / n if len(progress.points) > 1 else 0.5), 1)

    def y(v: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low)), 1)

    points = [
        ChartPoint(
            x(i),
            y(p.value),  # type: ignore[arg-type]
            y(p.low) if p.low is not None else None,
            y(p.high) if p.high is not None else None,
            p.label,
            p.value,  # type: ignore[arg-type]
        )
        for i, p in shown
    ]
    baseline_y = y(progress.baseline) if progress.baseline is not None else None
    target_y = y(progress.target)
    baseline_label_y, target_label_y = _line_labels(baseline_y, target_y)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        baseline_y=baseline_y,
        target_y=target_y,
        top_value=high,
        bottom_value=low,
        ticks=_ticks([x(i) for i in range(len(labels))], labels),
        right_x=WIDTH - right,
        baseline_label_y=baseline_label_y,
        target_label_y=target_label_y,
    )
