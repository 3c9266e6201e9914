"""The audit layer tells what a committed transaction wrote (issue 17, item 4): a counter per model
grows with each commit that wrote it (not with reads, logins or a rolled-back transaction), and the
listeners hear what was written (once per committed transaction, however many services opened
atomic blocks in it; nothing of a rolled-back savepoint)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory
from tryggsam.audit import services as audit
from tryggsam.audit.models import WriteCounter
from tryggsam.audit.writes import update_audited

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return dict(WriteCounter.objects.values_list("object_type", "writes"))


@pytest.fixture
def heard():
    calls: list[frozenset[tuple[str, str]]] = []
    audit.on_writes_committed(calls.append)
    yield calls
    audit._commit_listeners.remove(calls.append)


def test_write_counters__one_commit_counts_once_per_model_and_is_heard_once(
    coordinator, django_capture_on_commit_callbacks, heard
):
    first, second = ForumFactory(name="Rådet"), ForumFactory(name="Gruppen")
    before = audit.writes_stamp()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # one block, as a service
        for forum in (first, second):
            audit.audit_record(actor=coordinator, action="update", obj=forum, changes={"name": ["", forum.name]})
    assert _counts() == {"forums.forum": 1}
    assert audit.writes_stamp() == before + 1
    assert heard == [frozenset({("forums.forum", str(first.pk)), ("forums.forum", str(second.pk))})]
    with django_capture_on_commit_callbacks(execute=True):  # the next transaction counts again
        update_audited(obj=first, actor=coordinator, fields={"name": "Rådet i Norrviken"})
    assert _counts() == {"forums.forum": 2} and len(heard) == 2
    assert audit.writes_stamp(excluding=("forums.",)) == 0


def test_write_counters__reads_logins_and_rollbacks_do_not_count(
    coordinator, django_capture_on_commit_callbacks, heard
):
    forum = ForumFactory(name="Rådet")
    with django_capture_on_commit_callbacks(execute=True):
        audit.audit_record(actor=coordinator, action="read", obj=forum)
        audit.audit_record(actor=coordinator, action="login", obj=coordinator)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        update_audited(obj=forum, actor=coordinator, fields={"name": "Rådet i Norrviken"})
        raise RuntimeError("undone")
    assert _counts() == {} and heard == []


def test_write_counters__a_failing_listener_is_logged_and_the_counters_still_count(
    coordinator, django_capture_on_commit_callbacks, caplog
):
    def broken(written):
        raise ValueError("broken")

    audit.on_writes_committed(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            update_audited(obj=ForumFactory(name="Rådet"), actor=coordinator, fields={"name": "Rådet i Norrviken"})
    finally:
        audit._commit_listeners.remove(broken)
    assert _counts() == {"forums.forum": 1}
    assert "listener of committed writes failed" in caplog.text


def test_write_counters__nested_services_in_one_transaction_count_once_with_one_upsert(
    coordinator, django_capture_on_commit_callbacks, heard
):
    """Services that each open their own atomic block inside one transaction: one callback for the
    outermost transaction, the union of what its blocks wrote, one statement for the counters; what
    a rolled-back inner savepoint wrote is neither counted nor heard."""
    forums = [ForumFactory(name=f"Grupp {n}") for n in range(3)]
    undone = ForumFactory(name="Ångrad")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for forum in forums:  # three services, each in its own block
            update_audited(obj=forum, actor=coordinator, fields={"name": f"{forum.name} i Norrviken"})
        update_audited(obj=coordinator, actor=coordinator, fields={"full_name": "Sam Ordnare Nyman"})
        with pytest.raises(RuntimeError), transaction.atomic():  # an inner service that fails
            audit.audit_record(actor=coordinator, action="update", obj=undone, changes={"name": ["", "x"]})
            audit.audit_record(actor=coordinator, action="update", obj=coordinator.memberships.first(), changes={})
            raise RuntimeError("undone")
    told = [c for c in callbacks if isinstance(c, audit._Writes)]
    assert len(told) == 1
    assert _counts() == {"forums.forum": 1, "accounts.user": 1}
    assert heard == [
        frozenset({("forums.forum", str(f.pk)) for f in forums} | {("accounts.user", str(coordinator.pk))})
    ]


def test_write_counters__the_commit_pays_one_upsert_for_every_model(
    coordinator, django_capture_on_commit_callbacks, heard
):
    forums = [ForumFactory(name=f"Grupp {n}") for n in range(3)]
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for forum in forums:
            update_audited(obj=forum, actor=coordinator, fields={"name": f"{forum.name} i Norrviken"})
        update_audited(obj=coordinator, actor=coordinator, fields={"full_name": "Sam Ordnare Nyman"})
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:  # what the commit runs
            callback()
    upserts = [q for q in queries.captured_queries if "audit_writecounter" in q["sql"]]
    assert len(upserts) == 1
    assert _counts() == {"forums.forum": 1, "accounts.user": 1}
    assert len(heard) == 1
