"""Import of area boundaries and memberships. Every import is all-or-nothing: errors are collected
row by row and, if there are any, nothing is written."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from tryggsam.core.services import create_audited, update_audited
from tryggsam.core.text import display_name, fold
from tryggsam.places.geometry import GeometryError, distance, geometry_columns, parse_geometry
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel
from tryggsam.places.selectors import areas_at_point

MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportRefused(Exception):
    """The file cannot be imported; `errors` says why, row by row, in Swedish."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "aliases": self.aliases,
            "warnings": self.warnings,
        }


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ImportRefused([f"Filen finns inte: {path}"])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportRefused([f"Filen är för stor (över {MAX_FILE_BYTES // 1024 // 1024} MB)."])
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(["Filen är inte text i UTF-8 eller Windows-1252."])


def _upsert_area(
    *, actor: Any, name: str, level: str, parent: Area | None, columns: dict[str, Any], result: ImportResult
) -> Area:
    existing = Area.objects.filter(level=level, folded_name=fold(name)).first()
    if existing is None:
        result.created += 1
        return create_audited(model=Area, actor=actor, name=name, level=level, parent=parent, **columns)
    changes = {k: v for k, v in {**columns, "parent": parent or existing.parent}.items() if getattr(existing, k) != v}
    if not changes:
        result.unchanged += 1
        return existing
    result.updated += 1
    return update_audited(obj=existing, actor=actor, **changes)


def import_geojson(
    path: Path, *, level: str = AreaLevel.DISTRICT, name_property: str = "name", actor: Any = None
) -> ImportResult:
    """Create or update one area per feature; names in capitals become 'Hässelby gård' style."""
    if level not in AreaLevel.values:
        raise ImportRefused([f"Okänd nivå {level!r}; välj en av {', '.join(AreaLevel.values)}."])
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ImportRefused([f"Filen är inte giltig GeoJSON: {exc.msg} (rad {exc.lineno})."]) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise ImportRefused(["Filen innehåller ingen FeatureCollection med objekt."])
    rows, errors, seen = [], [], set()
    for i, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {}
        name = str(props.get(name_property) or "").strip()
        if not name:
            errors.append(f"Objekt {i}: egenskapen {name_property!r} saknas eller är tom.")
            continue
        if fold(name) in seen:
            errors.append(f"Objekt {i}: namnet {name!r} förekommer flera gånger.")
            continue
        seen.add(fold(name))
        try:
            geom = parse_geometry((feature or {}).get("geometry") or {})
        except GeometryError as exc:
            errors.append(f"Objekt {i} ({name}): {exc}")
            continue
        rows.append((display_name(name), geometry_columns(geom)))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for name, columns in rows:
            _upsert_area(actor=actor, name=name, level=level, parent=None, columns=columns, result=result)
    return result


_PAREN = re.compile(r"\s*\(.*?\)\s*")


def _clean_member_name(raw: str) -> str:
    """'Svedmyra (part of)' -> 'Svedmyra'; 'Djurgården, även kallad X' -> 'Djurgården'."""
    return _PAREN.sub(" ", raw).split(",")[0].strip()


def _csv_rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _add_alias(*, actor: Any, area: Area, name: str, kind: str, result: ImportResult) -> None:
    if fold(name) == area.folded_name or AreaAlias.objects.filter(area=area, folded_name=fold(name)).exists():
        return
    create_audited(model=AreaAlias, actor=actor, area=area, name=name, kind=kind)
    result.aliases += 1


