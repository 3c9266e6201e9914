"""The minutes show the cause tree of the problem an agenda item is about, as the reader may read it
(HTML, DOCX; the PDF is the HTML printed)."""

import io

from django.contrib.auth.models import AnonymousUser
from docx import Document

from tests.factories import MeasureFactory, ProblemFactory
from tryggsam.causes import services as causes
from tryggsam.meetings.agenda import item_add
from tryggsam.meetings.minutes import render_minutes
from tryggsam.meetings.minutes.context import minutes_context


def test_minutes__an_item_about_a_problem_shows_its_cause_tree(meeting, coordinator, kvarn, district_admin):
    problem = ProblemFactory(forum=kvarn, owner_organisation=district_admin, title="Stök vid kvarnen")
    measure = MeasureFactory(problem=problem, title="Kvällsvandring med föräldrar")
    dark = causes.cause_add(actor=coordinator, owner=problem, title="Mörk gångväg")
    causes.cause_add(actor=coordinator, owner=problem, title="Trasiga lampor", parent=dark)
    causes.measure_aim(actor=coordinator, cause=dark, measure=measure)
    item_add(actor=coordinator, meeting=meeting, heading="Kvarnbacken", problem=problem)
    html = render_minutes(meeting, coordinator, fmt="html").decode()
    assert "1 Mörk gångväg – åtgärder: Kvällsvandring med föräldrar" in html
    assert "1.1 Trasiga lampor" in html
    doc = Document(io.BytesIO(render_minutes(meeting, coordinator, fmt="docx")))
    assert any(p.text == "1.1 Trasiga lampor" for p in doc.paragraphs)
    # The public version reads as a visitor: an internal problem's causes are not in it.
    public = minutes_context(meeting, AnonymousUser(), public=True)
    assert not any(item.causes for item in public["items"])
