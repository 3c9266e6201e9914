"""Import of area boundaries and memberships. Every import is all-or-nothing: errors are collected
row by row and, if there are any, nothing is written."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.text import display_name, fold
from tryggsam.places.geometry import GeometryError, distance, geometry_columns, parse_geometry, shared_border
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel
from tryggsam.places.selectors import AreaPointIndex

if TYPE_CHECKING:  # shapely is loaded by places.geometry when a geometry is parsed
    from shapely.geometry.base import BaseGeometry

MAX_FILE_BYTES = 50 * 1024 * 1024
NAME_MAX_LENGTH = Area._meta.get_field("name").max_length or 200


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
        raise ImportRefused([_("Filen finns inte: %(path)s") % {"path": path}])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportRefused([_("Filen är för stor (över %(mb)d MB).") % {"mb": MAX_FILE_BYTES // 1024 // 1024}])
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise ImportRefused([_("Filen är tom: %(name)s") % {"name": path.name}])
        return text
    raise ImportRefused([_("Filen är inte text i UTF-8 eller Windows-1252.")])


@contextmanager
def _writing() -> Iterator[None]:
    """One transaction for the whole import: a row that fails model validation refuses it all."""
    try:
        with transaction.atomic():
            yield
    except ValidationError as exc:
        raise ImportRefused(
            [_("Importen stoppades av en ogiltig rad: %(errors)s") % {"errors": "; ".join(exc.messages)}]
        ) from exc


def _read_csv(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The data rows with the file's own line numbers (comment and blank lines are skipped but counted);
    refused unless the header has every required column and there is at least one row."""
    text = _read_text(path)
    kept = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(line for _, line in kept)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefused([_("CSV-filen saknar kolumnerna %(columns)s.") % {"columns": ", ".join(missing)}])
    rows = [(kept[reader.line_num - 1][0], row) for row in reader]
    if not rows:
        raise ImportRefused([_("CSV-filen innehåller inga rader.")])
    return rows


def _upsert_area(
    *,
    actor: Actor | None,
    name: str,
    level: str,
    parent: Area | None,
    columns: dict[str, Any],
    result: ImportResult,
    known: dict[str, Area] | None = None,
) -> Area:
    """`known`: the areas of this level by folded name, read once by a caller whose run adds no other
    area of the level with the same name (else each call looks its name up)."""
    if known is not None:
        existing = known.get(fold(name))
    else:
        existing = Area.objects.filter(level=level, folded_name=fold(name)).first()
    if existing is None:
        result.created += 1
        return create_audited(model=Area, actor=actor, name=name, level=level, parent=parent, **columns)
    if parent is not None and parent in existing.ancestors():
        parent = existing.parent  # already placed more precisely inside `parent`
    changes = {k: v for k, v in {**columns, "parent": parent or existing.parent}.items() if getattr(existing, k) != v}
    if not changes:
        result.unchanged += 1
        return existing
    result.updated += 1
    return update_audited(obj=existing, actor=actor, fields=changes)


def import_geojson(
    path: Path, *, level: str = AreaLevel.DISTRICT, name_property: str = "name", actor: Actor | None = None
) -> ImportResult:
    """Create or update one area per feature; names in capitals become 'Hässelby gård' style."""
    if level not in AreaLevel.values:
        raise ImportRefused(
            [
                _("Okänd nivå %(level)r; välj en av %(levels)s.")
                % {"level": level, "levels": ", ".join(AreaLevel.values)}
            ]
        )
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            [
                _("Filen är inte giltig JSON (fel på rad %(line)d, kolumn %(column)d); är det en GeoJSON-fil?")
                % {"line": exc.lineno, "column": exc.colno}
            ]
        ) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise ImportRefused([_("Filen innehåller ingen FeatureCollection med objekt.")])
    rows, errors, seen = [], [], set()
    for i, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            errors.append(f"Objekt {i}: är inte ett GeoJSON-objekt med egenskaper (properties).")
            continue
        name = str(props.get(name_property) or "").strip()
        if not name:
            errors.append(f"Objekt {i}: egenskapen {name_property!r} saknas eller är tom.")
            continue
        if len(name) > NAME_MAX_LENGTH:
            errors.append(f"Objekt {i}: namnet är längre än {NAME_MAX_LENGTH} tecken.")
            continue
        if fold(name) in seen:
            errors.append(f"Objekt {i}: namnet {name!r} förekommer flera gånger.")
            continue
        seen.add(fold(name))
        try:
            geom = parse_geometry(feature.get("geometry") or {})
        except GeometryError as exc:
            errors.append(f"Objekt {i} ({name}): {exc}")
            continue
        rows.append((display_name(name), geometry_columns(geom)))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with _writing():
        known: dict[str, Area] = {}
        for area in Area.objects.filter(level=level):  # by name, as the lookup of one would find it
            known.setdefault(area.folded_name, area)
        for name, columns in rows:  # the names are distinct (checked above)
            _upsert_area(actor=actor, name=name, level=level, parent=None, columns=columns, result=result, known=known)
    return result


