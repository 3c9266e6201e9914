"""`{% category_rows sparklines hidden_count %}`: the rows of the picture's table of categories,
written in Python.

The table (a row per category: counts, the two comparisons with their significance, the trend's
sparkline) cost the page some 40 template node renders per row. The tag writes exactly what the
template wrote (tests/situation/test_situation_table.py renders both): the texts escaped as the
template escaped them, the translated labels through the same msgids.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _count(value: int | None, hidden: Any) -> str:
    """`{{ value|default_if_none:hidden }}`."""
    return str(conditional_escape(hidden if value is None else str(value)))


def _significant(change: Any) -> str:
    if not change.significant:
        return ""
    return f' <strong title="{gettext("Signifikant förändring")}">*</strong>'


@register.simple_tag
def category_rows(sparklines: list[tuple[Any, str]], hidden_count: Any) -> SafeString:
    if not sparklines:
        return mark_safe(f'<tr><td colspan="5" class="muted">{gettext("Inga händelser under perioden.")}</td></tr>')
    out = []
    for row, points in sparklines:
        name = conditional_escape(row.category.name)
        trend = ", ".join(str(conditional_escape(str(v))) for v in row.trend)  # `join:', '`: None shows as "None"
        label = gettext("Trend för %(c)s") % {"c": name}
        out.append(
            f'<tr>\n    <th scope="row">{name}</th>\n'
            f'    <td class="number">{_count(row.count, hidden_count)}</td>\n'
            f'    <td class="number">{_count(row.previous.before, hidden_count)}{_significant(row.previous)}</td>\n'
            f'    <td class="number">{_count(row.last_year.before, hidden_count)}{_significant(row.last_year)}</td>\n'
            f'    <td><svg class="sparkline" width="120" height="24" viewBox="0 0 120 24" role="img" '
            f'aria-label="{label}: {trend}"><polyline points="{conditional_escape(points)}" fill="none" '
            f'stroke="#0b5394" stroke-width="1.5"/></svg></td>\n  </tr>'
        )
    return mark_safe("".join(out))  # every value above is escaped; the labels are the templates' literals
