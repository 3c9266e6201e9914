"""The cause analysis of a focus area in its plan's DOCX and PDF (plans/export_parts.py): the tree in
outline order, each cause with its evidence and the measures aimed at it, as the person exporting may
read them (evidence they may not read and measures they may not see are left out)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.causes import selectors
from tryggsam.plans.export_parts import ExportPart, ExportTable
from tryggsam.plans.models import FocusArea


def _evidence(node: selectors.CauseNode) -> str:
    lines = []
    for e in node.evidence:
        if not e.readable:
            continue
        line = f"{e.kind_label}: {e.text}"
        if e.count is not None:
            line += " " + _("(%(n)d händelser)") % {"n": e.count}
        if e.source:
            line += f" – {e.source}"
        lines.append(line)
    return "\n".join(lines)


def _cause(node: selectors.CauseNode) -> str:
    text = "\u2003" * node.depth + f"{node.number} {node.cause.title}"
    return text + (f"\n{node.cause.description}" if node.cause.description else "")


def causes_table(reader: Reader, focus_area: FocusArea) -> ExportTable | None:
    if not permissions.can_view_causes(reader, focus_area):
        return None
    tree = selectors.tree_view(reader, focus_area)
    if not tree.nodes:
        return None
    return ExportTable(
        heading=_("Orsaksanalys"),
        columns=(_("Orsak"), _("Underlag"), _("Åtgärder riktade mot orsaken")),
        rows=[
            (_cause(node), _evidence(node), "\n".join(f"{m.title} ({m.status_label})" for m in node.measures))
            for node in tree.nodes
        ],
        note=_("Orsaksanalysen i TryggSam; händelser räknade som du får räkna dem."),
    )


CAUSES_PART = ExportPart(name="causes", build=causes_table, order=10)
