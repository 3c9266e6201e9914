"""Police files of any size: read as they are imported, with bounded memory; an error anywhere rolls
everything back; and the duplicate check asks the partial unique index instead of scanning the table."""

import json
import tracemalloc
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police_import import MAX_BYTES, existing_ids_query, import_police_source, iter_police_events

TYPES = ["Brand", "Stöld", "Trafikolycka", "Skadegörelse", "Misshandel"]
PLACES = ["Uppsala", "Västerås", "Örebro", "Gävle"]


def event(n: int, *, words: int = 3) -> dict:
    kind, place = TYPES[n % len(TYPES)], PLACES[n % len(PLACES)]
    return {
        "id": 9_000_000 + n,
        "datetime": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d} {n % 24:02d}:{n % 60:02d}:00 +01:00",
        "name": f"{n % 28 + 1} januari {n % 24:02d}.15, {kind}, {place}",
        "summary": f"Påhittad händelse nummer {n} för ett test av stora filer. " + "Mer text om den. " * words,
        "url": f"/aktuellt/handelser/2025/januari/{n}/",
        "type": kind,
        "location": {"name": place, "gps": "59.85,17.64"},
    }


def write_events(path, count: int, *, tail: str = "]", words: int = 3) -> int:
    """A file of `count` generated events, written as it goes (the test itself holds none of them)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for n in range(count):
            handle.write(("," if n else "") + json.dumps(event(n, words=words), ensure_ascii=False))
        handle.write(tail)
    return path.stat().st_size


def test_iter_police_events__100_000_events_read_with_memory_far_below_the_file(tmp_path):
    path = tmp_path / "hundratusen.json"
    size = write_events(path, 100_000)
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            count = sum(1 for _ in iter_police_events(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < size / 20, f"peak {peak} bytes for a file of {size}"


@pytest.mark.django_db
def test_import_police_events__a_file_larger_than_the_old_limit_is_imported_with_bounded_memory(tmp_path):
    """Through the command, as an operator runs it: the file is over the limit that used to refuse it,
    and the import holds a batch of rows, not the file (long summaries make the file big quickly)."""
    path = tmp_path / "stor.json"
    size = write_events(path, 30_000, words=75)
    assert size > MAX_BYTES
    tracemalloc.start()
    try:
        out = StringIO()
        call_command("import_police_events", str(path), "--json", stdout=out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    printed = json.loads(out.getvalue())
    assert printed == {"read": 30_000, "created": 30_000, "duplicates": 0, "rejected": 0, "errors": []}
    assert Incident.objects.filter(source=IncidentSource.POLICE_EVENT).count() == 30_000
    assert peak < size / 4, f"peak {peak} bytes for a file of {size}"
    audit = AuditEvent.objects.filter(action=AuditAction.IMPORT, object_id=IncidentSource.POLICE_EVENT)
    assert audit.count() == 1 and audit.get().changes["created"] == 30_000


@pytest.mark.django_db
@pytest.mark.parametrize(("tail", "message"), [(', {"id": 1', "inte giltig JSON"), ("] x", "inte giltig JSON")])
def test_import_police_events__an_error_after_many_events_imports_nothing(tmp_path, tail, message):
    path = tmp_path / "trasig_i_slutet.json"
    write_events(path, 12_000, tail=tail)
    audit_before = AuditEvent.objects.count()
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_police_events", str(path), "--json", stdout=out)
    assert exc.value.returncode == 2
    printed = json.loads(out.getvalue())
    assert printed["created"] == 0 and message in printed["errors"][0]
    assert Incident.objects.count() == 0 and AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_import_police_source__duplicates_across_batches_and_runs(tmp_path):
    path = tmp_path / "dubbletter.json"
    with path.open("w", encoding="utf-8") as handle:
        json.dump([event(n % 700) for n in range(1_500)], handle)  # repeats across the batches of 500
    first = import_police_source(str(path))
    assert (first.read, first.created, first.duplicates) == (1_500, 700, 800)
    second = import_police_source(str(path))
    assert (second.read, second.created, second.duplicates) == (1_500, 0, 1_500)


@pytest.mark.django_db
def test_import_police_source__a_repeat_long_after_its_first_is_found_in_the_table(tmp_path):
    """Only the ids not yet written are kept in memory; an older repeat is found by the database."""
    path = tmp_path / "sen_dubblett.json"
    write_events(path, 12_000, tail=", " + json.dumps(event(3)) + "]")
    result = import_police_source(str(path))
    assert (result.read, result.created, result.duplicates) == (12_001, 12_000, 1)


@pytest.mark.django_db
def test_existing_ids_query__searches_the_partial_unique_index():
    """The duplicate check must not scan the table (149 events/s at 1 M rows when it did)."""
    query = existing_ids_query(["1", "2", "3"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: make any usable index win
            plan = query.explain()
    else:
        plan = query.explain()
    assert "incident_unique_external_id_per_source" in plan, plan
    assert "SCAN incidents_incident" not in plan and "Seq Scan" not in plan, plan
