"""Problems and measures through the API: read through the casework selectors (what the caller may
see, paged by cursor), and edited through the same forms and services as the web's row forms (the
same policy, validation messages and audit). A measure is edited with its optimistic `version`: a
stale one is a 409 naming the version saved now, and nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tryggsam.accounts import permissions
from tryggsam.api.auth import require, require_read_scope, token_or_session
from tryggsam.api.paging import DEFAULT_LIMIT, page_by_id
from tryggsam.api.params import Cursor, Id, PageLimit, moment_in_utc
from tryggsam.casework import services
from tryggsam.casework.forms import MeasureForm, ProblemForm, StatusForm
from tryggsam.casework.models import Measure, MeasureStatus, Problem
from tryggsam.casework.selectors import measure_for, measures_visible_to, problem_for, problems_visible_to
from tryggsam.core.errors import ConcurrentEditError, PermissionDeniedError, ServiceError, refusal_text
from tryggsam.core.models import Classification

router = Router(tags=["problem och åtgärder"])

EDIT_REFUSED = "Nyckeln saknar behörigheten att ändra problem och åtgärder (edit_casework)."
MAX_VERSION = 2**31 - 1


class ProblemOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    area_id: int | None
    forum_id: int | None
    categories: list[str]
    is_closed: bool
    closed_on: dt.date | None
    classification: str
    version: int
    updated_at: dt.datetime


class ProblemPage(Schema):
    items: list[ProblemOut]
    next_cursor: str | None


class MeasureOut(Schema):
    id: int
    problem_id: int
    kind: str
    title: str
    status: str
    participants_text: str
    responsible_text: str
    responsible_organisation_id: int | None
    start_date: dt.date | None
    end_date: dt.date | None
    next_follow_up: dt.date | None
    classification: str
    version: int
    updated_at: dt.datetime


class MeasurePage(Schema):
    items: list[MeasureOut]
    next_cursor: str | None


class Refusal(Schema):
    detail: str


class Conflict(Schema):
    detail: str
    current_version: int


class MeasurePatch(Schema):
    """The fields to change (those left out keep their value) and the version that was read."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="Versionen du läste; en äldre ger 409.")
    title: str | None = Field(None, max_length=300)
    participants_text: str | None = Field(None, max_length=500)
    responsible_text: str | None = Field(None, max_length=300)
    responsible_organisation: Id | None = None
    participating_organisations: list[Id] | None = Field(None, max_length=50)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    next_follow_up: dt.date | None = None
    classification: Classification | None = None


class FollowUpIn(Schema):
    version: int = Field(..., ge=1, le=MAX_VERSION, description="Versionen du läste; en äldre ger 409.")
    status: MeasureStatus
    note: str = Field(..., max_length=4000)
    date: dt.date | None = None
    next_follow_up: dt.date | None = None


class ProblemPatch(Schema):
    version: int = Field(..., ge=1, le=MAX_VERSION, description="Versionen du läste; en äldre ger 409.")
    title: str | None = Field(None, max_length=300)
    description: str | None = Field(None, max_length=5000)
    classification: Classification | None = None


def _filtered(
    qs: QuerySet,
    *,
    prefix: str,
    forum: int | None,
    area: int | None,
    updated_since: dt.datetime | None,
) -> QuerySet:
    if forum is not None:
        qs = qs.filter(**{f"{prefix}forum_id": forum})
    if area is not None:
        qs = qs.filter(**{f"{prefix}area_id": area})
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=moment_in_utc(updated_since))
    return qs


@router.get("/problems/", response=ProblemPage, summary="Problem som du får se, sida för sida")
def list_problems(
    request: HttpRequest,
    forum: Id | None = None,
    area: Id | None = None,
    closed: bool | None = Query(None, description="true: bara avslutade, false: bara öppna"),
    updated_since: dt.datetime | None = None,
    cursor: Cursor = None,
    limit: PageLimit = DEFAULT_LIMIT,
) -> dict:
    require_read_scope(request)
    qs = _filtered(problems_visible_to(request.user), prefix="", forum=forum, area=area, updated_since=updated_since)
    if closed is not None:
        qs = qs.filter(is_closed=closed)
    return page_by_id(qs, cursor=cursor, limit=limit)


@router.get("/problems/{problem_id}", response=ProblemOut, summary="Ett problem")
def get_problem(request: HttpRequest, problem_id: Id) -> Problem:
    require_read_scope(request)
    return problem_for(request.user, problem_id)


@router.get("/measures/", response=MeasurePage, summary="Åtgärder som du får se, sida för sida")
def list_measures(
    request: HttpRequest,
    forum: Id | None = None,
    area: Id | None = None,
    problem: Id | None = None,
    status: MeasureStatus | None = None,
    updated_since: dt.datetime | None = None,
    cursor: Cursor = None,
    limit: PageLimit = DEFAULT_LIMIT,
) -> dict:
    require_read_scope(request)
    qs = _filtered(
        measures_visible_to(request.user), prefix="problem__", forum=forum, area=area, updated_since=updated_since
    )
    if problem is not None:
        qs = qs.filter(problem_id=problem)
    if status is not None:
        qs = qs.filter(status=status)
    return page_by_id(qs, cursor=cursor, limit=limit)


