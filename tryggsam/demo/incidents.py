"""Demo incidents: partner reports over the last 14 months in the partnerships' districts, with an
evening and weekend rhythm, more in summer and around the school holidays, and one hotspot by the
square, so that the situation picture, its trends and its map have something to show."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from django.conf import settings
from django.utils import timezone
from shapely.geometry import Point, shape

from tryggsam.accounts.actors import Actor
from tryggsam.core.swedish import MONTH_NAMES
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.incidents import work
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.locating import locate_point
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.other_sources import resident_tip
from tryggsam.incidents.police_import import import_events
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import Area, AreaLevel
from tryggsam.places.selectors import AreaPointIndex

DISTRICTS = ("Liljeholmen", "Fruängen", "Västertorp", "Hägerstensåsen", "Älvsjö", "Solberga")
HOTSPOT = (59.3101, 18.0228)  # by the square in Liljeholmen
WEIGHTS = {
    "graffiti": 9, "vandalism": 8, "litter": 8, "youths": 7, "drug_dealing": 4, "public_drinking": 5,
    "threats_violence": 3, "robbery": 2, "burglary": 2, "fire": 1, "illegal_settlement": 2,
    "aggressive_begging": 1, "reckless_driving": 3, "unsafe_place": 4, "other": 2,
}  # fmt: skip
TEXTS = {
    "graffiti": "Nytt klotter på elskåp och busskur.",
    "vandalism": "Krossad ruta i entrén, glas på marken.",
    "litter": "Mycket skräp och pizzakartonger efter kvällen.",
    "youths": "Grupp om tio–femton unga som stökade och spelade hög musik.",
    "drug_dealing": "Misstänkt langning vid trappan, samma personer som förra veckan.",
    "public_drinking": "Drickande i parken, flaskor lämnade kvar.",
    "threats_violence": "Bråk mellan två personer, vakterna gick emellan.",
    "robbery": "Ung person berättade att hen blivit av med telefonen.",
    "burglary": "Uppbrutet förråd i källaren.",
    "fire": "Brand i papperskorg, släckt av personalen.",
    "illegal_settlement": "Tält och madrasser i skogsdungen.",
    "aggressive_begging": "Påstridigt tiggeri vid bankomaten.",
    "reckless_driving": "Mopeder i hög fart på gångvägen.",
    "unsafe_place": "Trasig belysning i gångtunneln, mörkt och otryggt.",
    "other": "Övrigt att notera från kvällsrundan.",
}


def _random_point(rng: random.Random, area: Area, shapes: dict[int, Any] | None = None) -> tuple[float, float]:
    """A point inside the area (`shapes` keeps each area's parsed polygon for the next call)."""
    shapes = {} if shapes is None else shapes
    if area.pk not in shapes:
        shapes[area.pk] = shape(json.loads(area.geometry))
    polygon = shapes[area.pk]
    minx, miny, maxx, maxy = polygon.bounds
    for _attempt in range(200):
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(Point(lon, lat)):
            return lat, lon
    return area.centroid_lat or miny, area.centroid_lon or minx


def _moment(rng: random.Random, today: dt.date) -> dt.datetime:
    while True:
        day = today - dt.timedelta(days=rng.randrange(1, 420))
        summer = day.month in (6, 7, 8)
        weekend = day.weekday() >= 4
        if rng.random() < (0.45 + 0.25 * summer + 0.2 * weekend):
            hour = rng.choice([15, 17, 19, 20, 21, 21, 22, 22, 23, 0, 1])
            return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randrange(60))))


