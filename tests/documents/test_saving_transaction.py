"""One imported document is one unit of work (issue 13, item 8): the services it calls join its
transaction instead of each setting a savepoint, and a failure anywhere in it, also inside a nested
service after that service wrote, leaves nothing of the document while the next documents are saved."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.documents import saving
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.models import DocumentRecord, ImportedDocument
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import AgendaItem, Attendance, Meeting


@pytest.fixture(autouse=True)
def _council(db):
    ForumFactory(name="Lokala Brå", kind=ForumKind.COUNCIL)


def _save(path):
    return saving.document_save(actor=IMPORT_SYSTEM, path=path, data=extract(path))


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (ImportedDocument, DocumentRecord, Meeting, AgendaItem, Attendance, AuditEvent)
    )


def test_document_save__one_savepoint_for_the_whole_document(seed):
    with CaptureQueriesContext(connection) as queries:
        result = _save(seed("004"))
    assert result.created["meeting"] >= 1 and result.created["agendaitem"] >= 1
    savepoints = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # the document's own (the test runs inside a transaction); none per service
    assert connection._savepoint_allowed()  # given back after the document


def test_document_save__a_failure_inside_a_nested_service_leaves_nothing_and_the_next_is_saved(seed, monkeypatch):
    real = saving.create_audited_many

    @transaction.atomic
    def fails_after_writing(**kwargs):
        real(**kwargs)  # the attendance rows and their audit rows are written ...
        raise IntegrityError("avbrott inne i en tjänst")  # ... and then the service fails

    before = _counts()
    monkeypatch.setattr(saving, "create_audited_many", fails_after_writing)
    with pytest.raises(IntegrityError):
        _save(seed("004"))
    assert _counts() == before
    assert connection._savepoint_allowed()
    monkeypatch.setattr(saving, "create_audited_many", real)
    assert not _save(seed("004")).already_imported  # the same file again, now saved whole
    assert Attendance.objects.exists() and ImportedDocument.objects.count() == 1
    assert not _save(seed("001")).already_imported  # and the next one
