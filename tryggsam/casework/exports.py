"""The work tables of a forum or partnership as a CSV or XLSX download: the same rows as the page,
read through the same selectors, so a row the user may not see is never in the file. Restricted
problems, measures and follow-ups in the file are logged as reads, as on the page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tryggsam.audit.services import audit_reads
from tryggsam.casework.selectors import WorkRow, WorkTable, work_tables
from tryggsam.core.spreadsheets import export_filename, spreadsheet_response
from tryggsam.forums.selectors import forum_for

HEADERS = [
    gettext_lazy("Tabell"),
    gettext_lazy("Plats"),
    gettext_lazy("Problemområde/utvecklingsområde"),
    gettext_lazy("Åtgärd/insats"),
    gettext_lazy("Deltagare"),
    gettext_lazy("Sammankallande/ansvarig"),
    gettext_lazy("Status"),
    gettext_lazy("Start"),
    gettext_lazy("Slut"),
    gettext_lazy("Nästa uppföljning"),
    gettext_lazy("Senaste uppföljning, datum"),
    gettext_lazy("Senaste uppföljning"),
    gettext_lazy("Klassificering"),
]


def _participants(row: WorkRow) -> str:
    assert row.measure is not None
    orgs = [org.short_name or org.name for org in row.measure.participating_organisations.all()]
    return "; ".join(p for p in (row.measure.participants_text, ", ".join(orgs)) if p)


def work_table_rows(tables: list[WorkTable]) -> list[list[Any]]:
    """One line per row of the tables, problem table first, in the order of the page."""
    lines: list[list[Any]] = []
    for table in tables:
        for row in table.rows:
            problem, measure, latest = row.problem, row.measure, row.latest
            place = problem.area.name if problem.area else ""
            if measure is None:
                lines.append([table.label, place, problem.title, *[None] * 9, problem.get_classification_display()])
                continue
            lines.append(
                [
                    table.label,
                    place,
                    problem.title,
                    measure.title,
                    _participants(row),
                    measure.responsible_label,
                    measure.get_status_display(),
                    measure.start_date,
                    measure.end_date,
                    measure.next_follow_up,
                    latest.date if latest else None,
                    latest.text if latest else "",
                    measure.get_classification_display(),
                ]
            )
    return lines


def _shown_records(tables: list[WorkTable]) -> list[Any]:
    rows = [r for t in tables for r in t.rows]
    problems = list({r.problem.pk: r.problem for r in rows}.values())
    return [*problems, *(r.measure for r in rows if r.measure), *(r.latest for r in rows if r.latest)]


@login_required
@require_GET
def work_table_export(request: HttpRequest, forum_id: int, fmt: str) -> HttpResponse:
    forum = forum_for(request.user, forum_id)
    tables = work_tables(request.user, forum=forum)
    lines = work_table_rows(tables)
    with transaction.atomic():
        audit_reads(
            user=request.user,
            objects=_shown_records(tables),
            note=_("Export (%(format)s): %(forum)s") % {"format": fmt.upper(), "forum": forum.name},
        )
    return spreadsheet_response(
        fmt=fmt,
        filename=export_filename("arbetstabell", forum.name, fmt=fmt),
        sheet_title=_("Arbetstabell"),
        headers=HEADERS,
        rows=lines,
    )
