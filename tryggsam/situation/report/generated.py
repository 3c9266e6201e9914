"""The situation report (PDF, DOCX) generated off the request path (issue 17, item 4; the mechanism is
`tryggsam.core.generated`). The content version is a hash of the query (area, period), the renderer's
files and a data version of what the report reads, as the reader may see it: the picture itself (the
roll-ups' counts, comparisons, trend and top places), the area and its parts, and the visible incidents
of the area and period (how many, the highest id, the latest change: the map's points). The public map
counts whole hexagons, which reach past the area, so the public version also carries the newest
incident's id anywhere. The audience is the policy's reading audience (`permissions.reading_audience`).

While the current version is being made, a download may get the same audience's earlier file
(`earlier_still_safe`) when the facts it was rendered from (`report_facts`: the highest incident id it
read, how many visible incidents of the area up to that id and their latest change, over every day the
report reads, comparisons and trend included; the area, the areas below it, the categories, the
renderer's files and the language) still hold: no incident it counted has since been deleted,
reclassified, shared otherwise or changed, only newer ones are missing. Never for the public version
(its map counts whole hexagons, which reach past the area)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q
from django.utils import timezone, translation

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import User
from tryggsam.core import generated
from tryggsam.incidents.models import Incident, IncidentCategory
from tryggsam.incidents.selectors import incidents_visible_to, located_in_q
from tryggsam.places.models import Area
from tryggsam.places.selectors import subtree_ids
from tryggsam.situation.report.build import build_report, report_docx, report_pdf
from tryggsam.situation.selectors import periods_of, situation_areas_for, situation_for

KIND = "situation-report"
GENERATED_FORMATS = ("pdf", "docx")


@functools.cache
def _sources() -> str:
    package = Path(__file__).parent
    return generated.sources_digest(package, package.parent.parent / "templates" / "situation" / "report.html")


def _data_version(reader: Reader, area: Area, start: dt.date, end: dt.date) -> Any:
    picture = situation_for(reader, area=area, start=start, end=end)
    zone = timezone.get_current_timezone()
    period = (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end, dt.time.max, tzinfo=zone),
    )
    incidents = (
        incidents_visible_to(reader)
        .filter(located_in_q(area, Q(occurred_at__range=period)))
        .aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at"))
    )
    children = list(Area.objects.filter(parent=area).order_by("pk").values_list("pk", "updated_at"))
    newest_anywhere = Incident.objects.aggregate(m=Max("pk"))["m"] if permissions.sees_public_picture(reader) else 0
    return [generated.content_of(picture), incidents, children, area.updated_at, newest_anywhere]


def report_key(reader: Reader, *, area: Area, start: dt.date, end: dt.date, fmt: str) -> generated.FileKey:
    version = generated.digest([_sources(), translation.get_language(), _data_version(reader, area, start, end)])
    object_id = f"{area.pk}-{start:%Y%m%d}-{end:%Y%m%d}"
    return generated.FileKey(KIND, object_id, permissions.reading_audience(reader), version, fmt)


def report_facts(
    reader: Reader, *, area: Area, start: dt.date, end: dt.date, last: int | None = None
) -> dict[str, Any]:
    """What a report of the area and period is rendered from, as `reader` may see it: the visible
    incidents located in the area on every day the report reads (the period, its comparisons and the
    trend), up to the highest id (`last`, or the highest there is now): how many and their latest
    change; and the area, the areas below it, the categories, the renderer and the language. Equal
    facts for the same `last` mean that nothing counted then was deleted, reclassified, shared
    otherwise or changed since (every change of an incident moves its `updated_at`; ids only grow)."""
    zone = timezone.get_current_timezone()
    reach = (
        dt.datetime.combine(periods_of(start, end).first, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end, dt.time.max, tzinfo=zone),
    )
    scope = incidents_visible_to(reader).filter(located_in_q(area, Q(occurred_at__range=reach)))
    if last is None:  # up to the highest there is: one pass over the incidents reads all three
        counted = scope.aggregate(n=Count("pk"), changed=Max("updated_at"), last=Max("pk"))
        last = counted.pop("last") or 0
    else:
        counted = scope.filter(pk__lte=last).aggregate(n=Count("pk"), changed=Max("updated_at"))
    below = Area.objects.filter(pk__in=subtree_ids(area)).aggregate(n=Count("pk"), changed=Max("updated_at"))
    categories = IncidentCategory.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    return generated.content_of(
        {
            "sources": _sources(),
            "language": translation.get_language(),
            "query": [area.pk, start, end],
            "public": permissions.sees_public_picture(reader),
            "last": last,
            "incidents": counted,
            "areas": below,
            "categories": categories,
        }
    )


def earlier_still_safe(reader: Reader, *, area: Area, start: dt.date, end: dt.date, facts: dict[str, Any]) -> bool:
    """May `reader` be given the earlier file of their audience rendered from `facts` while the current
    version is made? Only a member's (never the public version), and only if the facts up to the
    file's highest incident id are the same now (one aggregate on the incidents)."""
    if permissions.sees_public_picture(reader) or facts.get("public") is not False:
        return False
    last = facts.get("last")
    if not isinstance(last, int):
        return False
    return report_facts(reader, area=area, start=start, end=end, last=last) == facts


def job_params(reader: Reader, *, area: Area, start: dt.date, end: dt.date, fmt: str) -> dict[str, Any]:
    return {
        "reader": reader.pk if reader.is_authenticated else None,
        "area": area.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "fmt": fmt,
        "language": translation.get_language(),
    }


def render_job(params: dict[str, Any]) -> tuple[generated.FileKey, bytes, dict[str, Any] | None]:
    """The job's renderer: the report as the reader may see it when the job runs, with the facts it
    was rendered from, read before and after the rendering: when they differ (an incident came or
    changed meanwhile) the file's content is not pinned down by them, and none are kept (the file is
    then served only as the current version, never in place of a newer one)."""
    reader: Reader = AnonymousUser()
    if params["reader"] is not None:
        user = User.objects.filter(pk=params["reader"], is_active=True).first()
        if user is None:
            raise LookupError("the reader is gone")
        reader = user
    area = situation_areas_for(reader).filter(pk=params["area"]).first()
    if area is None:
        raise LookupError("the area is not readable")
    start, end = dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
    with translation.override(params.get("language") or None):
        key = report_key(reader, area=area, start=start, end=end, fmt=params["fmt"])
        before = report_facts(reader, area=area, start=start, end=end)
        report = build_report(reader, area=area, start=start, end=end)
        after = report_facts(reader, area=area, start=start, end=end)
        data = report_pdf(report) if params["fmt"] == "pdf" else report_docx(report)
    return key, data, (before if before == after and not before["public"] else None)


def existing_reports(object_ids: list[str]) -> set[str]:
    """Which of the folders' object ids ("<area>-<start>-<end>") name an area that still exists."""
    areas = {i: int(i.split("-", 1)[0]) for i in object_ids if i.split("-", 1)[0].isdigit()}
    kept = set(Area.objects.filter(pk__in=set(areas.values())).values_list("pk", flat=True))
    return {i for i, pk in areas.items() if pk in kept}