@router.get("/measures/{measure_id}", response=MeasureOut, summary="En åtgärd")
def get_measure(request: HttpRequest, measure_id: Id) -> Measure:
    require_read_scope(request)
    return measure_for(request.user, measure_id)


def _form_errors(form: Any) -> str:
    joined = " ".join(f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in form.errors.items())
    return _("Ändringen innehåller fel: %(errors)s") % {"errors": joined}


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _editable(request: HttpRequest, measure_id: int) -> Measure:
    """The measure, if the caller may see it (404 otherwise) and its token has the scope (403)."""
    measure = measure_for(request.user, measure_id)
    require(permissions.can_edit_casework_through_api(request.user), _(EDIT_REFUSED))
    return measure


def _save(row: Measure | Problem, save: Any) -> Any:
    """Run a casework service; its refusals as the web shows them, a save conflict as a 409."""
    try:
        save()
    except ConcurrentEditError as error:
        row.refresh_from_db(fields=["version"])
        saved = _("Den sparade versionen är nu %(version)d.") % {"version": row.version}
        detail = f"{error} {saved}"
        return Status(409, {"detail": detail, "current_version": row.version})
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except (ServiceError, ValidationError) as error:
        raise HttpError(422, refusal_text(error)) from error
    row.refresh_from_db()
    return row


@router.patch(
    "/measures/{measure_id}",
    response={200: MeasureOut, 409: Conflict},
    auth=token_or_session,
    summary="Ändra en åtgärd (med den version du läste)",
    description=(
        "Fälten du skickar ändras, övriga behålls. `version` är den version du läste: har någon sparat "
        "sedan dess svarar API:t 409 med den sparade versionen och ändrar ingenting. Med nyckel krävs "
        "behörigheten `edit_casework`."
    ),
)
def patch_measure(request: HttpRequest, measure_id: Id, payload: MeasurePatch) -> Any:
    measure = _editable(request, measure_id)
    sent = payload.model_dump(exclude_unset=True)
    data: dict[str, Any] = {
        "title": measure.title,
        "participants_text": measure.participants_text,
        "participating_organisations": [o.pk for o in measure.participating_organisations.all()],
        "responsible_text": measure.responsible_text,
        "responsible_user": measure.responsible_user_id,
        "responsible_organisation": measure.responsible_organisation_id,
        "start_date": measure.start_date,
        "end_date": measure.end_date,
        "next_follow_up": measure.next_follow_up,
        "classification": measure.classification,
    }
    data.update(sent)
    form = MeasureForm({name: _form_value(value) for name, value in data.items()})
    if not form.is_valid():
        raise HttpError(422, _form_errors(form))
    cleaned = dict(form.cleaned_data)
    version, organisations = cleaned.pop("version"), cleaned.pop("participating_organisations")
    return _save(
        measure,
        lambda: services.measure_update(
            actor=request.user,  # type: ignore[arg-type]
            measure=measure,
            expected_version=version,
            participating_organisations=organisations,
            **cleaned,
        ),
    )


@router.post(
    "/measures/{measure_id}/follow-ups",
    response={200: MeasureOut, 409: Conflict},
    auth=token_or_session,
    summary="Följ upp en åtgärd och ändra dess status (med den version du läste)",
    description="Samma regler som formuläret Status/uppföljning: en statusändring måste förklaras i `note`.",
)
def follow_up_measure(request: HttpRequest, measure_id: Id, payload: FollowUpIn) -> Any:
    measure = _editable(request, measure_id)
    form = StatusForm({name: _form_value(value) for name, value in payload.model_dump().items()})
    if not form.is_valid():
        raise HttpError(422, _form_errors(form))
    data = form.cleaned_data
    given = "next_follow_up" in payload.model_fields_set
    return _save(
        measure,
        lambda: services.measure_change_status(
            actor=request.user,  # type: ignore[arg-type]
            measure=measure,
            expected_version=data["version"],
            new_status=data["status"],
            note=data["note"],
            date=data["date"],
            next_follow_up=data["next_follow_up"] if given else "unchanged",
        ),
    )


@router.patch(
    "/problems/{problem_id}",
    response={200: ProblemOut, 409: Conflict},
    auth=token_or_session,
    summary="Ändra ett problem (med den version du läste)",
    description=(
        "Fälten du skickar ändras, övriga behålls. `version` är den version du läste: har någon sparat "
        "sedan dess svarar API:t 409 med den sparade versionen. Med nyckel krävs behörigheten `edit_casework`."
    ),
)
def patch_problem(request: HttpRequest, problem_id: Id, payload: ProblemPatch) -> Any:
    problem = problem_for(request.user, problem_id)
    require(permissions.can_edit_casework_through_api(request.user), _(EDIT_REFUSED))
    data = {"title": problem.title, "description": problem.description, "classification": problem.classification}
    sent = payload.model_dump(exclude_unset=True)
    version = sent.pop("version")
    data.update(sent)
    form = ProblemForm({name: _form_value(value) for name, value in data.items()})
    if not form.is_valid():
        raise HttpError(422, _form_errors(form))
    return _save(
        problem,
        lambda: services.problem_update(
            actor=request.user,  # type: ignore[arg-type]
            problem=problem,
            expected_version=version,
            **form.cleaned_data,
        ),
    )
