"""The prioritisation table as a CSV or XLSX download: the same rows, counts, rates and reasons as the
page (`selectors.priority_table`, read as the user), in the page's sort order."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.spreadsheets import export_filename, spreadsheet_response
from tryggsam.priorities import selectors
from tryggsam.priorities.periods import PeriodError, parse_period
from tryggsam.priorities.table import AreaRow, PriorityTable

HEADERS = [
    gettext_lazy("Område"),
    gettext_lazy("Nivå"),
    gettext_lazy("Antal händelser"),
    gettext_lazy("Per 1 000 invånare"),
    gettext_lazy("Befolkning"),
    gettext_lazy("Befolkningens år"),
    gettext_lazy("Befolkning: källa eller varför den saknas"),
    gettext_lazy("Föregående period"),
    gettext_lazy("Föregående period, p"),
    gettext_lazy("Samma period i fjol"),
    gettext_lazy("Samma period i fjol, p"),
    gettext_lazy("Partnerrapporter"),
    gettext_lazy("Öppna problem"),
    gettext_lazy("Öppna åtgärder"),
    gettext_lazy("Problem utan åtgärd"),
    gettext_lazy("Trygghetsmätning"),
    gettext_lazy("Poäng"),
    gettext_lazy("Föreslagen plats"),
    gettext_lazy("Skäl i förslaget"),
]


def table_lines(rows: list[AreaRow]) -> list[list[Any]]:
    lines = []
    for row in rows:
        population = row.population
        surveys = "; ".join(f"{s.question} ({s.year}): {s.share:g} %" for s in row.surveys)
        lines.append(
            [
                row.name,
                row.level_label,
                row.count,
                round(row.rate, 2) if row.rate is not None else None,
                population.inhabitants if population is not None else None,
                population.year if population is not None else None,
                row.rate_note,
                row.previous.before,
                round(row.previous.p_value, 4),
                row.last_year.before,
                round(row.last_year.p_value, 4),
                row.partner_reports,
                row.open_problems,
                row.open_measures,
                row.problems_without_measure,
                surveys,
                row.score,
                row.suggested_rank,
                "; ".join(row.reasons or []),
            ]
        )
    return lines


def _filename(table: PriorityTable, fmt: str) -> str:
    return export_filename(_("prioritering"), table.council_name, table.period.key, fmt=fmt)


@login_required
@require_GET
def table_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """`?period=2026-T2&sortera=per-1000&ordning=fallande` as on the page; a bad one is a 400."""
    council = selectors.council_for(request.user, pk)
    rhythm = selectors.rhythm_of(council)
    try:
        period = parse_period(request.GET["period"], rhythm) if request.GET.get("period") else None
        period = period or selectors.default_period(council)
        table = selectors.priority_table(request.user, council, period)
        rows = selectors.sorted_rows(
            table, request.GET.get("sortera", "forslag"), request.GET.get("ordning", "stigande")
        )
    except (PeriodError, selectors.SortError) as exc:
        return render(request, "400.html", {"message": str(exc)}, status=400)
    return spreadsheet_response(
        fmt=fmt,
        filename=_filename(table, fmt),
        sheet_title=table.period.label,
        headers=[str(h) for h in HEADERS],
        rows=table_lines(rows),
    )
