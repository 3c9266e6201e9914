import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tryggsam.places.selectors import areas_visible_to
from tryggsam.situation.selectors import situation_for
from tryggsam.situation.summary import summary_sentences

router = Router(tags=["lägesbild"])


class ChangeOut(Schema):
    before: int | None
    p_value: float
    significant: bool


class CategoryOut(Schema):
    code: str
    name: str
    count: int | None
    previous_period: ChangeOut
    same_period_last_year: ChangeOut
    trend: list[int]


class SituationOut(Schema):
    area: int
    area_name: str
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


@router.get("", response=SituationOut, summary="Lägesbilden för ett område och en period")
def situation(
    request: HttpRequest,
    area: int,
    start: dt.date = Query(..., alias="from"),  # noqa: B008
    end: dt.date = Query(..., alias="to"),  # noqa: B008
) -> dict:
    if end < start or (end - start).days > 3 * 366:
        raise HttpError(400, "Perioden måste vara högst tre år och sluta efter att den börjar.")
    place = get_object_or_404(areas_visible_to(request.user), pk=area)
    picture = situation_for(request.user, area=place, start=start, end=end)
    return {
        "area": place.pk,
        "area_name": place.name,
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
