"""`{% work_row row %}`: one row of a work table, its HTML kept per process keyed by everything it shows.

A work table of 150 rows spent most of its CPU in the template engine: one include per row, some 1 700
node renders, two `blocktranslate` per row. A row's HTML is a function of a few values: the problem's and
the measure's texts and numbers, the latest follow-up the reader may see, the participating
organisations' names, and what the reader may do on the row (asked of the policy per row, in
`casework.selectors`, before it gets here). `_shown` collects exactly those values, and `_row_html`
renders `casework/_row.html` from them alone (a plain view of the row, not the model objects), so the
cached HTML cannot depend on anything outside its key: two readers with different rights on a row have
different keys, and a changed title is a different key (no invalidation to forget).

A row offering the "add a measure" form carries the request's CSRF token and is rendered as an include
every time (they are the few problems without a measure).
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString

from tryggsam.casework.selectors import WorkLine, WorkRow, status_label

register = template.Library()

ROW_TEMPLATE = "casework/_row.html"

Shown = tuple[Any, ...]


def cacheable(row: WorkRow | WorkLine) -> bool:
    """Whether the row's HTML depends only on `_shown(row)` (not on the request's CSRF token)."""
    return row.measure is not None


def _environment() -> tuple[Any, ...]:
    """What every row's text and links depend on besides the row: the language, the URL prefix and
    the URL configuration of the request."""
    return (translation.get_language(), get_script_prefix(), get_urlconf())


def _shown(row: WorkRow | WorkLine, environment: tuple[Any, ...] | None = None) -> Shown:
    """Every value `casework/_row.html` reads for a row with a measure (of `work_tables` or, on the
    forum page, `work_table_lines`), in a hashable tuple, with the language and the URL prefix the text
    and links depend on."""
    problem, measure, latest = row.problem, row.measure, row.latest
    assert measure is not None
    area = problem.area
    return (
        *(environment or _environment()),
        problem.pk,
        problem.title,
        area.name if area is not None else None,
        measure.pk,
        measure.title,
        measure.participants_text,
        tuple((org.short_name, org.name) for org in row.participating_organisations),
        measure.responsible_label,
        measure.status,
        measure.next_follow_up,
        (latest.date, latest.text) if latest is not None else None,
        row.first_of_problem,
        bool(row.can_edit),
        bool(row.can_add_measure),
    )


@lru_cache(maxsize=4096)
def _row_html(shown: Shown) -> SafeString:
    """`casework/_row.html` rendered from the values in `shown` alone."""
    (
        _language,
        _prefix,
        _urlconf,
        problem_pk,
        problem_title,
        area_name,
        measure_pk,
        measure_title,
        participants_text,
        organisations,
        responsible_label,
        status,
        next_follow_up,
        latest,
        first_of_problem,
        can_edit,
        can_add_measure,
    ) = shown
    row = SimpleNamespace(
        problem=SimpleNamespace(
            pk=problem_pk,
            title=problem_title,
            area=SimpleNamespace(name=area_name) if area_name is not None else None,
        ),
        measure=SimpleNamespace(
            pk=measure_pk,
            title=measure_title,
            participants_text=participants_text,
            responsible_label=responsible_label,
            status=status,
            next_follow_up=next_follow_up,
        ),
        participating_organisations=[SimpleNamespace(short_name=s, name=n) for s, n in organisations],
        status_label=status_label(status),
        latest=SimpleNamespace(date=latest[0], text=latest[1]) if latest is not None else None,
        first_of_problem=first_of_problem,
        can_edit=can_edit,
        can_add_measure=can_add_measure,
    )
    return SafeString(get_template(ROW_TEMPLATE).render({"row": row}))  # the template escaped every value


@register.simple_tag(takes_context=True)
def work_row(context: template.Context, row: WorkRow | WorkLine, environment: tuple[Any, ...] | None = None) -> str:
    """The row's `<tr>`: from the per-process cache when it shows no form, else the include."""
    if cacheable(row):
        return _row_html(_shown(row, environment))
    assert context.template is not None  # a tag renders inside a template
    with context.push(row=row):
        return context.template.engine.get_template(ROW_TEMPLATE).render(context)


@register.simple_tag(takes_context=True)
def work_rows(context: template.Context, rows: list[WorkRow] | list[WorkLine]) -> str:
    """`{% work_row row %}` for each of the rows, one after the other (a table's rows in one tag, not a
    loop of tags: the language and URL prefix are read once per table)."""
    environment = _environment()
    return SafeString("".join(work_row(context, row, environment) for row in rows))
