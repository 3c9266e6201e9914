"""Parts that apps above plans add to each focus area in a plan's DOCX and PDF (plans/export.py).

The plan's own document shows, under each focus area, what the apps above keep for it: its cause
analysis (causes), its goals with their indicators (goals). plans cannot import them (README, "Layers"),
so each registers an `ExportPart` here in its `AppConfig.ready`. A part reads as the person exporting,
through its own app's selectors, and returns one `ExportTable` (or None when there is nothing this
reader may see); the document renders the tables in the parts' order, the same in DOCX and PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tryggsam.accounts.actors import Reader

if TYPE_CHECKING:
    from tryggsam.plans.models import FocusArea


@dataclass(frozen=True)
class ExportTable:
    """A heading, a table (its column headings and rows of plain text; a cell may hold several lines),
    and a note under it (the source, how the figures were counted)."""

    heading: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class ExportPart:
    name: str
    build: Callable[[Reader, FocusArea], ExportTable | None]
    order: int = 100


_parts: dict[str, ExportPart] = {}


def register_export_part(part: ExportPart) -> None:
    """Called from an `AppConfig.ready`; a part registered again under its name replaces the first."""
    _parts[part.name] = part


def focus_area_tables(reader: Reader, focus_area: FocusArea) -> list[ExportTable]:
    """What the registered parts show of the focus area to this reader, in their order."""
    found = []
    for part in sorted(_parts.values(), key=lambda p: (p.order, p.name)):
        table = part.build(reader, focus_area)
        if table is not None and table.rows:
            found.append(table)
    return found
