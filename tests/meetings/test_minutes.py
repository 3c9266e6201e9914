import datetime as dt
import io
import re

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tests.factories import MeasureFactory
from tests.meetings.conftest import make_public
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.meetings import services
from tryggsam.meetings.minutes import minutes_context, render_minutes
from tryggsam.meetings.minutes.swedish import full_when
from tryggsam.meetings.models import AttendanceStatus

pytestmark = pytest.mark.django_db

WHEN = "Fredagen den 15 oktober 2021 kl. 09.00–11.00"


@pytest.mark.parametrize(
    ("date", "start", "end", "expected"),
    [
        (dt.date(2021, 10, 15), dt.time(9), dt.time(11), WHEN),
        (dt.date(2019, 2, 12), dt.time(9, 30), None, "Tisdagen den 12 februari 2019 kl. 09.30"),
        (dt.date(2026, 11, 23), None, None, "Måndagen den 23 november 2026"),
        (dt.date(2022, 5, 1), dt.time(13), dt.time(14, 45), "Söndagen den 1 maj 2022 kl. 13.00–14.45"),
    ],
)
def test_full_when__swedish_in_full(date, start, end, expected):
    assert full_when(date, start, end) == expected


@pytest.fixture
def held(meeting, coordinator, chair, police_member, next_meeting, work_rows):
    """The meeting after it was held: attendance, notes and a decision."""
    for user in (chair, police_member, coordinator):
        services.attendance_mark(
            actor=coordinator, attendance=meeting.attendances.get(user=user), status=AttendanceStatus.PRESENT
        )
    services.attendance_mark(
        actor=coordinator, attendance=meeting.attendances.get(name="Gustav Gästberg"), status=AttendanceStatus.EXCUSED
    )
    situation = meeting.items.get(number="2")
    services.item_update_notes(
        actor=coordinator, item=situation, notes="Anmälda skadegörelsebrott minskar.\n\nKlottret vid busskuren ökar."
    )
    services.decision_record(actor=coordinator, item=situation, text="Skadegörelse vid torget prioriteras i höst.")
    return meeting


def _pdf_cells(pdf) -> list[set[str]]:
    """Per page, the text of every table cell with its line breaks joined."""
    return [
        {" ".join((cell or "").split()) for table in page.extract_tables() for row in table for cell in row}
        for page in pdf.pages
    ]


def _docx_text(data: bytes):
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, paragraphs, tables


def test_minutes_context__structure(held, coordinator):
    context = minutes_context(held, coordinator)
    assert context["title"] == "Trygghetsrådet i Norrviken 2021-10-15"
    assert context["attendance_heading"] == "Närvarande"
    assert [p.name for p in context["away"]] == ["Gustav Gästberg"]
    assert context["when"] == WHEN and context["place"] == "Stadsdelshuset, rum Gläntan"
    assert [n.when for n in context["next_meetings"]] == ["Fredagen den 22 april 2022 kl. 09.00–11.00"]
    assert context["contact"].phone == "08-123 456 78"
    partnership = next(i for i in context["items"] if i.tables)
    assert partnership.number == "3.1"
    assert [t.columns[0] for t in partnership.tables] == ["Problemområde", "Utvecklingsområde"]


def test_minutes_context__called_when_nobody_marked(meeting, coordinator):
    context = minutes_context(meeting, coordinator)
    assert context["attendance_heading"] == "Kallade" and len(context["attendees"]) == 5


