"""The goal's chart in a real browser: with a baseline and a target close together, the labels
"utgångsvärde" and "målvärde" do not overlap, and every period label on the x axis (the last one too)
lies inside the chart and clear of its neighbours. Measured on the rendered SVG text boxes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from playwright.sync_api import expect

from tryggsam.goals import services
from tryggsam.goals.services import Indicator

pytestmark = pytest.mark.browser

BOXES = """svg => {
  const box = t => { const b = t.getBBox(); return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height}; };
  const texts = [...svg.querySelectorAll('text')];
  const axis = Math.max(...texts.map(t => Number(t.getAttribute('y'))));
  return {
    width: svg.viewBox.baseVal.width,
    lines: texts.filter(t => ['utgångsvärde', 'målvärde'].includes(t.textContent)).map(box),
    ticks: texts.filter(t => Number(t.getAttribute('y')) === axis).map(box),
  };
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


@pytest.mark.parametrize(("baseline", "target"), [(60.0, 61.0), (61.0, 60.0)])
def test_goal_chart__close_baseline_and_target_and_the_last_period_readable(
    baseline, target, page, live_server, log_in, coordinator, measure, console, shot
):
    goal = services.goal_create(
        actor=coordinator,
        problem=measure.problem,
        spec=Indicator(
            text="Fler känner sig trygga vid torget", indicator="manual", baseline_period="2024",
            baseline_value=baseline, target_value=target, target_date=dt.date(2027, 12, 31),
            direction="higher" if target > baseline else "lower", unit="%",
        ),
    )  # fmt: skip
    for month in range(1, 13):
        services.reading_add(
            actor=coordinator, goal=goal, date=dt.date(2025, month, 28), value=36 + month * 4, source="Enkät"
        )
    page.set_default_timeout(20_000)
    log_in(page, coordinator)
    page.goto(f"{live_server.url}/mal/{goal.pk}/")
    svg = page.locator("figure.goal-chart svg")
    expect(svg).to_be_visible()
    shot(page, f"chart-{baseline:g}-{target:g}")
    boxes = svg.evaluate(BOXES)

    base_label, target_label = boxes["lines"]
    assert not _overlap(base_label, target_label), boxes["lines"]
    ticks = boxes["ticks"]
    assert ticks and ticks[-1]["text"] == "2025-12-28"
    for tick in ticks:
        assert tick["x"] >= 0 and tick["x"] + tick["w"] <= boxes["width"], tick
    for left, right in itertools.pairwise(ticks):
        assert left["x"] + left["w"] < right["x"], (left, right)
    assert not console.errors and not console.csp_violations
