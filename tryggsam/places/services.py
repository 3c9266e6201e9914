"""Writes on places that users make by hand: abbreviations and other names."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.text import fold
from tryggsam.places.models import AliasKind, Area, AreaAlias


@transaction.atomic
def alias_define(
    *, actor: Actor, name: str, areas: Iterable[Area], kind: str = AliasKind.ABBREVIATION
) -> list[AreaAlias]:
    """Teach the gazetteer a name: an abbreviation such as "F/V/H" may stand for several areas."""
    if not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får lägga till förkortningar."))
    name = name.strip()
    areas = list(areas)
    if not name or not areas:
        raise ServiceError(_("Ange förkortningen och minst ett område."))
    created = []
    for area in areas:
        if not AreaAlias.objects.filter(area=area, folded_name=fold(name)).exists():
            created.append(create_audited(model=AreaAlias, actor=actor, area=area, name=name, kind=kind))
    return created
