"""Incidents through the API: a partner's system reports through the same form validation and
service as the web's report form (Swedish messages), and reads through `incidents_visible_to`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tryggsam.accounts import permissions
from tryggsam.accounts.http import signed_in
from tryggsam.api.auth import require
from tryggsam.api.paging import DEFAULT_LIMIT, page_newest_first
from tryggsam.api.params import CategoryCode, Cursor, FromDate, Id, PageLimit, ToDate
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.incidents import services
from tryggsam.incidents.forms import DATETIME_LOCAL, IncidentReportForm
from tryggsam.incidents.models import Incident, IncidentCategory
from tryggsam.incidents.selectors import incident_for, incidents_visible_to, reporting_organisations

router = Router(tags=["händelser"])

READ_REFUSED = "Nyckeln saknar behörigheten att läsa (read)."
REPORT_REFUSED = "Du eller nyckeln saknar behörigheten att rapportera händelser (report_incidents)."


class IncidentIn(Schema):
    categories: list[str] = Field(..., description="Kategoriernas koder, t.ex. `vandalism`.", max_length=20)
    occurred_at: dt.datetime
    text: str = Field("", max_length=4000)
    place_text: str = Field("", max_length=200)
    lat: float | None = None
    lon: float | None = None
    classification: str = Classification.INTERNAL
    reporting_organisation: Id | None = None


class IncidentOut(Schema):
    id: int
    source: str
    categories: list[str]
    occurred_at: dt.datetime
    title: str
    district_id: int | None
    district_area_id: int | None
    place_id: int | None
    classification: str
    reporting_organisation_id: int | None
    review_status: str

    @staticmethod
    def resolve_categories(obj: Incident) -> list[str]:
        return [c.code for c in obj.categories.all()]


class IncidentPage(Schema):
    items: list[IncidentOut]
    next_cursor: str | None


def _caller_may_read(request: HttpRequest) -> None:
    require(permissions.can_read_through_api(request.user), _(READ_REFUSED))


@router.post("/", response={201: IncidentOut}, summary="Rapportera en händelse (som partnerns system)")
def report_incident(request: HttpRequest, payload: IncidentIn) -> Any:
    user = request.user
    require(permissions.can_report_incidents_through_api(user), _(REPORT_REFUSED))
    organisations = reporting_organisations(user)
    organisation = payload.reporting_organisation
    if organisation is None and organisations.count() == 1:
        organisation = organisations.get().pk
    by_code = dict(IncidentCategory.objects.filter(code__in=payload.categories).values_list("code", "pk"))
    unknown = [c for c in payload.categories if c not in by_code]
    when = timezone.localtime(payload.occurred_at) if timezone.is_aware(payload.occurred_at) else payload.occurred_at
    form = IncidentReportForm(
        {
            "categories": [by_code[c] for c in payload.categories if c in by_code],
            "occurred_at": when.strftime(DATETIME_LOCAL),
            "text": payload.text,
            "place_text": payload.place_text,
            "lat": "" if payload.lat is None else payload.lat,
            "lon": "" if payload.lon is None else payload.lon,
            "classification": payload.classification,
            "reporting_organisation": organisation or "",
        },
        organisations=organisations,
    )
    valid = form.is_valid()
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    if unknown:
        errors.setdefault("categories", []).append(
            _("Okända kategorier: %(codes)s.") % {"codes": ", ".join(sorted(unknown)[:20])}
        )
    if not valid or unknown:
        raise HttpError(422, _("Rapporten innehåller fel: %(errors)s") % {"errors": _join(errors)})
    try:
        incident = services.incident_report(actor=signed_in(request), **form.report())
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ServiceError as error:
        raise HttpError(422, str(error)) from error
    return Status(201, incident)


def _join(errors: dict[str, list[str]]) -> str:
    return " ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


@router.get("/", response=IncidentPage, summary="Händelser som du får se, nyaste först")
def list_incidents(
    request: HttpRequest,
    start: FromDate = None,
    end: ToDate = None,
    category: CategoryCode = None,
    area: Id | None = None,
    cursor: Cursor = None,
    limit: PageLimit = DEFAULT_LIMIT,
) -> dict:
    _caller_may_read(request)
    qs = incidents_visible_to(request.user).prefetch_related("categories")
    if start is not None:
        qs = qs.filter(occurred_at__date__gte=start)
    if end is not None:
        qs = qs.filter(occurred_at__date__lte=end)
    if category:
        qs = qs.filter(categories__code=category)
    if area is not None:
        qs = qs.filter(Q(district_id=area) | Q(district_area_id=area) | Q(place_id=area))
    return page_newest_first(qs, field="occurred_at", cursor=cursor, limit=limit)


@router.get("/{incident_id}", response=IncidentOut, summary="En händelse")
def get_incident(request: HttpRequest, incident_id: Id) -> Incident:
    _caller_may_read(request)
    return incident_for(request.user, incident_id)
