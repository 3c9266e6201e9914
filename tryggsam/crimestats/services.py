"""Importing published crime statistics. One import is one transaction: either every value of the
file is stored (replacing earlier values for the same area, period, category and measure) or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.crimestats.areas import resolve_area
from tryggsam.crimestats.models import CrimeStatistic, StatisticsImport
from tryggsam.crimestats.parsing import StatisticsFormatError, parse_statistics

MAX_BYTES = 25 * 1024 * 1024


@dataclass
class ImportSummary:
    rows: int
    areas: list[str]
    periods: list[str]
    categories: list[str]
    measure: str
    warnings: list[str]
    unresolved_areas: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "areas": self.areas,
            "periods": self.periods,
            "categories": self.categories,
            "measure": self.measure,
        }


def statistics_import(*, path: Path, actor: Any = None) -> ImportSummary:
    """Read and store one statistics file. Raises StatisticsFormatError (Swedish) and stores
    nothing if the file cannot be read."""
    if not path.is_file():
        raise StatisticsFormatError(_("Filen finns inte: %(name)s") % {"name": path})
    if path.stat().st_size > MAX_BYTES:
        raise StatisticsFormatError(_("Filen är för stor (över 25 MB)."))
    raw = path.read_bytes()
    parsed = parse_statistics(raw)
    areas = list(dict.fromkeys(v.area_name for v in parsed.values))
    resolved = {name: resolve_area(name) for name in areas}
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
                    period=v.period,
                    period_start=v.period_start,
                    category=v.category,
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
    measures = {v.measure for v in parsed.values}
    return ImportSummary(
        rows=len(parsed.values),
        areas=areas,
        periods=sorted({v.period for v in parsed.values}),
        categories=list(dict.fromkeys(v.category for v in parsed.values)),
        measure="count" if "count" in measures else "per_100k",
        warnings=parsed.warnings,
        unresolved_areas=[name for name, area in resolved.items() if area is None],
    )