def create_demo_incidents(*, reporters: list[tuple[Any, Any]], count: int = 320, seed: int = 2026) -> int:
    """`reporters`: (user, organisation) pairs allowed to report. Returns the number created.

    The synthetic history is written through the bulk path (as the police import), with one audit
    row naming the demo system for the run: each incident is what a partner's report of a point
    on the map makes (the areas containing the point, precision "place", the reporter and their
    organisation as owner), without a form's checks and an audit row per incident."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    categories = ensure_default_categories()
    districts = [a for a in Area.objects.filter(level=AreaLevel.DISTRICT, name__in=DISTRICTS) if a.geometry]
    if not districts or not reporters:
        return 0
    codes = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    today = timezone.localdate()
    municipality = str(getattr(settings, "INCIDENTS_MUNICIPALITY", "Stockholm"))
    rows = []
    shapes: dict[int, Any] = {}
    index = AreaPointIndex()  # the areas read once for the run's 320 points
    for i in range(count):
        code = rng.choices(codes, weights)[0]
        if i % 5 == 0 and any(d.name == "Liljeholmen" for d in districts):
            lat, lon = HOTSPOT[0] + rng.gauss(0, 0.0006), HOTSPOT[1] + rng.gauss(0, 0.001)
            code = rng.choice(["youths", "drug_dealing", "litter", "threats_violence"])
        else:
            lat, lon = _random_point(rng, rng.choice(districts), shapes)
        user, organisation = rng.choice(reporters)
        occurred_at = _moment(rng, today)
        classification = "restricted" if rng.random() < 0.08 else ("open" if rng.random() < 0.3 else "internal")
        where = locate_point(lat, lon, index=index)
        category = categories[code]
        rows.append(
            IncidentRow(
                occurred_at=occurred_at,
                category_ids=(category.pk,),
                district_id=where.district.pk if where.district else None,
                district_area_id=where.district_area.pk if where.district_area else None,
                place_id=where.place.pk if where.place else None,
                classification=classification,
                owner_organisation_id=organisation.pk,
                title=", ".join(p for p in (category.name, where.finest.name if where.finest else "") if p)[:300],
                description=TEXTS[code],
                municipality=municipality if where.finest else "",
                lat=lat,
                lon=lon,
                precision=Precision.PLACE,
                reporting_organisation_id=organisation.pk,
                reporter_id=user.pk,
                created_by_id=user.pk,
            )
        )
    return import_incident_rows(
        rows, source=IncidentSource.PARTNER_REPORT, actor=DEMO_SYSTEM, note="Demodata: partnernas rapporter"
    )


TIPS = (
    ("graffiti", "Klotter på lekparkens nya plank, kom dit i helgen."),
    ("youths", "Unga samlas sent vid fritidsgården och kastar smällare mot bussarna."),
    ("unsafe_place", "Belysningen längs gångvägen mot stationen är släckt sedan en vecka."),
)


def create_demo_tips(*, coordinator: Any, routed_to: Any, problem: Any | None) -> int:
    """Residents' tips in the review queue: one waiting for review, one the coordinator has sent to
    `routed_to` (its members see it in their queue), and one accepted and linked to `problem`. Made
    through the same services as in the UI, so each step is audited."""
    districts = [a for a in Area.objects.filter(level=AreaLevel.DISTRICT, name__in=DISTRICTS) if a.geometry]
    if not districts:
        return 0
    categories = ensure_default_categories()
    tips = [
        resident_tip(category=categories[code], text=text, place_text=districts[0].name, address=f"demo-tips-{i}")
        for i, (code, text) in enumerate(TIPS)
    ]
    work.incident_route(actor=coordinator, incident=tips[1], organisation=routed_to)
    work.incident_accept(actor=coordinator, incident=tips[2])
    if problem is not None:
        work.incident_link_problem(actor=coordinator, incident=tips[2], problem=problem)
    return len(tips)


# Events of the police's open feed, in its shape and in our own words: the review queue's police tab.
POLICE_EVENTS = (
    (2, "Skadegörelse", "Fönsterrutor krossade i en tunnelbaneuppgång i Liljeholmen under natten."),
    (5, "Brand", "Brand i ett soprum i ett flerbostadshus i Fruängen. Ingen skadad."),
    (9, "Ofredande/förargelse", "Flera personer ska ha uppträtt hotfullt mot resenärer vid Älvsjö station."),
)
POLICE_ID_BASE = 9_260_000


def create_demo_police_events(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """A few recent police events in the installation's municipality, read through the same import as
    the live feed, so that the review queue's police tab has something to review. Not imported again
    when they are already there (the import writes an audit row per run)."""
    ids = [POLICE_ID_BASE + n for n in range(len(POLICE_EVENTS))]
    if Incident.objects.filter(source=IncidentSource.POLICE_EVENT, external_id__in=[str(i) for i in ids]).exists():
        return 0
    now = timezone.localtime(now or timezone.now())
    events = []
    for event_id, (days_ago, kind, summary) in zip(ids, POLICE_EVENTS, strict=True):
        when = (now - dt.timedelta(days=days_ago)).replace(hour=21, minute=10, second=0, microsecond=0)
        events.append(
            {
                "id": event_id,
                "datetime": when.strftime("%Y-%m-%d %H:%M:%S %z")[:-2] + ":" + when.strftime("%z")[-2:],
                "name": f"{when.day} {MONTH_NAMES[when.month - 1]} {when:%H.%M}, {kind}, Stockholm",
                "summary": summary,
                "url": f"/aktuellt/handelser/demo/{event_id}/",
                "type": kind,
                "location": {"name": "Stockholm", "gps": "59.329324,18.068581"},
            }
        )
    return import_events(events, source_label="demo", actor=actor).created
