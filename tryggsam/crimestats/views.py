from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tryggsam.crimestats import selectors
from tryggsam.crimestats.models import StatisticMeasure


def statistics_page(request: HttpRequest) -> HttpResponse:
    areas = selectors.statistics_areas(request.user)
    area = request.GET.get("omrade") or (areas[0] if areas else "")
    measure = request.GET.get("matt", StatisticMeasure.COUNT)
    if measure not in StatisticMeasure.values:
        measure = StatisticMeasure.COUNT
    periods, table = selectors.statistics_table(request.user, area_name=area, measure=measure) if area else ([], [])
    context = {
        "areas": areas,
        "area": area,
        "measure": measure,
        "measures": StatisticMeasure.choices,
        "periods": periods,
        "table": table,
        "nav": "statistics",
    }
    return render(request, "crimestats/table.html", context)
