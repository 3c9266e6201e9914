"""`CountsChange` rows are appended on every change of the incident counts; a daily task prunes all but
the last, which is all a cached effect result's key holds, so the version neither changes nor goes
back, and the next change still moves it past every version seen before."""

from __future__ import annotations

import pytest
from django_q.models import Schedule

from tests.effects.test_effects import _add, places, start  # noqa: F401 (fixtures)
from tryggsam.effects import freshness
from tryggsam.effects.models import CountsChange
from tryggsam.incidents.services import ensure_default_categories

pytestmark = pytest.mark.django_db


def test_prune_counts_changes__keeps_only_the_last_and_the_version(places, start):  # noqa: F811
    youths = ensure_default_categories()["youths"]
    for n in range(3):
        _add(places["treated"], [n + 1], start, youths)
    assert CountsChange.objects.count() >= 3
    version = freshness.counts_version()
    removed = freshness.prune_counts_changes()
    assert removed >= 2
    assert list(CountsChange.objects.values_list("pk", flat=True)) == [version]
    assert freshness.counts_version() == version
    _add(places["treated"], [1], start, youths)
    assert freshness.counts_version() > version
    assert freshness.prune_counts_changes() == 1


def test_prune_counts_changes__nothing_to_prune():
    assert freshness.prune_counts_changes() == 0
    assert freshness.counts_version() == 0


def test_prune_counts_changes__scheduled_daily():
    schedule = Schedule.objects.get(name="prune_counts_changes")
    assert schedule.func == "tryggsam.effects.freshness.prune_counts_changes"
    assert schedule.schedule_type == Schedule.DAILY
