"""The authorisation matrix of a meeting's outputs: the meeting page, the minutes as HTML, PDF and
DOCX, the calendar invitation, the public version (HTML, PDF, DOCX) and the published minutes, for
anonymous visitors and every role in the owning and in another organisation.

The meetings sit in an open forum and hold records of every classification (tests/security/world.py,
`add_meeting_outputs`): agenda items, decisions on measures, place partnerships' descriptions, the
attendance and the place. Every secret is a marker that ends in its classification; each output is
searched (text extracted from PDF with pdfplumber and from DOCX with python-docx) and must show
exactly the markers the reader may read: never one more (a leak), never one fewer (so the test
cannot pass on an empty document). The expectations come from world.py's promised rules, not from
the policy module under test."""

from __future__ import annotations

import functools
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from tests.security.world import (
    ACTORS,
    CLASSIFICATIONS,
    Actor,
    MeetingOutputs,
    add_meeting_outputs,
    build_world,
    may_manage,
    may_view,
)

# name: (URL name, query, format, public version)
OUTPUTS = {
    "page": ("meetings:detail", "", "html", False),
    "minutes_html": ("meetings:minutes_html", "", "html", False),
    "minutes_pdf": ("meetings:minutes_pdf", "", "pdf", False),
    "minutes_docx": ("meetings:minutes_docx", "", "docx", False),
    "ics": ("meetings:ics", "", "ics", False),
    "public_html": ("meetings:minutes_html", "offentlig=1", "html", True),
    "public_pdf": ("meetings:minutes_pdf", "offentlig=1", "pdf", True),
    "public_docx": ("meetings:minutes_docx", "offentlig=1", "docx", True),
    "published_pdf": ("meetings:published", "", "pdf", True),
}

MARKER = re.compile(r"MATRIS-[a-z]+(?:-[a-z]+)*")


def _classification(marker: str) -> str:
    return marker.rsplit("-", 1)[1]


def shown_in(output: str, marker: str) -> bool:
    """Does this output print this kind of record at all (for those who may read it)?"""
    if output == "ics":
        return marker.startswith("MATRIS-place-")
    if output == "page":
        return not marker.startswith("MATRIS-description-")  # the page does not repeat descriptions
    # The minutes name a changed measure only in the summary item, which here has its own decisions.
    return marker != "MATRIS-measure-restricted"


def may_read(actor: Actor, output: str, marker: str) -> bool:
    if OUTPUTS[output][3]:  # public and published: only what is open, whoever asks
        return _classification(marker) == "open"
    return may_view(actor, _classification(marker))


def expected_status(actor: Actor, output: str, meeting_classification: str) -> int:
    if output == "published_pdf":
        return 200  # every meeting of the world is published, in an open forum
    if actor.rank == 0:
        return 302
    return 200 if may_view(actor, meeting_classification) else 404


@functools.lru_cache(maxsize=64)  # the public versions are the same bytes for every reader
def text_of(content: bytes, fmt: str) -> str:
    """The text of a response, without whitespace (a marker may wrap in a PDF table cell)."""
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    elif fmt == "docx":
        document = Document(io.BytesIO(content))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        parts += [p.text for section in document.sections for p in section.header.paragraphs]
        text = "\n".join(parts)
    elif fmt == "ics":
        text = content.decode().replace("\r\n ", "")  # unfold the folded lines
    else:
        text = content.decode()
    return "".join(text.split())


@pytest.fixture
def outputs(db) -> tuple:
    world = build_world()
    return world, add_meeting_outputs(world)


def _check(client, world, built: MeetingOutputs, output: str, c: str) -> list[str]:
    name, query, fmt, _public = OUTPUTS[output]
    meeting = built.meetings[c]
    url = reverse(name, kwargs={"pk": meeting.pk}) + (f"?{query}" if query else "")
    markers = [m for m in built.markers[c] if shown_in(output, m)]
    failures = []
    for actor in ACTORS:
        client.logout()
        if actor.rank:
            client.force_login(world.user(actor))
        response = client.get(url)
        want = expected_status(actor, output, c)
        if response.status_code != want:
            failures.append(f"{actor.key} {url}: {response.status_code}, väntat {want}")
            continue
        if want != 200:
            continue
        text = text_of(response.content, fmt)
        for marker in markers:
            present = re.search(re.escape(marker) + r"(?![a-z-])", text) is not None
            if present and not may_read(actor, output, marker):
                failures.append(f"{actor.key} ser {marker} i {output} ({url})")
            elif not present and may_read(actor, output, marker):
                failures.append(f"{actor.key} saknar {marker} i {output} ({url})")
    return failures


@pytest.mark.parametrize("c", CLASSIFICATIONS)
@pytest.mark.parametrize("output", sorted(OUTPUTS))
def test_matrix_meeting_outputs__every_reader_sees_exactly_what_they_may(client, outputs, output, c):
    world, built = outputs
    failures = _check(client, world, built, output, c)
    assert not failures, "\n".join(failures)


