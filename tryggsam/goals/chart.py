"""A small SVG chart of a goal's series: the values with their intervals, the baseline and the target
as horizontal lines. Computed here so that the template only places what is given (no script)."""

from __future__ import annotations

from dataclasses import dataclass

from tryggsam.goals.progress import GoalProgress

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 220, 48, 12, 12, 28


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    low: float | None
    high: float | None
    label: str
    value: float


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
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    bottom_y: int = HEIGHT - BOTTOM


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

    def x(i: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (i / n if len(progress.points) > 1 else 0.5), 1)

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
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        baseline_y=y(progress.baseline) if progress.baseline is not None else None,
        target_y=y(progress.target),
        top_value=high,
        bottom_value=low,
    )