_PAREN = re.compile(r"\s*\(.*?\)\s*")
MEMBERSHIP_COLUMNS = ["stadsdelsomrade", "sdo_status", "stadsdel_as_in_source", "kth_stadsdel"]


def _clean_member_name(raw: str) -> str:
    """'Svedmyra (part of)' -> 'Svedmyra'; 'Djurgården, även kallad X' -> 'Djurgården'."""
    return _PAREN.sub(" ", raw).split(",")[0].strip()


def _add_alias(*, actor: Actor | None, area: Area, name: str, kind: str, result: ImportResult) -> None:
    if fold(name) == area.folded_name or AreaAlias.objects.filter(area=area, folded_name=fold(name)).exists():
        return
    create_audited(model=AreaAlias, actor=actor, area=area, name=name, kind=kind)
    result.aliases += 1


def _add_member_place(*, actor: Actor | None, raw: str, parent: Area, result: ImportResult) -> None:
    """A listed name without a district polygon becomes a place; descriptions such as 'en liten del av
    Östermalm' are not names and are skipped."""
    name = _clean_member_name(raw)
    if not name[:1].isupper():
        result.warnings.append(f"{raw!r} ({parent.name}) är en beskrivning, inte ett namn, och har hoppats över.")
        return
    _upsert_area(actor=actor, name=name, level=AreaLevel.PLACE, parent=parent, columns={}, result=result)


def load_district_areas(path: Path, *, actor: Actor | None = None) -> ImportResult:
    """Read the district-area membership CSV (columns stadsdelsomrade, sdo_status, stadsdel_as_in_source,
    kth_stadsdel, kth_match): create the current district areas, hang every imported district under
    its district area, keep former area names as aliases of the current area that took over most of
    their districts, and keep alternative district names as aliases."""
    rows = _read_csv(path, MEMBERSHIP_COLUMNS)
    districts = {a.folded_name: a for a in Area.objects.filter(level=AreaLevel.DISTRICT)}
    if not districts:
        raise ImportRefused([_("Importera stadsdelarna (GeoJSON) först: inga stadsdelar finns.")])
    errors = []
    current: dict[str, list[dict[str, str]]] = {}
    former: dict[str, list[dict[str, str]]] = {}
    for line, row in rows:
        area_name = (row.get("stadsdelsomrade") or "").strip()
        if not area_name:
            errors.append(f"Rad {line}: stadsdelsområde saknas.")
            continue
        target = current if (row.get("sdo_status") or "").strip().lower().startswith("current") else former
        target.setdefault(area_name, []).append(row)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with _writing():
        district_area_of: dict[str, Area] = {}
        for area_name, members in current.items():
            parent = _upsert_area(
                actor=actor, name=area_name, level=AreaLevel.DISTRICT_AREA, parent=None, columns={}, result=result
            )
            for row in members:
                kth = fold(row.get("kth_stadsdel") or "")
                raw_name = row.get("stadsdel_as_in_source") or ""
                district = districts.get(kth)
                if district is None:
                    if kth:
                        result.warnings.append(f"Stadsdelen {row['kth_stadsdel']} finns inte bland de importerade.")
                    _add_member_place(actor=actor, raw=raw_name, parent=parent, result=result)
                    continue
                district_area_of[district.folded_name] = parent
                member_name = _clean_member_name(raw_name)
                changes: dict[str, Any] = {}
                if district.parent_id != parent.pk:
                    changes["parent"] = parent
                if fold(member_name) == district.folded_name and member_name != district.name:
                    changes["name"] = member_name
                if changes:
                    update_audited(obj=district, actor=actor, fields=changes)
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
                if not (row.get("kth_stadsdel") or "").strip():
                    _add_member_place(
                        actor=actor, raw=row.get("stadsdel_as_in_source") or "", parent=successor, result=result
                    )
    return result