def test_render_minutes__docx(held, tmp_path):
    out = tmp_path / "m.docx"
    call_command("render_minutes", str(held.pk), "--format", "docx", "--output", str(out), "--include-restricted")
    document, paragraphs, tables = _docx_text(out.read_bytes())
    people = {row[0] for row in tables[0]}
    assert {"Ylva Ordförandesson", "Kim Kommunpolis", "Sam Ordnare"} <= people
    assert ["Kim Kommunpolis", "Kommunpolis, Lokalpolisområdet"] in tables[0]
    assert any(re.fullmatch(r"\w+dagen den \d+ \w+ \d{4} kl\. 09\.00–11\.00", p) for p in paragraphs)
    assert WHEN in paragraphs and "Stadsdelshuset, rum Gläntan" in paragraphs
    assert "2. Lägesbild och prioriterade områden" in paragraphs
    assert "Skadegörelse vid torget prioriteras i höst." in paragraphs
    work = next(t for t in tables if t[0][0] == "Problemområde")
    assert all(len(row) == 5 for row in work)
    assert work[0] == ["Problemområde", "Åtgärd/insats", "Deltagare", "Sammankallande/ansvarig", "Status/uppföljning"]
    assert work[1][:2] == ["Kvarntorget: klotter på busskuren", "Snabbsanering inom ett dygn"]
    assert work[1][4].startswith("Pågående. 2021-09-01: Saneras nu samma dag.")
    # with the elevated scope the command sees everything, the restricted row too
    assert any(row[1] == "Spaning i samverkan med värden" for row in work)
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Problemområde")
    assert grid.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not grid.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    section = document.sections[0]
    assert section.header.paragraphs[0].text.startswith("Trygghetsrådet i Norrviken")
    assert 'w:instr="PAGE"' in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert "Kontakt: Sam Ordnare, tel. 08-123 456 78, " + held.secretary.email in paragraphs


