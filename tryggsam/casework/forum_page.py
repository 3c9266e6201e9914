"""The forum page's work tables and closed problems, a section registered with forums (`forums.sections`)
in `CaseworkConfig.ready`: forums sit below casework and cannot read its tables themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.services import audit_reads
from tryggsam.casework.models import Measure, Problem
from tryggsam.casework.selectors import LineTable, forum_work
from tryggsam.core.models import Classification
from tryggsam.forums.models import Forum
from tryggsam.forums.sections import AFTER_DESCRIPTION, ForumSection


def work_tables_context(user: Reader, forum: Forum, can_manage: bool) -> dict[str, Any]:
    """The forum's work tables as the user may read them (the rows shown are audited as read), its
    closed problems, and whether the user may add a problem."""
    work = forum_work(user, forum=forum)
    audit_reads(user=user, objects=_restricted_records(work.tables), note=forum.name)
    return {
        "tables": work.tables,
        "closed_problems": work.closed,
        "can_add": permissions.can_create_problem(user) and forum.is_active,
    }


def _restricted_records(tables: list[LineTable]) -> list[Model]:
    """The restricted measures and problems of the rows (the records `audit_reads` writes a row for),
    measures first, as what `audit_reads` reads of them: the rows are values, so these are unsaved
    instances with the primary key, the title (their name in the log) and the classification."""
    rows = [r for t in tables for r in t.rows]
    measures: list[Model] = [
        Measure(pk=r.measure.pk, title=r.measure.title, classification=r.measure.classification)
        for r in rows
        if r.measure is not None and r.measure.classification == Classification.RESTRICTED
    ]
    problems = {r.problem.pk: r.problem for r in rows if r.problem.classification == Classification.RESTRICTED}
    return measures + [Problem(pk=p.pk, title=p.title, classification=p.classification) for p in problems.values()]


WORK_TABLES = ForumSection(
    name="work_tables",
    slot=AFTER_DESCRIPTION,
    template="casework/_forum_work_tables.html",
    context=work_tables_context,
)