def load_district_areas(path: Path, *, actor: Any = None) -> ImportResult:
    """Read the district-area membership CSV (columns stadsdelsomrade, sdo_status, stadsdel_as_in_source,
    kth_stadsdel, kth_match): create the current district areas, hang every imported district under
    its district area, keep former area names as aliases of the current area that took over most of
    their districts, and keep alternative district names as aliases."""
    rows = _csv_rows(_read_text(path))
    required = {"stadsdelsomrade", "sdo_status", "stadsdel_as_in_source", "kth_stadsdel"}
    if not rows or not required <= set(rows[0]):
        raise ImportRefused([f"CSV-filen saknar kolumnerna {', '.join(sorted(required))}."])
    districts = {a.folded_name: a for a in Area.objects.filter(level=AreaLevel.DISTRICT)}
    if not districts:
        raise ImportRefused(["Importera stadsdelarna (GeoJSON) först: inga stadsdelar finns."])
    errors = []
    current: dict[str, list[dict[str, str]]] = {}
    former: dict[str, list[dict[str, str]]] = {}
    for i, row in enumerate(rows, start=2):
        area_name = (row.get("stadsdelsomrade") or "").strip()
        if not area_name:
            errors.append(f"Rad {i}: stadsdelsområde saknas.")
            continue
        target = current if (row.get("sdo_status") or "").strip().lower().startswith("current") else former
        target.setdefault(area_name, []).append(row)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        district_area_of: dict[str, Area] = {}
        for area_name, members in current.items():
            parent = _upsert_area(
                actor=actor, name=area_name, level=AreaLevel.DISTRICT_AREA, parent=None, columns={}, result=result
            )
            for row in members:
                kth = fold(row.get("kth_stadsdel") or "")
                member_name = _clean_member_name(row["stadsdel_as_in_source"])
                district = districts.get(kth)
                if district is None:
                    _upsert_area(
                        actor=actor, name=member_name, level=AreaLevel.PLACE, parent=parent, columns={}, result=result
                    )
                    continue
                district_area_of[district.folded_name] = parent
                changes: dict[str, Any] = {}
                if district.parent_id != parent.pk:
                    changes["parent"] = parent
                if fold(member_name) == district.folded_name and member_name != district.name:
                    changes["name"] = member_name
                if changes:
                    update_audited(obj=district, actor=actor, **changes)
                    result.updated += 1
                _add_alias(actor=actor, area=district, name=member_name, kind=AliasKind.ALTERNATE, result=result)
        _assign_unlisted(actor=actor, districts=districts, district_area_of=district_area_of, result=result)
        for area_name, members in former.items():
            votes: dict[int, int] = {}
            for row in members:
                owner = district_area_of.get(fold(row.get("kth_stadsdel") or ""))
                if owner is not None:
                    votes[owner.pk] = votes.get(owner.pk, 0) + 1
            if not votes:
                result.warnings.append(
                    f"Det tidigare området {area_name} kunde inte knytas till något nuvarande område."
                )
                continue
            successor = Area.objects.get(pk=max(votes, key=lambda pk: votes[pk]))
            _add_alias(actor=actor, area=successor, name=area_name, kind=AliasKind.FORMER, result=result)
            for row in members:
                kth = fold(row.get("kth_stadsdel") or "")
                if not kth:
                    name = _clean_member_name(row["stadsdel_as_in_source"])
                    _upsert_area(
                        actor=actor, name=name, level=AreaLevel.PLACE, parent=successor, columns={}, result=result
                    )
    return result


def _assign_unlisted(
    *, actor: Any, districts: dict[str, Area], district_area_of: dict[str, Area], result: ImportResult
) -> None:
    """A district the list does not name goes to the district area of its nearest listed neighbour."""
    listed = [districts[k] for k in district_area_of]
    for key, district in districts.items():
        if key in district_area_of or not district.geometry:
            continue
        nearest = min(listed, key=lambda other: distance(district.geometry, other.geometry))
        parent = district_area_of[nearest.folded_name]
        district_area_of[key] = parent
        if district.parent_id != parent.pk:
            update_audited(obj=district, actor=actor, parent=parent)
            result.updated += 1
        result.warnings.append(
            f"{district.name} finns inte i listan och har placerats i {parent.name} (närmaste grannstadsdel {nearest.name})."
        )


def load_places_csv(
    path: Path, *, name_column: str = "station", lat_column: str = "lat", lon_column: str = "lon", actor: Any = None
) -> ImportResult:
    """Import named places with a point (e.g. metro stations); each is hung under the district that
    contains it. Rows without valid coordinates are reported and nothing is written."""
    rows = _csv_rows(_read_text(path))
    if not rows or not {name_column, lat_column, lon_column} <= set(rows[0]):
        raise ImportRefused([f"CSV-filen saknar kolumnerna {name_column}, {lat_column}, {lon_column}."])
    parsed, errors = [], []
    for i, row in enumerate(rows, start=2):
        name = (row.get(name_column) or "").strip()
        try:
            lat, lon = float(row[lat_column]), float(row[lon_column])
            geom = parse_geometry({"type": "Point", "coordinates": [lon, lat]})
        except (TypeError, ValueError) as exc:
            errors.append(f"Rad {i} ({name or 'utan namn'}): ogiltiga koordinater ({exc}).")
            continue
        if not name:
            errors.append(f"Rad {i}: namn saknas.")
            continue
        parsed.append((name, lat, lon, geometry_columns(geom)))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for name, lat, lon, columns in parsed:
            containing = [a for a in areas_at_point(lat, lon) if a.level == AreaLevel.DISTRICT]
            parent = containing[0] if containing else None
            existing_district = Area.objects.filter(level=AreaLevel.DISTRICT, folded_name=fold(name)).first()
            if existing_district is not None:
                result.unchanged += 1  # the district itself carries the name already
                continue
            if parent is None:
                result.warnings.append(f"{name} ligger utanför alla stadsdelar och har ingen överordnad.")
            _upsert_area(actor=actor, name=name, level=AreaLevel.PLACE, parent=parent, columns=columns, result=result)
    return result