def _assign_unlisted(
    *, actor: Actor | None, districts: dict[str, Area], district_area_of: dict[str, Area], result: ImportResult
) -> None:
    """A district the list does not name goes to the district area it shares the longest border with
    (RIDDARHOLMEN touches four districts in three areas), or, if it touches none, to the area of the
    nearest listed district."""
    listed = [districts[k] for k in district_area_of if districts[k].geometry]
    for key, district in districts.items():
        if key in district_area_of or not district.geometry:
            continue
        if not listed:
            result.warnings.append(f"{district.name} finns inte i listan och kunde inte placeras.")
            continue
        border: dict[Area, float] = {}
        for other in listed:
            if distance(district.geometry, other.geometry) == 0:
                owner = district_area_of[other.folded_name]
                border[owner] = border.get(owner, 0.0) + shared_border(district.geometry, other.geometry)
        if border:
            parent = max(border, key=border.__getitem__)
            how = "längst gemensam gräns"
        else:
            nearest = min(listed, key=lambda other: distance(district.geometry, other.geometry))
            parent = district_area_of[nearest.folded_name]
            how = f"närmaste stadsdel {nearest.name}"
        district_area_of[key] = parent
        if district.parent_id != parent.pk:
            update_audited(obj=district, actor=actor, fields={"parent": parent})
            result.updated += 1
        result.warnings.append(f"{district.name} finns inte i listan och har placerats i {parent.name} ({how}).")


def _parse_point(
    line: int, name: str, lat_text: str, lon_text: str, errors: list[str]
) -> tuple[float, float, BaseGeometry] | None:
    label = f"Rad {line} ({name or 'utan namn'})"
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        errors.append(f"{label}: ogiltiga koordinater (lat {lat_text!r}, lon {lon_text!r}).")
        return None
    try:
        return lat, lon, parse_geometry({"type": "Point", "coordinates": [lon, lat]})
    except GeometryError as exc:
        errors.append(f"{label}: {exc}")
        return None


def load_places_csv(
    path: Path,
    *,
    name_column: str = "station",
    lat_column: str = "lat",
    lon_column: str = "lon",
    actor: Actor | None = None,
) -> ImportResult:
    """Import named places with a point (e.g. metro stations); each is hung under the district that
    contains it. A name the containing district already carries (as name or alias) adds nothing.
    Rows without valid coordinates are reported and nothing is written."""
    rows = _read_csv(path, [name_column, lat_column, lon_column])
    parsed: list[tuple[str, float, float, dict[str, Any]]] = []
    errors: list[str] = []
    for line, row in rows:
        name = (row.get(name_column) or "").strip()
        point = _parse_point(
            line, name, (row.get(lat_column) or "").strip(), (row.get(lon_column) or "").strip(), errors
        )
        if point is None:
            continue
        if not name:
            errors.append(f"Rad {line}: namn saknas.")
            continue
        if len(name) > NAME_MAX_LENGTH:
            errors.append(f"Rad {line}: namnet är längre än {NAME_MAX_LENGTH} tecken.")
            continue
        lat, lon, geom = point
        parsed.append((name, lat, lon, geometry_columns(geom)))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with _writing():
        index = AreaPointIndex()  # the districts do not change below; the new places are not asked about
        for name, lat, lon, columns in parsed:
            containing = [a for a in index.at_point(lat, lon) if a.level == AreaLevel.DISTRICT]
            parent = containing[0] if containing else None
            key = fold(name)
            if Area.objects.filter(level=AreaLevel.DISTRICT, folded_name=key).exists() or (
                parent is not None and parent.aliases.filter(folded_name=key).exists()
            ):
                result.unchanged += 1  # the district itself carries the name already
                continue
            if parent is None:
                result.warnings.append(f"{name} ligger utanför alla stadsdelar och har ingen överordnad.")
            _upsert_area(actor=actor, name=name, level=AreaLevel.PLACE, parent=parent, columns=columns, result=result)
    return result
