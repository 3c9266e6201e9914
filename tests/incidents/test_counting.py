"""Incidents announce what they add and change (`incidents.counting`) and the situation app's roll-ups
listen: once per bulk batch, inside the writing transaction, so a failing counter undoes the write."""

import datetime as dt
from contextlib import contextmanager

import pytest

from tests.factories import AreaFactory
from tryggsam.incidents import bulk, counting
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.other_sources import resident_tip
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup
from tryggsam.situation.rollups import RollupCounter

pytestmark = pytest.mark.django_db
WHEN = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)


class Recorder:
    """A counter that records the announcements (and can refuse them)."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail, self.added_rows, self.batches, self.ended = fail, [], [], 0

    def added(self, rows):
        if self.fail:
            raise RuntimeError("the counter failed")
        self.added_rows.extend(rows)

    def removed(self, rows):
        pass

    @contextmanager
    def bulk(self, *, source):
        yield self.batches.append
        self.ended += 1


@pytest.fixture
def recorder(monkeypatch):
    def listen(**kwargs):
        made = Recorder(**kwargs)
        monkeypatch.setattr(counting, "_counters", [*counting._counters, made])
        return made

    return listen


def test_situation_registers_its_rollups_as_the_counter():
    from tryggsam.effects.freshness import CountsChangeCounter

    # the roll-ups, and the effects' data version (cached effect estimates are refitted after a change)
    assert sorted(type(c).__name__ for c in counting._counters) == ["CountsChangeCounter", "RollupCounter"]
    assert {type(c) for c in counting._counters} == {RollupCounter, CountsChangeCounter}


def test_bulk_import__announced_once_per_batch(recorder, monkeypatch):
    district = AreaFactory(name="Stadsdel", level=AreaLevel.DISTRICT)
    category = next(iter(ensure_default_categories().values()))
    monkeypatch.setattr(bulk, "BATCH_SIZE", 10)
    heard = recorder()
    rows = [IncidentRow(occurred_at=WHEN, category_ids=(category.pk,), district_id=district.pk)] * 25
    assert import_incident_rows(rows, source=IncidentSource.POLICE_EVENT) == 25
    assert [sum(batch.values()) for batch in heard.batches] == [10, 10, 5]
    assert heard.ended == 1
    assert DailyRollup.objects.get(area=district).count == 25


def test_report__failing_counter_undoes_the_incident(recorder, stockholm):
    recorder(fail=True)
    category = next(iter(ensure_default_categories().values()))
    with pytest.raises(RuntimeError):
        resident_tip(category=category, text="Klotter på väggen", place_text="Farsta centrum")
    assert not Incident.objects.exists()
