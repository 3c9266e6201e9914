"""What the situation map draws: the area's boundaries, the incident points the user may see, and
the hotspot cells. Only incidents located to a place are drawn as points; those known only to a
district or coarser are counted in the tables but would mislead as dots on a district's centre."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tryggsam.incidents.models import Precision
from tryggsam.incidents.selectors import incidents_visible_to
from tryggsam.places.models import Area
from tryggsam.situation.hotspots import hotspot_features, hotspots

MAX_POINTS = 5000


def _feature(area: Area) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": json.loads(area.geometry),
        "properties": {"id": area.pk, "name": area.name, "level": area.level},
    }


def map_data(user: Any, *, area: Area, start: dt.date, end: dt.date) -> dict[str, Any]:
    children = [c for c in Area.objects.filter(parent=area).exclude(geometry="") if c.geometry]
    shapes = [area] if area.geometry else children
    period = (
        timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(end, dt.time.max)),
    )
    incidents = (
        incidents_visible_to(user)
        .filter(Q(place=area) | Q(district=area) | Q(district_area=area))
        .filter(occurred_at__range=period, precision=Precision.PLACE, lat__isnull=False, lon__isnull=False)
        .order_by("-occurred_at")
    )
    rows = list(incidents.values_list("lat", "lon", "title", "occurred_at")[:MAX_POINTS])
    points = [
        {"lat": lat, "lon": lon, "title": title, "when": f"{timezone.localtime(when):%Y-%m-%d %H:%M}"}
        for lat, lon, title, when in rows
    ]
    return {
        "boundaries": {
            "type": "FeatureCollection",
            "features": [_feature(a) for a in [*shapes, *children] if a.geometry],
        },
        "bbox": [area.min_lat, area.min_lon, area.max_lat, area.max_lon] if area.min_lat is not None else None,
        "points": points,
        "truncated": len(rows) == MAX_POINTS,
        "hotspots": hotspot_features(
            hotspots([(float(lat or 0), float(lon or 0)) for lat, lon, _t, _w in rows], [a.geometry for a in shapes])
        ),
    }