def test_render_minutes__pdf(held, tmp_path):
    out = tmp_path / "m.pdf"
    call_command("render_minutes", str(held.pk), "--format", "pdf", "--output", str(out), "--include-restricted")
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
        cells = set().union(*_pdf_cells(pdf))
    text = "\n".join(pages)
    assert "Ylva Ordförandesson" in text and "Kim Kommunpolis" in text
    assert WHEN in text
    assert {"Kvarntorget: klotter på busskuren", "Snabbsanering inom ett dygn", "Status/uppföljning"} <= cells
    assert all(f"Sida {n} av {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert all("Trygghetsrådet i Norrviken" in page for page in pages)


def test_render_minutes__pdf_long_table_repeats_header(held, coordinator, work_rows, tmp_path):
    problem = work_rows["open"].problem
    for n in range(60):
        MeasureFactory(problem=problem, title=f"Extra insats nummer {n}", participants_text="Förvaltningen, polisen")
    data = render_minutes(held, coordinator, fmt="pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = _pdf_cells(pdf)
    with_rows = [cells for cells in pages if any(c.startswith("Extra insats nummer") for c in cells)]
    assert len(with_rows) >= 2
    assert all({"Problemområde", "Åtgärd/insats", "Status/uppföljning"} <= cells for cells in with_rows)


def test_render_minutes__html(held, tmp_path):
    out = tmp_path / "m.html"
    call_command("render_minutes", str(held.pk), "--format", "html", "--output", str(out), "--include-restricted")
    html = out.read_text()
    assert WHEN in html and '<th scope="col">Problemområde</th>' in html


def test_render_minutes__public_omits_internal_and_restricted(held, coordinator, tmp_path, kvarn):
    make_public(held, kvarn)
    out = tmp_path / "public.docx"
    call_command("render_minutes", str(held.pk), "--format", "docx", "--output", str(out), "--public")
    _, _paragraphs, tables = _docx_text(out.read_bytes())
    cells = {cell for table in tables for row in table for cell in row}
    assert "Snabbsanering inom ett dygn" in cells and "Sommartorg med unga feriearbetare" in cells
    assert "Fältgruppen går kvällspass" not in cells
    assert "Spaning i samverkan med värden" not in cells
    pdf = render_minutes(held, coordinator, fmt="pdf", public=True)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        cells = set().union(*_pdf_cells(document))
    assert "Snabbsanering inom ett dygn" in cells
    assert "Fältgruppen går kvällspass" not in cells and "Spaning i samverkan med värden" not in cells


def test_render_minutes__user_sees_only_own_restricted(held, coordinator, police_member):
    assert "Spaning i samverkan med värden" not in _measure_titles(held, coordinator)
    assert "Spaning i samverkan med värden" in _measure_titles(held, police_member)
    assert "Fältgruppen går kvällspass" in _measure_titles(held, police_member)


def _measure_titles(meeting, user) -> set[str]:
    item = next(i for i in minutes_context(meeting, user)["items"] if i.tables)
    return {row[1] for table in item.tables for row in table.rows}


def test_render_minutes__system_without_flag_reads_only_what_is_open(held, tmp_path):
    out = tmp_path / "m.docx"
    stdout = io.StringIO()
    call_command("render_minutes", str(held.pk), "--format", "docx", "--output", str(out), stdout=stdout)
    _, _paragraphs, tables = _docx_text(out.read_bytes())
    cells = {cell for table in tables for row in table for cell in row}
    assert "Spaning i samverkan med värden" not in cells  # restricted
    assert "Fältgruppen går kvällspass" not in cells  # internal
    assert "Ylva Ordförandesson" not in cells  # the attendance of a meeting that is not open
    assert "Offentlig version" in stdout.getvalue()
    assert not AuditEvent.objects.filter(action=AuditAction.READ).exists()


def test_render_minutes__elevated_flag_reads_everything_and_says_so(held, tmp_path):
    out = tmp_path / "m.docx"
    stdout = io.StringIO()
    call_command(
        "render_minutes", str(held.pk), "--format", "docx", "--output", str(out), "--include-restricted", stdout=stdout
    )
    _, _paragraphs, tables = _docx_text(out.read_bytes())
    cells = {cell for table in tables for row in table for cell in row}
    assert "Spaning i samverkan med värden" in cells
    assert "--include-restricted" in stdout.getvalue() and "begränsade" in stdout.getvalue()
    event = AuditEvent.objects.get(action=AuditAction.READ, object_id=str(held.pk))
    assert event.actor is None and event.actor_label == "system: render_minutes --include-restricted (alla uppgifter)"


def test_render_minutes__unknown_meeting_swedish_error(tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="Det finns inget möte med id 999"):
        call_command("render_minutes", "999", "--format", "pdf", "--output", str(out))
    assert not out.exists()


def test_minutes_context__public_drops_items_on_internal_records(held, coordinator, work_rows):
    make_public(held)
    services.item_add(
        actor=coordinator, meeting=held, heading="Kvällspassen", measure=work_rows["internal"], notes="Intern text."
    )
    services.item_add(actor=coordinator, meeting=held, heading="Busskuren", measure=work_rows["open"])
    internal = {i.heading for i in minutes_context(held, coordinator)["items"]}
    public = {i.heading for i in minutes_context(held, coordinator, public=True)["items"]}
    assert {"Kvällspassen", "Busskuren"} <= internal
    assert "Busskuren" in public and "Kvällspassen" not in public


def test_minutes_context__unmarked_called_and_decided_measures_listed(held, coordinator, work_rows):
    context = minutes_context(held, coordinator)
    called = [a for a in held.attendances.all() if a.status == AttendanceStatus.CALLED]
    assert called and [p.name for p in context["unmarked"]] == [a.name for a in called]
    services.decision_record(
        actor=coordinator,
        item=held.items.get(number="3.1"),
        text="Kvällsvandring i stationsgången varje fredag.",
        create_measure={"problem": work_rows["internal"].problem},
    )
    decided = next(i for i in minutes_context(held, coordinator)["items"] if i.heading.startswith("Beslutade"))
    assert decided.decisions == ["Ny åtgärd: Kvällsvandring i stationsgången varje fredag. (punkt 3.1)."]
    make_public(held)
    public = next(
        i for i in minutes_context(held, coordinator, public=True)["items"] if i.heading.startswith("Beslutade")
    )
    assert public.decisions == []  # the measure is internal: not in the public version
