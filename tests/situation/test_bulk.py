import datetime as dt
import random

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from tests.factories import AreaFactory, OrganisationFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.core import db
from tryggsam.incidents import bulk
from tryggsam.incidents.bulk import BulkImportError, IncidentRow, import_incident_rows
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation import rollups
from tryggsam.situation.models import DailyRollup, MonthlyRollup
from tryggsam.situation.rollups import rebuild_rollups

from .checks import assert_months_sum_the_days

pytestmark = pytest.mark.django_db
START = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


def _snapshot():
    rows = DailyRollup.objects.values_list("area", "day", "category", "source", "classification", "owner", "count")
    return sorted(rows, key=lambda r: (*r[:5], r[5] or 0, r[6]))


def _random_rows(rng, n, districts, categories, owners):
    rows = []
    for _ in range(n):
        district = rng.choice(districts)
        classification = rng.choice(["open", "internal", "restricted"])
        owner = None if classification == "open" else rng.choice(owners)
        # Times near midnight UTC fall on the next local day in Stockholm: the day must follow local time.
        occurred = START + dt.timedelta(days=rng.randrange(400), hours=rng.choice([0, 12, 22, 23]), minutes=30)
        cats = tuple(rng.sample(categories, rng.choice([1, 1, 1, 2])))
        rows.append(
            IncidentRow(
                occurred_at=occurred,
                category_ids=cats,
                district_id=district.pk,
                district_area_id=district.parent_id,
                classification=classification,
                owner_organisation_id=owner,
            )
        )
    return rows


@pytest.fixture
def world():
    top = AreaFactory(name="Söderort öst", level=AreaLevel.DISTRICT_AREA)
    districts = [AreaFactory(name=f"Stadsdel {i}", level=AreaLevel.DISTRICT, parent=top) for i in range(4)]
    districts.append(AreaFactory(name="Utan område", level=AreaLevel.DISTRICT))
    categories = [c.pk for c in ensure_default_categories().values()][:5]
    owners = [OrganisationFactory(name="Förvaltningen").pk, OrganisationFactory(name="Polisen").pk, None]
    return districts, categories, owners


def test_import_incident_rows__rollups_equal_rebuild_and_raw_counts(world):
    districts, categories, owners = world
    rng = random.Random(11)
    for source in (IncidentSource.PARTNER_REPORT, IncidentSource.RESIDENT_TIP, IncidentSource.PARTNER_REPORT):
        assert import_incident_rows(_random_rows(rng, 700, districts, categories, owners), source=source) == 700
    maintained = _snapshot()
    assert sum(r[-1] for r in maintained if r[0] == districts[0].pk) > 0
    assert_months_sum_the_days()
    rebuild_rollups()
    assert _snapshot() == maintained
    assert_months_sum_the_days()
    raw = {
        (r["district"], r["categories"]): r["n"]
        for r in Incident.objects.values("district", "categories").annotate(n=Count("id"))
    }
    rolled: dict[tuple[int, int], int] = {}
    for area, _day, category, *_rest, n in maintained:
        if area != districts[0].parent_id:
            rolled[(area, category)] = rolled.get((area, category), 0) + n
    assert rolled == raw
    assert Incident.categories.through.objects.count() == sum(raw.values())
    assert AuditEvent.objects.filter(object_id__in=IncidentSource.values, action="import").count() == 3


def test_import_incident_rows__local_day_and_upsert_of_an_existing_key(world):
    districts, categories, _owners = world
    late = timezone.make_aware(dt.datetime(2025, 6, 1, 23, 50))  # local time: stays on 1 June
    row = IncidentRow(occurred_at=late, category_ids=(categories[0],), district_id=districts[0].pk)
    import_incident_rows([row, row], source=IncidentSource.SAFETY_WALK)
    import_incident_rows([row], source=IncidentSource.SAFETY_WALK)
    rollup = DailyRollup.objects.get(area=districts[0])
    assert (rollup.day, rollup.count, rollup.owner) == (dt.date(2025, 6, 1), 3, 0)


def test_import_incident_rows__bad_row_imports_nothing(world):
    districts, categories, _owners = world
    good = IncidentRow(occurred_at=START, category_ids=(categories[0],), district_id=districts[0].pk)
    bad = good._replace(classification="hemlig")
    with pytest.raises(BulkImportError, match="Ogiltig klassning"):
        import_incident_rows([good, bad], source=IncidentSource.PARTNER_REPORT)
    with pytest.raises(BulkImportError, match="Okänd källa"):
        import_incident_rows([good], source="rykten")
    assert not Incident.objects.exists() and not DailyRollup.objects.exists()