def test_matrix_meeting_outputs__covers_every_meeting_output():
    """A new download of a meeting must be added here (and to the matrix)."""
    from tests.security.test_authorisation_matrix import all_url_names

    reads = {n for n in all_url_names() if n.startswith("meetings:")} - {
        # writes (POST), each in the general matrix
        "meetings:call",
        "meetings:guest_add",
        "meetings:invite",
        "meetings:agenda_template",
        "meetings:item_add",
        "meetings:approve",
        "meetings:new_version",
        "meetings:send_minutes",
        "meetings:publish",
        "meetings:confirm_proposal",
        "meetings:attendance_mark",
        "meetings:item_notes",
        "meetings:item_move",
        "meetings:decision_add",
        "meetings:plan_decide",
        "meetings:priorities_decide",
        # the work tables of an agenda item (test_matrix_meeting_outputs__item_tables_show_only_readable_rows)
        # and the row search (in the general matrix)
        "meetings:item_tables",
        "meetings:row_search",
        # the forms of the meeting page, loaded when opened: only for who runs the meeting, and never
        # once the minutes are approved (test_matrix_meeting_outputs__forms_only_for_who_runs_the_meeting)
        "meetings:item_form",
        "meetings:meeting_form",
        # pages without a meeting's content (the status of a minutes file being generated: its link and
        # state only, after the same policy check as the download; in the general matrix)
        "meetings:minutes_status",
        "meetings:list",
        "meetings:create",
        "meetings:change",
    }
    assert reads == {spec[0] for spec in OUTPUTS.values()}


def test_matrix_meeting_outputs__forms_only_for_who_runs_the_meeting(client, outputs):
    """The meeting page's forms hold an item's heading and notes. Who may not read the item gets
    the same 404 as for the item; who reads but does not run the meeting 403; who runs it 409, as
    every meeting here is approved; and a refusal shows nothing of the item."""
    world, built = outputs
    failures = []
    for actor in ACTORS:
        client.logout()
        if actor.rank:
            client.force_login(world.user(actor))
        for c, meeting in built.meetings.items():
            urls = {reverse("meetings:meeting_form", args=[meeting.pk, form]): c for form in ("punkt", "gast")}
            for item in meeting.items.filter(heading__startswith="MATRIS-item-"):
                item_c = _classification(item.heading)
                for form in ("anteckningar", "beslut", "plan"):
                    urls[reverse("meetings:item_form", args=[item.pk, form])] = item_c if may_view(actor, c) else c
            for url, readable_as in urls.items():
                if actor.rank == 0:
                    want = 302
                elif not may_view(actor, readable_as):
                    want = 404
                else:
                    want = 409 if may_manage(actor) else 403
                response = client.get(url)
                if response.status_code != want:
                    failures.append(f"{actor.key} {url}: {response.status_code}, väntat {want}")
                elif want != 409 and MARKER.search(response.content.decode()):
                    failures.append(f"{actor.key} ser {MARKER.search(response.content.decode())[0]} på {url}")
    assert not failures, "\n".join(failures)


def test_matrix_meeting_outputs__item_tables_show_only_readable_rows(client, outputs):
    """An agenda item on a place partnership loads the partnership's work tables. Rows of every
    classification in partnerships of every classification: a reader who may not read the
    partnership gets 404, one who may gets exactly the rows (problems and measures) they may read."""
    from tests.factories import MeasureFactory, ProblemFactory

    world, built = outputs
    items = built.meetings["open"].items.filter(partnership__isnull=False).select_related("partnership")
    rows: dict[int, list[str]] = {}
    for item in items:
        partnership = item.partnership
        rows[item.pk] = []
        for problem_c in CLASSIFICATIONS:
            marker = f"MATRIS-row-{partnership.classification}-{problem_c}"
            problem = ProblemFactory(
                forum=partnership,
                title=f"{marker}-problem-{problem_c}",
                classification=problem_c,
                owner_organisation=partnership.owner_organisation,
            )
            MeasureFactory(problem=problem, title=f"{marker}-measure-{problem_c}", classification=problem_c)
            rows[item.pk] += [f"{marker}-problem-{problem_c}", f"{marker}-measure-{problem_c}"]
    assert len(rows) == len(CLASSIFICATIONS)
    failures, seen = [], 0
    for actor in ACTORS:
        client.logout()
        if actor.rank:
            client.force_login(world.user(actor))
        for item in items:
            response = client.get(reverse("meetings:item_tables", args=[item.pk]))
            readable = may_view(actor, item.partnership.classification)
            want = 302 if actor.rank == 0 else 200 if readable else 404
            if response.status_code != want:
                failures.append(f"{actor.key} item {item.pk}: {response.status_code}, väntat {want}")
                continue
            if want != 200:
                continue
            text = response.content.decode()
            for marker in rows[item.pk]:
                present = marker in text
                seen += present
                if present != may_view(actor, _classification(marker)):
                    failures.append(f"{actor.key}: {marker} {'visas' if present else 'saknas'}")
    assert not failures, "\n".join(failures)
    assert seen  # the test cannot pass on empty tables
