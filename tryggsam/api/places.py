from django.http import HttpRequest
from ninja import Router, Schema

from tryggsam.api.auth import require_read_scope
from tryggsam.api.paging import DEFAULT_LIMIT, page_by_id
from tryggsam.api.params import Cursor, Id, PageLimit
from tryggsam.places.gazetteer import find_places
from tryggsam.places.models import AreaLevel
from tryggsam.places.selectors import area_for, areas_visible_to

router = Router(tags=["områden"])


class AreaOut(Schema):
    id: int
    name: str
    level: str
    parent_id: int | None
    centroid_lat: float | None
    centroid_lon: float | None


class PlaceMatchOut(Schema):
    area_id: int
    name: str
    level: str
    matched_text: str
    how: str


class AreaPage(Schema):
    items: list[AreaOut]
    next_cursor: str | None


@router.get("/", response=AreaPage, summary="Områden, sida för sida")
def list_areas(
    request: HttpRequest,
    level: AreaLevel | None = None,
    parent: Id | None = None,
    cursor: Cursor = None,
    limit: PageLimit = DEFAULT_LIMIT,
) -> dict:
    require_read_scope(request)
    qs = areas_visible_to(request.user)
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    return page_by_id(qs, cursor=cursor, limit=limit)


@router.get("/find", response=list[PlaceMatchOut], summary="Hitta platser som nämns i en text")
def find(request: HttpRequest, text: str) -> list:
    require_read_scope(request)
    return find_places(text[:5000])


@router.get("/{area_id}", response=AreaOut, summary="Ett område")
def get_area(request: HttpRequest, area_id: Id) -> object:
    require_read_scope(request)
    return area_for(request.user, area_id)
