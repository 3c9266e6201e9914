"""Reads of crime statistics. Published statistics are open data: everyone may read them."""

from __future__ import annotations

from django.db.models import QuerySet

from tryggsam.accounts.actors import Reader
from tryggsam.crimestats.models import CrimeStatistic, SurveyResult


def statistics_visible_to(user: Reader) -> QuerySet[CrimeStatistic]:
    return CrimeStatistic.objects.all()


def statistics_table(
    user: Reader, *, area_name: str, measure: str = "count"
) -> tuple[list[str], list[tuple[str, int, list[float | None]]]]:
    """(periods, [(category, depth, [value per period])]) for one area, in the order the source gave;
    depth is 0 for a chapter or offence at the top, 1 for a part of it ("3 kap." under "3-7 kap."),
    2 for a "därav" under that, as the source's hierarchy says."""
    rows = list(
        statistics_visible_to(user)
        .filter(area_name=area_name, measure=measure)
        .order_by("source_import_id", "id")
        .values_list("period", "category", "parent_category", "value")
    )
    periods = sorted({p for p, _c, _parent, _v in rows})
    by_category: dict[str, dict[str, float]] = {}
    parents: dict[str, str] = {}
    for period, category, parent, value in rows:
        by_category.setdefault(category, {})[period] = value
        parents.setdefault(category, parent)

    def depth(category: str) -> int:
        seen: set[str] = set()
        while (category := parents.get(category, "")) and category not in seen and len(seen) < 5:
            seen.add(category)
        return len(seen)

    return periods, [(c, depth(c), [values.get(p) for p in periods]) for c, values in by_category.items()]


def statistics_areas(user: Reader) -> list[str]:
    return list(statistics_visible_to(user).order_by("area_name").values_list("area_name", flat=True).distinct())


def surveys_visible_to(user: Reader) -> QuerySet[SurveyResult]:
    """Safety-survey results: published data, everyone may read them."""
    return SurveyResult.objects.all()
