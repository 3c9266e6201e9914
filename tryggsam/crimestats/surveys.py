"""Import of safety-survey results: a CSV with the columns area, year, question and share (a
percentage, "23", "23,5 %", or a proportion "0.235"). Every row is checked first; any bad row
refuses the whole file with a Swedish message per row, and nothing is stored."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.crimestats.areas import resolve_area
from tryggsam.crimestats.models import StatisticsImport, SurveyResult
from tryggsam.crimestats.parsing import StatisticsFormatError, number, read_rows

COLUMNS = {
    "area": ("område", "omrade", "area", "stadsdel", "stadsdelsområde"),
    "year": ("år", "ar", "year"),
    "question": ("fråga", "fraga", "question", "indikator"),
    "share": ("andel", "share", "procent", "andel (%)"),
}


def _header_map(header: list[str]) -> dict[str, int]:
    lowered = [h.strip().lower() for h in header]
    found = {key: next((i for i, h in enumerate(lowered) if h in names), -1) for key, names in COLUMNS.items()}
    names = {"area": _("område"), "year": _("år"), "question": _("fråga"), "share": _("andel")}
    missing = [names[key] for key, index in found.items() if index < 0]
    if missing:
        raise StatisticsFormatError(
            _("Kolumnerna område, år, fråga och andel behövs; saknas: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    return found


def survey_import(*, path: Path, actor: Actor | None = None) -> int:
    raw = path.read_bytes()
    rows = [r for r in read_rows(raw) if any(r)]
    if len(rows) < 2:
        raise StatisticsFormatError(_("Filen innehåller inga svar."))
    columns = _header_map(rows[0])
    parsed, errors = [], []
    for line, row in enumerate(rows[1:], start=2):
        cell = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
        share_text = cell["share"].replace("%", "").strip()
        share = number(share_text)
        year = int(cell["year"]) if cell["year"].isdigit() else None
        if share is not None and 0 < share <= 1 and "." in share_text:
            share *= 100
        if (
            not cell["area"]
            or not cell["question"]
            or year is None
            or not 1900 < year < 2200
            or share is None
            or not 0 <= share <= 100
        ):
            errors.append(
                _("Rad %(line)d: område, år (fyra siffror), fråga och andel (0–100) behövs.") % {"line": line}
            )
            continue
        parsed.append((cell["area"], year, cell["question"][:300], round(share, 2)))
    if errors:
        raise StatisticsFormatError("\n".join(errors[:20]))
    with transaction.atomic():
        record = StatisticsImport.objects.create(
            file_name=path.name[:300],
            sha256=hashlib.sha256(raw).hexdigest(),
            source=_("Trygghetsmätning"),
            rows=len(parsed),
        )
        for area_name, year, question, share in parsed:
            SurveyResult.objects.update_or_create(
                area_name=area_name,
                year=year,
                question=question,
                defaults={"share": share, "area": resolve_area(area_name), "source_import": record},
            )
        audit_record(actor=actor, action=AuditAction.IMPORT, obj=record, changes={"rows": [None, len(parsed)]})
    return len(parsed)
