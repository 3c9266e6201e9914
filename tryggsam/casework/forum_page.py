"""The forum page's work tables and closed problems, a section registered with forums (`forums.sections`)
in `CaseworkConfig.ready`: forums sit below casework and cannot read its tables themselves."""

from __future__ import annotations

from typing import Any

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.services import audit_reads
from tryggsam.casework.selectors import closed_problems, work_tables
from tryggsam.forums.models import Forum
from tryggsam.forums.sections import AFTER_DESCRIPTION, ForumSection


def work_tables_context(user: Reader, forum: Forum, can_manage: bool) -> dict[str, Any]:
    """The forum's work tables as the user may read them (the rows shown are audited as read), its
    closed problems, and whether the user may add a problem."""
    tables = work_tables(user, forum=forum)
    shown = [r.measure for t in tables for r in t.rows if r.measure] + list({r.problem for t in tables for r in t.rows})
    audit_reads(user=user, objects=shown, note=forum.name)
    return {
        "tables": tables,
        "closed_problems": closed_problems(user, forum=forum),
        "can_add": permissions.can_create_problem(user) and forum.is_active,
    }


WORK_TABLES = ForumSection(
    name="work_tables",
    slot=AFTER_DESCRIPTION,
    template="casework/_forum_work_tables.html",
    context=work_tables_context,
)
