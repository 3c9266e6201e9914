"""The incident list as a CSV or XLSX download, with every filter of the list page (the same form).

Rows come from `selectors.incidents_for_export`, so a restricted incident the user may not read is never
in the file; the restricted incidents that are in it are logged as reads. The newest
`MAX_EXPORT_ROWS` incidents are exported, read and written in chunks so that memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tryggsam.accounts.actors import Person
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.audit.services import audit_reads
from tryggsam.core.models import Classification
from tryggsam.core.spreadsheets import MAX_EXPORT_ROWS, export_filename, spreadsheet_response
from tryggsam.incidents import selectors
from tryggsam.incidents.forms import STATUS_CHOICES, IncidentFilterForm
from tryggsam.incidents.models import IncidentSource, Precision

HEADERS = [
    gettext_lazy("Inträffade"),
    gettext_lazy("Rapporterad"),
    gettext_lazy("Kategorier"),
    gettext_lazy("Ursprunglig typ"),
    gettext_lazy("Rubrik"),
    gettext_lazy("Beskrivning"),
    gettext_lazy("Plats"),
    gettext_lazy("Stadsdel"),
    gettext_lazy("Stadsdelsområde"),
    gettext_lazy("Kommun"),
    gettext_lazy("Precision"),
    gettext_lazy("Latitud"),
    gettext_lazy("Longitud"),
    gettext_lazy("Källa"),
    gettext_lazy("Rapporterande organisation"),
    gettext_lazy("Länk"),
    gettext_lazy("Klassificering"),
    gettext_lazy("Status"),
]

AUDIT_CHUNK = 2000


class _Labels:
    """The display names of the choices, translated once per export instead of once per cell."""

    def __init__(self) -> None:
        self.precision = {k: str(v) for k, v in Precision.choices}
        self.source = {k: str(v) for k, v in IncidentSource.choices}
        self.classification = {k: str(v) for k, v in Classification.choices}
        self.status = {k: str(v) for k, v in STATUS_CHOICES if k}  # in the list filter's words


def incident_row(row: Any, categories: list[str], labels: _Labels) -> list[Any]:
    """One line of the file from a row of `selectors.EXPORT_FIELDS`."""
    return [
        row.occurred_at,
        row.reported_at,
        ", ".join(categories),
        row.original_type,
        row.title,
        row.description,
        row.place__name or "",
        row.district__name or "",
        row.district_area__name or "",
        row.municipality,
        labels.precision.get(row.precision, row.precision),
        row.lat,
        row.lon,
        labels.source.get(row.source, row.source),
        row.reporting_organisation__name or "",
        row.url,
        labels.classification.get(row.classification, row.classification),
        labels.status[selectors.status_of(row.review_status, row.duplicate_of_id)],
    ]


def export_rows(incidents: Iterator[tuple[Any, list[str]]], restricted: list[int]) -> Iterator[list[Any]]:
    """The lines of the file; the ids of the restricted incidents written are collected for the audit log."""
    labels = _Labels()
    for row, categories in incidents:
        if row.classification == Classification.RESTRICTED:
            restricted.append(row.pk)
        yield incident_row(row, categories, labels)


def audit_export(user: Person, restricted: list[int], fmt: str) -> None:
    note = _("Export (%(format)s): händelser") % {"format": fmt.upper()}
    with transaction.atomic():
        for start in range(0, len(restricted), AUDIT_CHUNK):
            chunk = restricted[start : start + AUDIT_CHUNK]
            audit_reads(user=user, objects=list(selectors.incidents_visible_to(user).filter(pk__in=chunk)), note=note)


@login_required
@require_GET
def incident_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    filters = IncidentFilterForm(request.GET or None, user=request.user)
    district = category = None
    if filters.is_bound and not filters.is_valid():  # never export everything for a filter we could not read
        return HttpResponseBadRequest(
            _("Filtret kunde inte läsas: %(errors)s") % {"errors": filters.errors.as_text()},
            content_type="text/plain; charset=utf-8",
        )
    if filters.is_valid():
        district = filters.cleaned_data["district"]
        category = filters.cleaned_data["category"]
    incidents = selectors.incidents_for_export(request.user, filters=filters.to_filter(), limit=MAX_EXPORT_ROWS)
    restricted: list[int] = []
    response = spreadsheet_response(
        fmt=fmt,
        filename=export_filename(
            "handelser", district.name if district else "", category.name if category else "", fmt=fmt
        ),
        sheet_title=_("Händelser"),
        headers=HEADERS,
        rows=export_rows(incidents, restricted),
    )
    audit_export(request.user, restricted, fmt)
    return response
