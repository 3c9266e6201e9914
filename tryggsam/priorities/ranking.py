"""The suggested ranking of a council's areas: a transparent points rule, each point with its reason.

The rule (documented here and on the page, so the council can weigh it rather than trust it):

| Reason                                                         | Points |
|----------------------------------------------------------------|--------|
| increase against the previous period, exact test p < 0.05      | 3      |
| increase against the same period last year, exact test p < 0.05| 2      |
| the highest rate per 1 000 inhabitants among the council's areas (above 0), or, unless every area's population is known, the highest count | 2 |
| open problems without an open measure                          | 2      |
| partners' reports in the period                                | 1      |
| decrease against the previous period, exact test p < 0.05      | -1     |

Areas are ranked by points, then by count, then by name. An increase that the test cannot tell from
chance gives no points; unless every area's population is known, "highest count" stands in for
"highest rate" (the page says which was used: rates of only some areas would favour the areas whose
population happens to be entered). Nothing else enters: no weights learned from data, no hidden terms."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tryggsam.priorities.table import AreaRow, PriorityTable

POINTS_INCREASE_PREVIOUS = 3
POINTS_INCREASE_LAST_YEAR = 2
POINTS_HIGHEST_COUNT = 2
POINTS_PROBLEMS_WITHOUT_MEASURE = 2
POINTS_PARTNER_REPORTS = 1
POINTS_DECREASE_PREVIOUS = -1


def _p(value: float) -> str:
    return _("p < 0,001") if value < 0.001 else _("p = %(p)s") % {"p": f"{value:.3f}".replace(".", ",")}


def reasons_for(
    row: AreaRow, *, highest: int, period_name: str, highest_rate: float | None = None
) -> list[tuple[int, str]]:
    """(points, reason) for one row, in the order of the rule."""
    out: list[tuple[int, str]] = []
    if row.previous.significant and row.previous.direction > 0:
        text = _("ökning mot föregående %(period)s (%(before)s → %(after)s, %(p)s)")
        values = {"period": period_name, "before": row.previous.before, "after": row.count}
        out.append((POINTS_INCREASE_PREVIOUS, text % {**values, "p": _p(row.previous.p_value)}))
    if row.last_year.significant and row.last_year.direction > 0:
        text = _("ökning mot samma %(period)s föregående år (%(before)s → %(after)s, %(p)s)")
        values = {"period": period_name, "before": row.last_year.before, "after": row.count}
        out.append((POINTS_INCREASE_LAST_YEAR, text % {**values, "p": _p(row.last_year.p_value)}))
    if highest_rate is not None:
        if highest_rate > 0 and row.rate == highest_rate:
            rate = f"{row.rate:.2f}".replace(".", ",")
            text = _("högst antal händelser per 1 000 invånare bland rådets områden (%(rate)s)")
            out.append((POINTS_HIGHEST_COUNT, text % {"rate": rate}))
    elif highest > 0 and row.count == highest:
        out.append((POINTS_HIGHEST_COUNT, _("högst antal händelser bland rådets områden (%(n)s)") % {"n": row.count}))
    if row.problems_without_measure:
        out.append(
            (
                POINTS_PROBLEMS_WITHOUT_MEASURE,
                _("öppna problem utan pågående åtgärd (%(n)s)") % {"n": row.problems_without_measure},
            )
        )
    if row.partner_reports:
        out.append((POINTS_PARTNER_REPORTS, _("partnerrapporter under perioden (%(n)s)") % {"n": row.partner_reports}))
    if row.previous.significant and row.previous.direction < 0:
        text = _("minskning mot föregående %(period)s (%(before)s → %(after)s, %(p)s)")
        values = {"period": period_name, "before": row.previous.before, "after": row.count}
        out.append((POINTS_DECREASE_PREVIOUS, text % {**values, "p": _p(row.previous.p_value)}))
    return out


def rank(table: PriorityTable) -> PriorityTable:
    """Give each row its points, reasons and suggested place (1 = first); the table's row order stays."""
    highest = max((row.count for row in table.rows), default=0)
    rates = [row.rate for row in table.rows if row.rate is not None]
    highest_rate = max(rates) if table.population_complete else None
    for row in table.rows:
        scored = reasons_for(row, highest=highest, period_name=table.period.short_name, highest_rate=highest_rate)
        row.score = sum(points for points, _reason in scored)
        row.reasons = [reason for _points, reason in scored]
    ordered = sorted(table.rows, key=lambda r: (-r.score, -r.count, r.name, r.area_id))
    for place, row in enumerate(ordered, start=1):
        row.suggested_rank = place
    return table


def suggested(table: PriorityTable) -> list[AreaRow]:
    """The rows in the suggested order."""
    return sorted(table.rows, key=lambda r: r.suggested_rank)
