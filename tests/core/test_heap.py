"""`core.heap.long_lived_objects_frozen`: the heap's existing objects out of the collector's sight
during a bulk loop, the loop's own cyclic garbage still collected, everything given back after —
also when the loop fails, and only when the outermost of nested loops ends (issue 17, items 2–3)."""

from __future__ import annotations

import gc
import weakref

import pytest
from django.utils import timezone

from tests.factories import AreaFactory
from tryggsam.core.heap import long_lived_objects_frozen
from tryggsam.incidents import bulk
from tryggsam.incidents.bulk import IncidentRow
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import AreaLevel


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_frozen_during_the_loop_and_given_back_after():
    assert gc.get_freeze_count() == 0
    with long_lived_objects_frozen():
        assert gc.get_freeze_count() > 0
        with long_lived_objects_frozen():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0  # the inner loop's end does not lift the outer's freeze
    assert gc.get_freeze_count() == 0


def test_given_back_when_the_loop_fails():
    with pytest.raises(ZeroDivisionError), long_lived_objects_frozen():
        1 / 0
    assert gc.get_freeze_count() == 0


def test_the_loops_own_cycles_are_still_collected():
    with long_lived_objects_frozen():
        made_inside = _cycle()
        gc.collect()
        assert made_inside() is None


def test_a_cycle_frozen_while_alive_is_collected_after_the_loop():
    holder = [_Node()]
    holder[0].other = holder[0]
    ref = weakref.ref(holder[0])
    with long_lived_objects_frozen():
        holder.clear()  # now garbage, but frozen: kept until the loop ends
        gc.collect()
        assert ref() is not None
    gc.collect()
    assert ref() is None


def test_the_bulk_writer_runs_with_the_heap_frozen(db, monkeypatch):
    seen = []
    real = bulk._write_batch
    monkeypatch.setattr(bulk, "_write_batch", lambda *a: seen.append(gc.get_freeze_count()) or real(*a))
    category = IncidentCategory.objects.create(code="test-heap", name="Prov")
    district = AreaFactory(name="Frysdalen", level=AreaLevel.DISTRICT)
    row = IncidentRow(occurred_at=timezone.now(), category_ids=(category.pk,), district_id=district.pk)
    assert bulk.insert_incident_rows([row, row], source="partner_report") == 2
    assert seen and all(count > 0 for count in seen)
    assert gc.get_freeze_count() == 0


def test_a_server_process_collects_young_objects_less_often(monkeypatch):
    """Loading the WSGI application (as gunicorn's workers do) sets the serving thresholds."""
    import importlib
    import sys

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        sys.modules.pop("tryggsam.config.wsgi", None)
        importlib.import_module("tryggsam.config.wsgi")
        assert gc.get_threshold() == (50_000, 20, 20)
    finally:
        gc.set_threshold(*before)
