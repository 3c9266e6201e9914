"""Importing published crime statistics (CSV, .xlsx or .xls). One import is one transaction: every
value read from the file is stored (replacing earlier values for the same area, period, category and
measure) or, when the file cannot be read, none. Rows the reader leaves out (figures under an unknown
area) and areas the register does not know are reported as warnings that name their rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor, SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.crimestats.areas import in_register, register_names, resolve_area
from tryggsam.crimestats.models import CrimeStatistic, StatisticAreaLevel, StatisticsImport
from tryggsam.crimestats.parsing import ParsedStatistics, StatisticsFormatError, parse_statistics
from tryggsam.crimestats.population_services import DerivedPopulation, populations_derive
from tryggsam.places.models import Area

# Levels of area that the register does not hold (it holds district areas, districts and places).
_OUTSIDE_REGISTER = {
    StatisticAreaLevel.COUNTRY,
    StatisticAreaLevel.COUNTY,
    StatisticAreaLevel.MUNICIPALITY,
    StatisticAreaLevel.POLICE_AREA,
}

MAX_BYTES = 25 * 1024 * 1024

IMPORT_SYSTEM = SystemActor(
    purpose="statistics import (derived populations)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR
)
"""Who derives the populations of an import that names no actor (the import itself is then unattributed)."""


@dataclass
class ImportSummary:
    rows: int
    areas: list[str]
    periods: list[str]
    categories: list[str]
    measure: str
    warnings: list[str]
    unresolved_areas: list[str]
    populations: list[DerivedPopulation] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "areas": self.areas,
            "periods": self.periods,
            "categories": self.categories,
            "measure": self.measure,
            "warnings": self.warnings,
            "populations": [p.as_json() for p in self.populations],
        }


def statistics_import(*, path: Path, actor: Actor | None = None) -> ImportSummary:
    """Read and store one statistics file. Raises StatisticsFormatError (Swedish) and stores
    nothing if the file cannot be read."""
    if not path.is_file():
        raise StatisticsFormatError(_("Filen finns inte: %(name)s") % {"name": path})
    if path.stat().st_size > MAX_BYTES:
        raise StatisticsFormatError(_("Filen är för stor (över 25 MB)."))
    raw = path.read_bytes()
    names: list[frozenset[str]] = []  # read once, and only when a bare heading asks

    def known(name: str) -> bool:
        if not names:
            names.append(register_names())
        return in_register(name, names[0])

    parsed = parse_statistics(raw, known_area=known)
    levels = {v.area_name: v.area_level for v in parsed.values}
    areas = list(levels)
    resolved = {name: None if levels[name] in _OUTSIDE_REGISTER else resolve_area(name) for name in areas}
    unresolved = [name for name in areas if resolved[name] is None and levels[name] not in _OUTSIDE_REGISTER]
    warnings = [*parsed.warnings, *_unresolved_warnings(parsed, unresolved)]
    with transaction.atomic():
        record = StatisticsImport.objects.create(
            file_name=path.name[:300], sha256=hashlib.sha256(raw).hexdigest(), source=parsed.source[:300]
        )
        keys = {(v.area_name, v.period, v.category, v.measure) for v in parsed.values}
        for area_name in areas:
            stale = CrimeStatistic.objects.filter(area_name=area_name)
            stale_ids = [
                pk
                for pk, period, category, measure in stale.values_list("pk", "period", "category", "measure")
                if (area_name, period, category, measure) in keys
            ]
            CrimeStatistic.objects.filter(pk__in=stale_ids).delete()
        CrimeStatistic.objects.bulk_create(
            [
                CrimeStatistic(
                    area=resolved[v.area_name],
                    area_name=v.area_name,
                    area_level=v.area_level or _level_of(resolved[v.area_name]),
                    period=v.period,
                    period_start=v.period_start,
                    category=v.category,
                    parent_category=v.parent,
                    measure=v.measure,
                    value=v.value,
                    source_import=record,
                )
                for v in parsed.values
            ],
            batch_size=2000,
        )
        record.rows = len(parsed.values)
        record.save(update_fields=["rows"])
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=record,
            changes={"rows": [None, record.rows], "areas": [None, areas]},
            note=_("Brottsstatistik importerad från %(file)s") % {"file": path.name},
        )
        # The file's areas may now state a count and a rate together: their populations follow.
        derivation = populations_derive(
            actor=actor or IMPORT_SYSTEM, area_ids=[a.pk for a in resolved.values() if a is not None]
        )
    measures = {v.measure for v in parsed.values}
    return ImportSummary(
        rows=len(parsed.values),
        areas=areas,
        periods=sorted({v.period for v in parsed.values}),
        categories=list(dict.fromkeys(v.category for v in parsed.values)),
        measure="count" if "count" in measures else "per_100k",
        warnings=[*warnings, *derivation.warnings],
        unresolved_areas=unresolved,
        populations=derivation.populations,
    )


def _level_of(area: Area | None) -> str:
    if area is not None and area.level in StatisticAreaLevel.values:
        return str(area.level)
    return StatisticAreaLevel.UNSTATED


def _unresolved_warnings(parsed: ParsedStatistics, names: list[str]) -> list[str]:
    return [
        _(
            "Rad %(row)d: området ”%(name)s” finns inte i områdesregistret; värdena sparades utan koppling till ett område."
        )
        % {"row": parsed.area_lines.get(name, 0), "name": name}
        for name in names
    ]
