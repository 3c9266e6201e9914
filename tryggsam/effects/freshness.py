"""What an effect result depends on, so that a cached result is used only while nothing it was computed
from has changed (`selectors.effect_of`).

Decisions:
- The incident data's version is the id of the last `CountsChange`: a row written, inside the writing
  transaction, every time the incidents announce that their counts change (`incidents.counting`: new,
  changed, reclassified or removed incidents, every batch of a bulk import). `CountsChangeCounter` is
  registered in `EffectsConfig.ready`. The rows are only appended (no row that every write must lock);
  a rolled-back write leaves no row; a daily task prunes all but the last (`prune_counts_changes`). Any change of any incident moves the version, since the suggested
  comparison areas are chosen among all areas of the level.
- The rest of the key is read from the rows themselves (the measure's dates and title, its problem's
  area and categories, the study's settings and chosen areas and categories), from the areas' and
  categories' last change, the day (the after-window ends yesterday), the language of the texts and
  what the user may count (`permissions.rollup_visible_q`), so two readers who count differently never
  share a result. The cache's timeout only frees memory; it is not what makes a result fresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Count, Max
from django.utils import translation

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.effects.models import CountsChange, EffectStudy
from tryggsam.incidents.counting import BatchCounts, IncidentRows
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area

logger = logging.getLogger(__name__)

CACHE_PREFIX = "effects:result:"
CACHE_SECONDS = 24 * 60 * 60


class CountsChangeCounter:
    """An `incidents.counting.IncidentCounter` that records that the counts changed (not what)."""

    def added(self, rows: IncidentRows) -> None:
        if list(rows):
            CountsChange.objects.create()

    def removed(self, rows: IncidentRows) -> None:
        if list(rows):
            CountsChange.objects.create()

    @contextmanager
    def bulk(self, *, source: str) -> Iterator[Callable[[BatchCounts], None]]:
        def take(counts: BatchCounts) -> None:
            if counts:
                CountsChange.objects.create()

        yield take

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CountsChangeCounter)

    def __hash__(self) -> int:
        return hash(CountsChangeCounter)


def counts_version() -> int:
    """The id of the last recorded change of the incident counts (0: none yet)."""
    return CountsChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def prune_counts_changes() -> int:
    """Remove every `CountsChange` but the last: a cache key holds only the last id (`counts_version`),
    and keeping that row means the version never goes back to an id a key was made with (a database
    may reuse the ids of deleted rows at the top). Returns how many rows went. The scheduled task
    (django-q2 `Schedule` "prune_counts_changes", daily)."""
    last = counts_version()
    removed, _by_model = CountsChange.objects.filter(pk__lt=last).delete()
    logger.info("Removed %d counts changes below %d", removed, last)
    return removed


def result_key(user: Reader, study: EffectStudy, today: dt.date) -> str:
    """The cache key of the study's result as `user` counts it on `today`; it changes when anything the
    result is computed from changes (see the module's docstring)."""
    measure = study.measure
    problem = measure.problem
    areas = Area.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    categories = IncidentCategory.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    parts: tuple[Any, ...] = (
        counts_version(),
        today.isoformat(),
        translation.get_language(),
        str(permissions.rollup_visible_q(user)),
        (measure.pk, measure.title, measure.start_date, measure.end_date, measure.updated_at),
        (problem.pk, problem.area_id, problem.categories, problem.updated_at),
        (study.pk, study.granularity, study.before_periods, study.after_periods, study.updated_at),
        sorted(a.pk for a in study.comparison_areas.all()),
        sorted(c.pk for c in study.categories.all()),
        (areas["n"], areas["t"]),
        (categories["n"], categories["t"]),
    )
    return CACHE_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()
