"""Match the area names used in statistics ("Enskede - Årsta - Vantör", former names such as
Hägersten-Liljeholmen) to the area tree: district areas first, then their aliases, then districts."""

from __future__ import annotations

import re

from tryggsam.core.text import fold
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel


def resolve_area(name: str) -> Area | None:
    key = fold(re.sub(r"\s*-\s*", "-", name))
    for level in (AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT):
        area = Area.objects.filter(level=level, folded_name=key).first()
        if area is not None:
            return area
        alias = (
            AreaAlias.objects.filter(
                folded_name=key, area__level=level, kind__in=[AliasKind.FORMER, AliasKind.ALTERNATE]
            )
            .select_related("area")
            .first()
        )
        if alias is not None:
            return alias.area
    return None
