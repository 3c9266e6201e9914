"""The goal chart's text placement (goals/chart.py), without a browser: the last period label fits in
the right margin, the period labels are thinned to fit, and close baseline and target labels part."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tryggsam.goals.chart import CHAR_WIDTH, LINE_LABEL_HEIGHT, TOP, WIDTH, chart_of
from tryggsam.goals.indicators import Point


def _progress(n: int, baseline: float, target: float):
    points = [Point(label=f"2025-{m:02d}-28", end=dt.date(2025, m, 28), value=36 + 4 * m) for m in range(1, n + 1)]
    return SimpleNamespace(points=points, baseline=baseline, target=target)


def test_chart_of__the_last_period_label_fits_inside_the_chart():
    chart = chart_of(_progress(3, 60, 61))
    last = chart.ticks[-1]
    assert last.label == "2025-03-28"
    assert last.x + len(last.label) * CHAR_WIDTH / 2 <= WIDTH


def test_chart_of__many_periods_are_thinned_and_end_with_the_last():
    chart = chart_of(_progress(12, 60, 61))
    assert chart.ticks[-1].label == "2025-12-28" and len(chart.ticks) < 12
    for left, right in zip(chart.ticks, chart.ticks[1:], strict=False):
        assert right.x - left.x >= len(left.label) * CHAR_WIDTH


def test_chart_of__close_baseline_and_target_labels_part():
    for baseline, target in ((60, 61), (61, 60), (60, 60), (0, 1), (1, 0), (84, 83), (83, 84)):
        chart = chart_of(_progress(4, baseline, target))
        assert abs(chart.baseline_label_y - chart.target_label_y) >= LINE_LABEL_HEIGHT, (baseline, target)
        assert min(chart.baseline_label_y, chart.target_label_y) >= TOP
        assert max(chart.baseline_label_y, chart.target_label_y) <= chart.bottom_y


def test_chart_of__labels_far_apart_stay_just_above_their_lines():
    chart = chart_of(_progress(4, 10, 50))
    assert chart.baseline_label_y == chart.baseline_y - 3 and chart.target_label_y == chart.target_y - 3
