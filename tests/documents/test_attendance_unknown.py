"""Issue 13: where a document states no list of who came (or only a number), attendance is unknown:
the count is kept in the document's warnings, never turned into people, and no one is saved as present.
Own variations of how Swedish notes state attendance, plus corpus 03/04 and 17 read at run time."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.factories import ForumFactory
from tryggsam.documents.extract import extract
from tryggsam.documents.saving import document_save
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import Attendance, AttendanceStatus, Meeting


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def notes(attendance: str) -> str:
    return (
        "Minnesanteckningar Grannsamverkan Ekbacken\n"
        "Datum: 2023-04-12\n"
        f"{attendance}\n\n"
        "1. Inbrotten\nTre inbrott i förråden under mars.\n"
    )


@pytest.mark.parametrize(
    ("attendance", "count"),
    [
        ("Närvarande: 12 personer", "12 personer"),
        ("Deltagare: ett tiotal boende från området", "ett tiotal boende"),
        ("Närvarande: 8 ledamöter och 3 tjänstepersoner", "8 ledamöter och 3 tjänstepersoner"),
        ("Antal deltagare: 23", "23"),
        ("Närvarande: 14", "14"),
        ("Ungefär trettio grannar kom till mötet i föreningslokalen.", "Ungefär trettio grannar"),
    ],
)
def test_extract__a_count_is_kept_as_a_count_not_as_people(tmp_path, attendance, count):
    path = tmp_path / "anteckningar.txt"
    path.write_text(notes(attendance), encoding="utf-8")
    result = extract(path)
    assert result["attendees"] == []
    assert any(w.startswith("rad 3: ") and f"”{count}" in w and "okänd" in w for w in result["warnings"])


@pytest.fixture
def council(district_admin):
    return ForumFactory(name="Rådet", kind=ForumKind.COUNCIL, owner_organisation=district_admin)


def test_save__count_only_saves_no_attendance_and_keeps_the_count(tmp_path, coordinator, council):
    path = tmp_path / "anteckningar.txt"
    path.write_text(notes("Närvarande: 12 personer"), encoding="utf-8")
    data = {**extract(path), "forum_id": council.pk}
    document_save(actor=coordinator, path=path, data=data)
    meeting = Meeting.objects.get(date="2023-04-12")
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_review__count_only_says_attendance_is_unknown(client, coordinator, tmp_path):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("anteckningar.txt", notes("Deltagare: ett tiotal boende").encode())
    client.post("/arkiv/", {"documents": [upload]})
    page = client.get("/arkiv/").content.decode()
    assert "okänd – dokumentet har ingen närvarolista" in page
    assert "0 deltagare" not in page and "0 personer" not in page


@pytest.mark.parametrize("prefix", ["03", "04"])
def test_corpus_03_04_unpaired_table_saves_no_one_as_present(shared_dir, client, coordinator, council, prefix):
    path = next((shared_dir / "corpus" / "documents").glob(f"{prefix}_*.txt"))
    data = extract(path)
    assert data["attendees"] and all(a["status"] is None for a in data["attendees"])
    document_save(actor=coordinator, path=path, data={**data, "forum_id": council.pk})
    rows = Attendance.objects.filter(meeting__date=data["meeting"]["date"])
    assert rows.count() == len(data["attendees"])
    assert not rows.filter(status=AttendanceStatus.PRESENT).exists()  # presence unknown, not a fact
    client.force_login(coordinator)
    client.post("/arkiv/", {"documents": [SimpleUploadedFile(path.name, path.read_bytes())]})
    assert f"närvaro okänd för {len(data['attendees'])}" in client.get("/arkiv/").content.decode()


def test_corpus_17_count_is_not_people(shared_dir):
    path = next((shared_dir / "corpus" / "documents").glob("17_*.txt"))
    result = extract(path)
    assert result["attendees"] == []
    assert any("40 personer" in w and w.startswith("rad ") for w in result["warnings"])


def test_save__two_names_near_one_user_link_only_the_first_and_keep_both(tmp_path, coordinator, council):
    """Two spellings that both resemble one user's name: the document is saved with both people, and
    only the first is linked to the user (one user appears once in a meeting's attendance)."""
    from tests.factories import user_with_role
    from tryggsam.accounts.models import Role

    user_with_role(Role.MEMBER, council.owner_organisation, full_name="Karin Lindqvist")
    path = tmp_path / "anteckningar.txt"
    path.write_text(notes("Närvarande: Karin Lindqvist, Karin Lindquist"), encoding="utf-8")
    data = {**extract(path), "forum_id": council.pk}
    assert len(data["attendees"]) == 2
    document_save(actor=coordinator, path=path, data=data)
    rows = Attendance.objects.filter(meeting__date="2023-04-12").order_by("position")
    assert [r.name for r in rows] == ["Karin Lindqvist", "Karin Lindquist"]
    assert rows[0].user is not None and rows[1].user is None
