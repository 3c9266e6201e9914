import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tryggsam.accounts import permissions
from tryggsam.api.auth import require_read_scope
from tryggsam.api.params import Id, check_period
from tryggsam.places.selectors import area_for
from tryggsam.situation.polygon import MAX_VERTICES, DrawnArea
from tryggsam.situation.selectors import situation_areas_for, situation_for
from tryggsam.situation.summary import summary_sentences

router = Router(tags=["lägesbild"])


class ChangeOut(Schema):
    before: int | None
    p_value: float | None
    significant: bool


class CategoryOut(Schema):
    code: str
    name: str
    count: int | None
    previous_period: ChangeOut
    same_period_last_year: ChangeOut
    trend: list[int | None]


class SituationOut(Schema):
    area: int | None
    area_name: str
    polygon: str | None
    start: dt.date
    end: dt.date
    total: int | None
    suppressed_below_3: bool
    categories: list[CategoryOut]
    by_source: dict[str, int | None]
    trend_months: list[str]
    summary: list[str]


def _change(c) -> dict:  # type: ignore[no-untyped-def]
    return {"before": c.before, "p_value": c.p_value, "significant": c.significant}


@router.get(
    "",
    response=SituationOut,
    summary="Lägesbilden för ett område eller en ritad polygon och en period",
    description=(
        "Ange exakt en av `area` (områdets id) och `polygon` (hörnen som `lon lat,lon lat,...` i WGS84, "
        f"högst {MAX_VERTICES} hörn). En polygon räknas från de enskilda händelserna inuti den. "
        "Utan inloggning: bara stadsdelsområden och stadsdelar (inga platser, inga polygoner), och antal under "
        f"{permissions.PUBLIC_MIN_COUNT} visas som null."
    ),
)
def situation(
    request: HttpRequest,
    area: Id | None = None,
    polygon: str | None = None,
    start: dt.date = Query(..., alias="from"),  # noqa: B008
    end: dt.date = Query(..., alias="to"),  # noqa: B008
) -> dict:
    require_read_scope(request)
    check_period(start, end)
    if (area is None) == (polygon is None):
        raise HttpError(400, _("Ange exakt en av area (ett område) och polygon (ett ritat område)."))
    if polygon is not None and not permissions.can_draw_situation_polygon(request.user):
        raise HttpError(403, _("Logga in för att rita ett eget område; utan inloggning visas lägesbilden per område."))
    place, drawn = None, None
    if area is not None:
        place = area_for(request.user, area)
        if not situation_areas_for(request.user).filter(pk=place.pk).exists():
            raise HttpError(
                400, _("Utan inloggning visas lägesbilden per stadsdel och stadsdelsområde, inte per plats.")
            )
    else:
        try:
            drawn = DrawnArea.parse(polygon or "")
        except ValidationError as error:
            raise HttpError(400, " ".join(error.messages)) from error
    picture = situation_for(request.user, area=place, polygon=drawn, start=start, end=end)
    return {
        "area": place.pk if place is not None else None,
        "area_name": picture.name,
        "polygon": drawn.text if drawn is not None else None,
        "start": start,
        "end": end,
        "total": picture.total,
        "suppressed_below_3": picture.suppressed,
        "categories": [
            {
                "code": r.category.code,
                "name": r.category.name,
                "count": r.count,
                "previous_period": _change(r.previous),
                "same_period_last_year": _change(r.last_year),
                "trend": r.trend,
            }
            for r in picture.rows
        ],
        "by_source": picture.by_source,
        "trend_months": picture.trend_months,
        "summary": summary_sentences(picture),
    }
