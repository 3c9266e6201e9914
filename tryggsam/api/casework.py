import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from tryggsam.api.params import Id
from tryggsam.casework.selectors import measure_for, measures_visible_to

router = Router(tags=["åtgärder"])


class MeasureOut(Schema):
    id: int
    problem_id: int
    kind: str
    title: str
    status: str
    participants_text: str
    responsible_text: str
    next_follow_up: dt.date | None
    classification: str
    version: int


@router.get("/", response=list[MeasureOut], summary="Åtgärder som du får se")
def list_measures(request: HttpRequest, forum: Id | None = None, status: str | None = None) -> list:
    qs = measures_visible_to(request.user).order_by("id")
    if forum:
        qs = qs.filter(problem__forum_id=forum)
    if status:
        qs = qs.filter(status=status)
    return list(qs[:1000])


@router.get("/{measure_id}", response=MeasureOut, summary="En åtgärd")
def get_measure(request: HttpRequest, measure_id: Id) -> object:
    return measure_for(request.user, measure_id)
