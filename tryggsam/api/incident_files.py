"""Incidents as GeoJSON and CSV. Members of the collaboration (and tokens with "read") get the exact
incidents they may read, the same rows as the list page's export (`incidents_for_export`), and the
restricted ones written are logged as reads, as the web's export logs them. The public gets the
public map's aggregation instead (`situation.mapdata`: coarse hexagons per area, nothing under
`permissions.PUBLIC_MIN_COUNT`): never a point, a time or a title."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.errors import HttpError

from tryggsam.accounts import permissions
from tryggsam.api.auth import require_read_scope
from tryggsam.api.params import CategoryCode, ExportLimit, FromDate, Id, IncidentStatus, ToDate, check_period
from tryggsam.core.spreadsheets import MAX_EXPORT_ROWS, export_filename, spreadsheet_response
from tryggsam.incidents.exports import HEADERS, audit_export, export_rows
from tryggsam.incidents.models import IncidentCategory
from tryggsam.incidents.selectors import FILTER_STATUSES, IncidentFilter, incidents_for_export, status_of
from tryggsam.places.models import Area
from tryggsam.places.selectors import area_for
from tryggsam.situation.mapdata import map_data
from tryggsam.situation.selectors import situation_areas_for

router = Router(tags=["händelser"])

PUBLIC_HEADERS = [
    gettext_lazy("Cellens mitt, latitud"),
    gettext_lazy("Cellens mitt, longitud"),
    gettext_lazy("Antal händelser"),
]
DEFAULT_DAYS = 365

DESCRIPTION = (
    "Inloggade i samverkan och nycklar med `read`: de enskilda händelser du får läsa (samma rader som "
    "listans export, högst `limit`), med samma filter som listan. Utan inloggning: antal per sexhörning "
    f"(H3, upplösning {permissions.PUBLIC_MAP_CELL_RESOLUTION}) för ett stadsdelsområde eller en stadsdel "
    f"(`area` krävs), utan celler med färre än {permissions.PUBLIC_MIN_COUNT} händelser. Utan `from`/`to` "
    f"gäller de senaste {DEFAULT_DAYS} dagarna. `status` (som listans filter: "
    f"{', '.join(FILTER_STATUSES)}) väljer händelser i en status; varje händelse har sin status, och bara "
    "granskade (`reviewed`) räknas i lägesbildens siffror."
)

GEOJSON = {200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}}
CSV = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}


def _period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    end = end or timezone.localdate()
    start = start or end - dt.timedelta(days=DEFAULT_DAYS)
    check_period(start, end)
    return start, end


def _public_area(request: HttpRequest, area: int | None, category: str | None) -> Area:
    if category:
        raise HttpError(400, _("Utan inloggning räknas alla kategorier tillsammans; ta bort category."))
    if area is None:
        raise HttpError(400, _("Utan inloggning visas händelserna per område: ange area (en stadsdel)."))
    place = area_for(request.user, area)
    if not situation_areas_for(request.user).filter(pk=place.pk).exists():
        raise HttpError(400, _("Utan inloggning visas lägesbilden per stadsdel och stadsdelsområde, inte per plats."))
    return place


def _public_cells(
    request: HttpRequest, area: int | None, category: str | None, start: Any, end: Any, status: str | None
) -> dict:
    if status:
        raise HttpError(400, _("Utan inloggning räknas bara de händelser som ingår i lägesbilden; ta bort status."))
    place = _public_area(request, area, category)
    first, last = _period(start, end)
    cells = map_data(request.user, area=place, start=first, end=last)["cells"]
    return {**cells, "suppressed_below": permissions.PUBLIC_MIN_COUNT, "area": place.pk}


def _status(value: str | None) -> str:
    if value and value not in FILTER_STATUSES:
        raise HttpError(
            422,
            _("Okänd status: %(status)s. Välj en av %(choices)s.")
            % {"status": value, "choices": ", ".join(FILTER_STATUSES)},
        )
    return value or ""


def _exact(
    request: HttpRequest, area: int | None, category: str | None, start: Any, end: Any, limit: int, status: str | None
) -> Any:
    found = None
    if category:
        found = IncidentCategory.objects.filter(code=category).first()
        if found is None:
            raise HttpError(422, _("Okända kategorier: %(codes)s.") % {"codes": category})
    if start is not None or end is not None:
        start, end = _period(start, end)
    filters = IncidentFilter(
        district=area_for(request.user, area) if area is not None else None,
        category=found,
        status=_status(status),
        start=start,
        end=end,
    )
    return incidents_for_export(request.user, filters=filters, limit=limit), filters


def _centre(feature: dict) -> tuple[float, float]:
    ring = feature["geometry"]["coordinates"][0][:-1]
    return sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring)


@router.get(
    "/incidents.geojson",
    summary="Händelser som GeoJSON (exakta för samverkan, sammanräknade för allmänheten)",
    description=DESCRIPTION,
    openapi_extra={"responses": GEOJSON},
)
def incidents_geojson(
    request: HttpRequest,
    area: Id | None = None,
    category: CategoryCode = None,
    start: FromDate = None,
    end: ToDate = None,
    limit: ExportLimit = MAX_EXPORT_ROWS,
    status: IncidentStatus = None,
) -> HttpResponse:
    require_read_scope(request)
    if permissions.sees_public_picture(request.user):
        body = _public_cells(request, area, category, start, end, status)
        return JsonResponse(body, content_type="application/geo+json")
    rows, _filters = _exact(request, area, category, start, end, limit, status)
    restricted: list[int] = []
    features = []
    for row, categories in rows:
        if row.classification == "restricted":
            restricted.append(row.pk)
        located = row.lat is not None and row.lon is not None
        features.append(
            {
                "type": "Feature",
                "id": row.pk,
                "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]} if located else None,
                "properties": {
                    "id": row.pk,
                    "occurred_at": row.occurred_at.isoformat(),
                    "title": row.title,
                    "categories": categories,
                    "place": row.place__name or "",
                    "district": row.district__name or "",
                    "district_area": row.district_area__name or "",
                    "precision": row.precision,
                    "source": row.source,
                    "classification": row.classification,
                    # as the list page's status filter; only "reviewed" incidents count in the figures
                    "status": status_of(row.review_status, row.duplicate_of_id),
                },
            }
        )
    audit_export(request.user, restricted, "geojson")  # type: ignore[arg-type]
    response = JsonResponse({"type": "FeatureCollection", "features": features}, content_type="application/geo+json")
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/incidents.csv",
    summary="Händelser som CSV (exakta för samverkan, sammanräknade för allmänheten)",
    description=DESCRIPTION,
    openapi_extra={"responses": CSV},
)
def incidents_csv(
    request: HttpRequest,
    area: Id | None = None,
    category: CategoryCode = None,
    start: FromDate = None,
    end: ToDate = None,
    limit: ExportLimit = MAX_EXPORT_ROWS,
    status: IncidentStatus = None,
) -> HttpResponse:
    require_read_scope(request)
    if permissions.sees_public_picture(request.user):
        cells = _public_cells(request, area, category, start, end, status)
        rows = [[*(round(c, 6) for c in _centre(f)), f["properties"]["count"]] for f in cells["features"]]
        return spreadsheet_response(
            fmt="csv",
            filename=export_filename("handelser-per-cell", fmt="csv"),
            sheet_title=_("Händelser"),
            headers=PUBLIC_HEADERS,
            rows=rows,
        )
    incidents, filters = _exact(request, area, category, start, end, limit, status)
    restricted: list[int] = []
    response = spreadsheet_response(
        fmt="csv",
        filename=export_filename(
            "handelser",
            filters.district.name if filters.district else "",
            filters.category.name if filters.category else "",
            fmt="csv",
        ),
        sheet_title=_("Händelser"),
        headers=HEADERS,
        rows=export_rows(incidents, restricted),
    )
    audit_export(request.user, restricted, "csv")  # type: ignore[arg-type]
    return response
