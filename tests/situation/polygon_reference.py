"""The drawn polygon's picture as it was counted before issue 17: every candidate incident read raw
(a bounding box and the covered areas in SQL), its day and the exact point test in Python. Kept as the
reference the roll-up-based count must equal (tests/situation/test_polygon_cover.py) and as the
"before" of `bench/situation.py --polygon`."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from django.db.models import Q
from django.utils import timezone
from shapely.geometry import shape

from tryggsam.accounts.actors import Reader
from tryggsam.incidents.models import Precision
from tryggsam.incidents.selectors import incidents_counted
from tryggsam.places.models import Area, AreaLevel
from tryggsam.situation.polygon import COVER_TOLERANCE, DrawnArea
from tryggsam.situation.selectors import _Tally


def covered_area_ids(polygon: DrawnArea) -> dict[str, set[int]]:
    """The districts and district areas that lie wholly inside the polygon (up to the tolerance)."""
    x0, y0, x1, y1 = polygon.polygon.bounds
    grown = polygon.polygon.buffer(COVER_TOLERANCE)
    candidates = Area.objects.filter(
        level__in=[AreaLevel.DISTRICT, AreaLevel.DISTRICT_AREA],
        min_lon__gte=x0 - COVER_TOLERANCE,
        min_lat__gte=y0 - COVER_TOLERANCE,
        max_lon__lte=x1 + COVER_TOLERANCE,
        max_lat__lte=y1 + COVER_TOLERANCE,
    ).exclude(geometry="")
    covered: dict[str, set[int]] = {AreaLevel.DISTRICT: set(), AreaLevel.DISTRICT_AREA: set()}
    for pk, level, geometry in candidates.values_list("pk", "level", "geometry"):
        try:
            outline = shape(json.loads(geometry))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        if not outline.is_empty and grown.covers(outline):
            covered[level].add(pk)
    return covered


def incident_q(polygon: DrawnArea) -> Q:
    x0, y0, x1, y1 = polygon.polygon.bounds
    covered = covered_area_ids(polygon)
    q = Q(precision=Precision.PLACE, lon__gte=x0, lon__lte=x1, lat__gte=y0, lat__lte=y1)
    if covered[AreaLevel.DISTRICT]:
        q |= Q(precision=Precision.DISTRICT, district__in=covered[AreaLevel.DISTRICT])
    if covered[AreaLevel.DISTRICT_AREA]:
        q |= Q(precision=Precision.DISTRICT_AREA, district_area__in=covered[AreaLevel.DISTRICT_AREA])
    return q


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def polygon_tally(user: Reader, polygon: DrawnArea, periods: Any) -> tuple[Any, list[tuple[Area, int]]]:
    """The old `situation.selectors._polygon_tally`, line for line."""
    rows = list(
        incidents_counted(user)
        .filter(
            incident_q(polygon),
            occurred_at__range=(_aware(periods.first, dt.time.min), _aware(periods.end, dt.time.max)),
        )
        .order_by()
        .values_list("categories", "source", "occurred_at__date", "place_id", "precision", "lat", "lon")
    )
    rows = [r for r in rows if r[0] is not None]
    points = [i for i, r in enumerate(rows) if r[4] == Precision.PLACE]
    inside = polygon.contains([rows[i][5] for i in points], [rows[i][6] for i in points])
    outside = {i for i, keep in zip(points, inside, strict=True) if not keep}
    tally = _Tally()
    places: Counter[int] = Counter()
    for i, (category, source, day, place, _precision, _lat, _lon) in enumerate(rows):
        if i in outside:
            continue
        tally.add(category, source, periods.membership(day))
        if place is not None and periods.start <= day <= periods.end:
            places[place] += 1
    by_pk = Area.objects.in_bulk([pk for pk, _n in places.most_common(10)])
    top = [(by_pk[pk], n) for pk, n in places.most_common(10) if pk in by_pk]
    return tally, top