def test_import_incident_rows__many_batches_merge_into_existing_rollups(world, monkeypatch):
    """Deltas of many batches are merged once (SQLite) or flushed whenever too many keys are pending
    (PostgreSQL), on top of roll-ups that already hold counts for the same keys."""
    districts, categories, owners = world
    monkeypatch.setattr(bulk, "BATCH_SIZE", 64)
    monkeypatch.setattr(rollups, "MAX_PENDING_KEYS", 100)
    rows = _random_rows(random.Random(5), 900, districts, categories, owners)
    assert import_incident_rows(iter(rows), source=IncidentSource.RESIDENT_TIP) == 900
    assert import_incident_rows(iter(rows[:300]), source=IncidentSource.RESIDENT_TIP) == 300
    maintained = _snapshot()
    assert_months_sum_the_days()
    rebuild_rollups()
    assert _snapshot() == maintained
    district_total = sum(r[-1] for r in maintained if r[0] in {d.pk for d in districts})
    assert district_total == Incident.categories.through.objects.count()


def test_import_incident_rows__bad_row_in_a_later_batch_imports_nothing(world, monkeypatch):
    districts, categories, _owners = world
    monkeypatch.setattr(bulk, "BATCH_SIZE", 10)
    good = IncidentRow(occurred_at=START, category_ids=(categories[0],), district_id=districts[0].pk)
    with pytest.raises(BulkImportError, match="saknar tidszon"):
        import_incident_rows([good] * 25 + [good._replace(occurred_at=dt.datetime(2025, 3, 1))], source="safety_walk")
    assert not Incident.objects.exists() and not DailyRollup.objects.exists()
    assert not MonthlyRollup.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    assert import_incident_rows([good] * 25, source=IncidentSource.SAFETY_WALK) == 25
    assert DailyRollup.objects.get(area=districts[0]).count == 25


def _everything_written():
    """What a bulk import leaves behind, without ids and write times: incidents (by title), their
    category links, both roll-ups and the import's audit rows."""
    fields = [
        f.attname
        for f in Incident._meta.concrete_fields
        if f.attname not in {"id", "created_at", "updated_at", "reported_at"}
    ]
    incidents = list(Incident.objects.order_by("title").values_list(*fields))
    links = sorted(Incident.categories.through.objects.values_list("incident__title", "incidentcategory_id"))
    dims = ("area", "category", "source", "classification", "owner", "audience", "count")
    daily = sorted(DailyRollup.objects.values_list("day", *dims))
    monthly = sorted(MonthlyRollup.objects.values_list("month", *dims))
    audit = list(
        AuditEvent.objects.filter(action="import")
        .order_by("pk")
        .values_list("object_type", "object_id", "changes", "note")
    )
    return incidents, links, daily, monthly, audit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY and array upsert")
def test_import_incident_rows__copy_writes_what_executemany_writes(world, monkeypatch):
    districts, categories, owners = world
    rows = [
        row._replace(title=f"Händelse {i:04d}", description="Rad\tmed\\tecken\növer två rader" if i % 7 == 0 else "")
        for i, row in enumerate(_random_rows(random.Random(3), 1500, districts, categories, owners))
    ]
    monkeypatch.setattr(bulk, "BATCH_SIZE", 400)
    monkeypatch.setattr(rollups, "MAX_PENDING_KEYS", 300)
    written = {}
    # COPY of the incidents, links and roll-up deltas (temporary table); COPY with the roll-ups as
    # arrays (small upserts); executemany everywhere (SQLite's path).
    for mode, set_based, copy_min_keys in (("copy", True, 1), ("arrays", True, 10**9), ("executemany", False, 1)):
        with transaction.atomic():
            with monkeypatch.context() as patch:
                patch.setattr(db, "set_based_writes", lambda set_based=set_based: set_based)
                patch.setattr(rollups, "set_based_writes", lambda set_based=set_based: set_based)
                patch.setattr(rollups, "COPY_MIN_KEYS", copy_min_keys)
                import_incident_rows(iter(rows[:300]), source=IncidentSource.PARTNER_REPORT, note="före")
                import_incident_rows(iter(rows), source=IncidentSource.PARTNER_REPORT, note="massimport")
            written[mode] = _everything_written()
            tabs = sum(1 for row in rows[:300] + rows if row.description)
            assert Incident.objects.filter(description="Rad\tmed\\tecken\növer två rader").count() == tabs
            transaction.set_rollback(True)
    assert written["copy"] == written["executemany"]
    assert written["arrays"] == written["executemany"]
    incidents, links, daily, _monthly, audit = written["copy"]
    assert len(incidents) == 1800 and len(links) > 1800 and daily
    assert [a[2] for a in audit] == [{"created": 300}, {"created": 1500}]


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "Asia/Kolkata", "Australia/Lord_Howe"])
def test_local_days__equal_astimezone_every_minute_around_transitions(zone):
    """The per-hour cache of the local day gives what `astimezone` gives, also where local midnight or
    a change of offset falls inside a UTC hour (half-hour zones)."""
    starts = [dt.datetime(2025, 3, 29, 12), dt.datetime(2025, 10, 25, 12), dt.datetime(2025, 4, 5, 0)]
    with timezone.override(zone):
        days = bulk._LocalDays()
        tz = timezone.get_current_timezone()
        for start in starts:
            for minute in range(0, 48 * 60, 7):
                utc = start + dt.timedelta(minutes=minute, seconds=minute % 60)
                assert days.day(utc) == utc.replace(tzinfo=dt.UTC).astimezone(tz).date(), utc
