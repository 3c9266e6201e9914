from django.http import HttpRequest
from ninja import Router, Schema

from tryggsam.api.params import Id
from tryggsam.places.gazetteer import find_places
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


@router.get("/", response=list[AreaOut], summary="Alla områden")
def list_areas(request: HttpRequest, level: str | None = None) -> list:
    qs = areas_visible_to(request.user).order_by("level", "name")
    if level:
        qs = qs.filter(level=level)
    return list(qs)


@router.get("/find", response=list[PlaceMatchOut], summary="Hitta platser som nämns i en text")
def find(request: HttpRequest, text: str) -> list:
    return find_places(text[:5000])


@router.get("/{area_id}", response=AreaOut, summary="Ett område")
def get_area(request: HttpRequest, area_id: Id) -> object:
    return area_for(request.user, area_id)
