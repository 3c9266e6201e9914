"""Match the area names used in statistics ("Enskede - Årsta - Vantör", former names such as
Hägersten-Liljeholmen) to the area tree: district areas first, then their aliases, then districts."""

from __future__ import annotations

import re

from tryggsam.core.text import fold
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel

_LEVELS = (AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT)
_ALIAS_KINDS = (AliasKind.FORMER, AliasKind.ALTERNATE)


def _key(name: str) -> str:
    return fold(re.sub(r"\s*-\s*", "-", name))


def register_names() -> frozenset[str]:
    """Every name `resolve_area` can resolve, folded: two queries for a whole file, so that a table of
    many unknown headings does not cost a query each."""
    names = Area.objects.filter(level__in=_LEVELS).values_list("folded_name", flat=True)
    aliases = AreaAlias.objects.filter(area__level__in=_LEVELS, kind__in=_ALIAS_KINDS).values_list(
        "folded_name", flat=True
    )
    return frozenset([*names, *aliases])


def in_register(name: str, names: frozenset[str]) -> bool:
    return _key(name) in names


def resolve_area(name: str) -> Area | None:
    key = _key(name)
    for level in _LEVELS:
        area = Area.objects.filter(level=level, folded_name=key).first()
        if area is not None:
            return area
        alias = (
            AreaAlias.objects.filter(folded_name=key, area__level=level, kind__in=_ALIAS_KINDS)
            .select_related("area")
            .first()
        )
        if alias is not None:
            return alias.area
    return None
