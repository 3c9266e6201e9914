"""Round trip (issue 4): the DOCX and the PDF of a generated meeting, read back by the document
importer, give the same date, times, place, attendees, items and work-table rows."""

import pytest

from tryggsam.documents.extract import extract
from tryggsam.meetings import services
from tryggsam.meetings.minutes import render_minutes
from tryggsam.meetings.models import AttendanceStatus


@pytest.fixture
def held_meeting(meeting, coordinator):
    for attendance in meeting.attendances.all():
        status = AttendanceStatus.ABSENT if attendance.is_guest else AttendanceStatus.PRESENT
        services.attendance_mark(actor=coordinator, attendance=attendance, status=status)
    return meeting


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_minutes_round_trip__importer_reads_back_what_was_generated(
    held_meeting, coordinator, tmp_path, fmt, next_meeting
):
    path = tmp_path / f"protokoll.{fmt}"
    path.write_bytes(render_minutes(held_meeting, coordinator, fmt=fmt))
    data = extract(path)
    assert data["kind"] == "minutes"
    assert data["meeting"]["date"] == held_meeting.date.isoformat()
    assert (data["meeting"]["start"], data["meeting"]["end"]) == ("09:00", "11:00")
    assert data["meeting"]["location"] == "Stadsdelshuset, rum Gläntan"
    # People come back with their status; an organisation called without a named person is not a
    # person and is reported in the warnings instead.
    people = held_meeting.attendances.filter(user__isnull=False)
    present = sorted(a.name for a in people.filter(status=AttendanceStatus.PRESENT))
    assert sorted(a["name"] for a in data["attendees"] if a["status"] == "present") == present
    assert any("Kvarnskolan" in w for w in data["warnings"])
    top_level = [i.heading for i in held_meeting.items.filter(depth=0).order_by("position")]
    read_headings = [i["heading"] for i in data["items"]]
    assert [h for h in top_level if h in read_headings] == top_level
    rows = {(t["kind"], r["problem"], r["measure"]) for t in data["work_tables"] for r in t["rows"]}
    assert ("problem", "Kvarntorget: klotter på busskuren", "Snabbsanering inom ett dygn") in rows
    assert ("development", "Kvarntorget: mer liv på kvällarna", "Sommartorg med unga feriearbetare") in rows
    assert {t["partnership"] for t in data["work_tables"]} == {"Platssamverkan Kvarnbacken"}
    assert data["next_meetings"][0]["date"] == next_meeting.date.isoformat()
