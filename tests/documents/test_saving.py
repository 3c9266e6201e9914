"""Saving imported documents into the records (issue 3, "Saving")."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import ForumFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem, WorkKind
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.matching import CONFIRMED_STATUS, status_guess
from tryggsam.documents.models import DocumentRecord, ImportedDocument
from tryggsam.documents.saving import document_save
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.models import Meeting
from tryggsam.plans.models import ActionPlan, FocusArea


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture(autouse=True)
def _seed_council(db):
    """Seed 004 names its forum 'Lokala Brå' only, which is not created from a document (a generic name):
    the council exists, as it does where the archive is imported."""
    ForumFactory(name="Lokala Brå", kind=ForumKind.COUNCIL)


def _save(path):
    return document_save(actor=IMPORT_SYSTEM, path=path, data=extract(path))


def test_document_save__minutes_with_work_tables(seed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = _save(seed("001"))
    assert not result.already_imported
    assert Forum.objects.filter(kind=ForumKind.PARTNERSHIP).count() == 3
    partnership = Forum.objects.get(name="Platssamverkan Liljeholmen")
    assert partnership.parent.kind == ForumKind.COUNCIL
    assert Problem.objects.filter(kind=WorkKind.PROBLEM).count() >= 15
    assert Problem.objects.filter(kind=WorkKind.DEVELOPMENT).count() >= 10
    assert Measure.objects.count() >= 30
    assert FollowUp.objects.count() >= 20  # every non-empty status cell is a follow-up
    assert Meeting.objects.filter(date="2021-09-17").exists() and Meeting.objects.filter(date="2022-03-25").exists()
    # The archived minutes are the approved record of their meeting; the next meeting they name is not.
    assert Meeting.objects.get(date="2021-09-17").is_approved
    assert not Meeting.objects.get(date="2022-03-25").is_approved
    document = result.document
    assert document.file.storage.exists(document.file.name)  # the original is kept
    linked = set(DocumentRecord.objects.filter(document=document).values_list("object_type", flat=True))
    assert {"casework.problem", "casework.measure", "casework.followup", "meetings.meeting", "forums.forum"} <= linked
    assert AuditEvent.objects.filter(object_type="documents.importeddocument").exists()


def test_document_save__same_file_twice_changes_nothing(seed):
    _save(seed("004"))
    counts = (Meeting.objects.count(), Problem.objects.count(), AuditEvent.objects.count())
    again = _save(seed("004"))
    assert again.already_imported
    assert (Meeting.objects.count(), Problem.objects.count(), AuditEvent.objects.count()) == counts
    assert ImportedDocument.objects.count() == 1


def test_document_save__next_minutes_update_status_instead_of_duplicating(seed, tmp_path):
    _save(seed("001"))
    problems, measures = Problem.objects.count(), Measure.objects.count()
    measure = Measure.objects.get(title="Företagsdialog 22 oktober")
    before = measure.follow_ups.count()
    text = seed("001").read_text(encoding="utf-8")
    later = tmp_path / "nasta_mote.txt"
    later.write_text(
        text.replace("\tFöretagsdialog 22 oktober\n", "\tAvslutad, dialogen genomfördes med 40 deltagare\n", 1)
    )
    assert later.read_bytes() != seed("001").read_bytes()
    data = extract(later)
    for table in data["work_tables"]:  # what the coordinator confirms in the review (issue 11, finding 14)
        for row in table["rows"]:
            row[CONFIRMED_STATUS] = status_guess(row.get("status") or "").status
    document_save(actor=IMPORT_SYSTEM, path=later, data=data)
    assert (Problem.objects.count(), Measure.objects.count()) == (problems, measures)
    measure.refresh_from_db()
    assert measure.follow_ups.count() == before + 1
    assert measure.status == MeasureStatus.DONE
    assert measure.follow_ups.order_by("-id").first().text.startswith("Avslutad, dialogen")


def test_document_save__action_plan_focus_areas(seed):
    _save(seed("002"))
    plan = ActionPlan.objects.get()
    names = list(FocusArea.objects.filter(plan=plan).values_list("name", flat=True))
    assert len(names) == 7 and names[0] == "Liljeholmen"
    first = FocusArea.objects.get(plan=plan, name="Liljeholmen")
    assert first.goal.startswith("Liljeholmens centrum med närområde") and first.police_contact == "Kommunpolis"
    assert len(first.activities) == 3


def test_document_save__failure_leaves_nothing(seed, monkeypatch):
    from tryggsam.documents import saving

    def boom(*args, **kwargs):
        raise RuntimeError("avbrott mitt i importen")

    monkeypatch.setattr(saving._Saver, "approve_archived_minutes", boom)
    with pytest.raises(RuntimeError):
        _save(seed("001"))
    assert not ImportedDocument.objects.exists() and not Problem.objects.exists() and not Meeting.objects.exists()


def test_import_document__saves_without_dry_run_and_reports(seed):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_document", str(seed("004")), "--json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["meeting"]["date"] == "2019-02-22"
    assert "Sparat:" in err.getvalue()
    assert Meeting.objects.filter(date="2019-02-22").exists()
    err = io.StringIO()
    call_command("import_document", str(seed("004")), "--json", stdout=io.StringIO(), stderr=err)
    assert "redan importerad" in err.getvalue()


def test_import_archive__folder_with_progress_and_summary(seed, tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for key in ("004", "002"):
        (folder / seed(key).name).write_bytes(seed(key).read_bytes())
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.4 trasig")
    out = io.StringIO()
    call_command("import_archive", str(folder), stdout=out)
    text = out.getvalue()
    assert "[1/3]" in text and "[3/3]" in text
    assert "Klart: 3 filer, 2 sparade, 0 redan importerade, 1 gick inte att läsa eller spara." in text
    out = io.StringIO()
    call_command("import_archive", str(folder), stdout=out)
    assert "0 sparade, 2 redan importerade" in out.getvalue()


def test_archive_page__upload_review_correct_and_save(client, coordinator, seed):
    client.force_login(coordinator)
    with open(seed("004"), "rb") as handle:
        response = client.post("/arkiv/", {"documents": [handle]})
    assert response.status_code == 302
    page = client.get("/arkiv/").content.decode()
    assert "9 deltagare" in page and "2019-02-22" in page
    assert "Typ: <strong>minnesanteckningar/protokoll</strong>" in page
    assert "(Kallad)" in page and "(called)" not in page
    assert "befintliga forumet <strong>Lokala Brå</strong>" in page and 'list="archive-forums"' in page
    token = page.split('action="/arkiv/')[1].split("/spara/")[0]
    response = client.post(
        f"/arkiv/{token}/spara/",
        {
            f"{token}-token": token,
            f"{token}-title": "Rådets protokoll",
            f"{token}-forum": "Lokala Brå",
            f"{token}-date": "2019-02-22",
            f"{token}-start": "09:00",
            f"{token}-end": "11:30",
            f"{token}-location": "Stadsdelshuset",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(date="2019-02-22")
    assert str(meeting.end_time) == "11:30:00" and meeting.location == "Stadsdelshuset"  # the correction was used
    assert ImportedDocument.objects.get().title == "Rådets protokoll"
    saved = client.get("/arkiv/").content.decode()
    assert "sparad: " in saved and " punkter" in saved and "närvarorader" in saved
    assert "agendaitem" not in saved and "attendance" not in saved
    with open(seed("004"), "rb") as handle:
        client.post("/arkiv/", {"documents": [handle]})
    assert "Sparas i det befintliga forumet <strong>Lokala Brå</strong>" in client.get("/arkiv/").content.decode()


def test_archive_page__members_and_other_sessions_refused(client, police_member, coordinator, seed):
    client.force_login(police_member)
    assert client.get("/arkiv/").status_code == 403
    client.force_login(coordinator)
    assert client.post("/arkiv/someone-elses-token/spara/").status_code == 404


def test_archive_batch__background_import_with_progress(client, coordinator, seed):
    client.force_login(coordinator)
    for key in ("004", "002"):
        with open(seed(key), "rb") as handle:
            client.post("/arkiv/", {"documents": [handle]})
    assert "Importera alla i bakgrunden" in client.get("/arkiv/").content.decode()
    response = client.post("/arkiv/bakgrund/")  # the test settings run django-q2 tasks synchronously
    assert response.status_code == 302
    from tryggsam.documents.models import ImportBatch

    batch = ImportBatch.objects.get()
    assert (batch.total, batch.processed, batch.saved, batch.failed, batch.status) == (2, 2, 2, 0, "done")
    page = client.get(response["Location"]).content.decode()
    assert "2 av 2 filer" in page and "<progress" in page and "hx-trigger" not in page  # done: polling stops
    assert ImportedDocument.objects.count() == 2
    assert "Importera alla i bakgrunden" not in client.get("/arkiv/").content.decode()


def test_document_save__attendance_items_and_decision_of_the_meeting(seed):
    from tryggsam.meetings.models import AgendaItem, Attendance, Decision

    _save(seed("004"))
    meeting = Meeting.objects.get(date="2019-02-22")
    assert Attendance.objects.filter(meeting=meeting, status="called").count() == 9
    first = Attendance.objects.filter(meeting=meeting).order_by("position").first()
    assert first.name == "Abit Dundar" and first.title.startswith("Ordförande")
    headings = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("heading", flat=True))
    assert len(headings) == 6
    decision = Decision.objects.get(item__meeting=meeting)
    assert "personrån" in decision.text.lower()
    assert meeting.start_time.hour == 9 and meeting.end_time.hour == 11


def test_import_archive__a_known_file_is_skipped_by_its_hash_without_parsing(seed, tmp_path, monkeypatch):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "forsta.md").write_bytes(seed("004").read_bytes())
    call_command("import_archive", str(folder), stdout=io.StringIO())
    (folder / "samma_innehall_annat_namn.md").write_bytes(seed("004").read_bytes())
    read = []
    real_extract = extract

    def counting_extract(path):
        read.append(path.name)
        return real_extract(path)

    monkeypatch.setattr("tryggsam.documents.management.commands.import_archive.extract", counting_extract)
    out = io.StringIO()
    call_command("import_archive", str(folder), stdout=out)
    assert "0 sparade, 2 redan importerade" in out.getvalue()
    assert read == []
    assert ImportedDocument.objects.count() == 1


def test_document_save__the_documents_audit_rows_in_one_insert(seed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        result = _save(seed("004"))
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')]
    assert len(inserts) == 1
    assert AuditEvent.objects.count() - before > sum(result.created.values())  # every record, and the document
