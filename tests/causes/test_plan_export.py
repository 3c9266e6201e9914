"""A plan's own DOCX and PDF carry each focus area's cause analysis and goals (plans/export_parts.py,
filled by causes and goals), read as the person exporting: a measure on a restricted problem aimed at a
cause is in the document of someone who may read it and not in that of someone who may not."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from tests.factories import MeasureFactory, ProblemFactory
from tryggsam.causes import services as causes
from tryggsam.goals import services as goals
from tryggsam.goals.services import Indicator
from tryggsam.plans import services as plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(coordinator, partnership, district_admin):
    plan = plans.plan_create(actor=coordinator, title="Plan för torget", classification="internal")
    focus = plans.focus_area_create(actor=coordinator, plan=plan, name="Torget", forum=partnership, goal="Tryggt")
    hidden = ProblemFactory(
        forum=partnership, owner_organisation=district_admin, classification="restricted", title="Känsligt ärende"
    )
    secret = MeasureFactory(problem=hidden, title="Hemlig insats vid porten")
    dark = causes.cause_add(actor=coordinator, owner=focus, title="Mörk gångväg", description="Efter klockan 18")
    lamps = causes.cause_add(actor=coordinator, owner=focus, title="Trasiga lampor", parent=dark)
    causes.evidence_add(actor=coordinator, cause=lamps, kind="text", text="Fem lampor släckta", source="Vandring i maj")
    causes.measure_aim(actor=coordinator, cause=dark, measure=secret)
    reading = goals.goal_create(
        actor=coordinator, focus_area=focus,
        spec=Indicator(text="Fler känner sig trygga på torget", indicator="manual", baseline_period="2025",
                       baseline_value=60, target_value=70, target_date=dt.date(2027, 12, 31), direction="higher",
                       unit="%"),
    )  # fmt: skip
    goals.reading_add(actor=coordinator, goal=reading, date=dt.date(2026, 3, 1), value=64, low=61, high=67)
    return plan


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as parsed:
        return "\n".join(page.extract_text() or "" for page in parsed.pages)


EXPECTED = (
    "Orsaksanalys", "1 Mörk gångväg", "Efter klockan 18", "1.1 Trasiga", "Fem lampor släckta", "Vandring i",
    "Mål och indikatorer", "Fler känner", "60 % (2025)", "64 (61–67)", "70 %", "På väg mot målet",
)  # fmt: skip


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_plan_export__focus_areas_carry_causes_and_goals_as_the_reader_may_read_them(
    fmt, client, plan, coordinator, police_member
):
    read = _docx_text if fmt == "docx" else _pdf_text
    client.force_login(coordinator)
    response = client.get(reverse(f"plans:{fmt}", args=[plan.pk]))
    assert response.status_code == 200
    text = read(response.content)
    for expected in EXPECTED:
        assert expected in text, expected
    assert "Hemlig insats vid porten" in text

    client.force_login(police_member)
    response = client.get(reverse(f"plans:{fmt}", args=[plan.pk]))
    assert response.status_code == 200
    text = read(response.content)
    assert "Mörk gångväg" in text and "Fler känner" in text
    assert "Hemlig insats" not in text
