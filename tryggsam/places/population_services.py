"""Writes of areas' populations (places.AreaPopulation): entered, changed and deleted by a coordinator,
or saved as derived from published statistics (`crimestats.populations`). Every write is audited in
its transaction. A figure entered by hand is the council's own: a derived one never replaces it; an
entered one replaces a derived one."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.errors import ServiceError, require
from tryggsam.places.models import Area, AreaPopulation, PopulationSource


def _refuse_unless_keeper(actor: Actor) -> None:
    require(
        bool(permissions.can_keep_populations(actor)),
        _("Bara samordnare och administratörer får föra in befolkningsuppgifter."),
    )


@transaction.atomic
def population_enter(*, actor: Actor, area: Area, year: int, inhabitants: int, note: str = "") -> AreaPopulation:
    """Enter the population of an area in a year. A derived figure for the same year is replaced (and
    the audit row keeps the derived value); an entered one is refused: change it instead."""
    _refuse_unless_keeper(actor)
    existing = AreaPopulation.objects.select_for_update().filter(area=area, year=year).first()
    fields: dict[str, Any] = {"inhabitants": inhabitants, "note": note.strip(), "source": PopulationSource.ENTERED}
    if existing is None:
        return create_audited(model=AreaPopulation, actor=actor, area=area, year=year, derived_from="", **fields)
    if existing.source == PopulationSource.ENTERED:
        raise ServiceError(
            _("%(area)s har redan en inskriven befolkning för %(year)s. Ändra den i stället.")
            % {"area": area.name, "year": year}
        )
    return update_audited(
        obj=existing,
        actor=actor,
        fields={**fields, "derived_from": ""},
        note=_("Inskriven siffra ersätter en härledd."),
    )


@transaction.atomic
def population_update(
    *, actor: Actor, population: AreaPopulation, year: int, inhabitants: int, note: str = ""
) -> AreaPopulation:
    """Change a figure. A derived figure changed by hand becomes an entered one (the person now vouches
    for it, and a later import will not replace it)."""
    _refuse_unless_keeper(actor)
    fields = {
        "year": year,
        "inhabitants": inhabitants,
        "note": note.strip(),
        "source": PopulationSource.ENTERED,
        "derived_from": "",
    }
    return update_audited(obj=population, actor=actor, fields=fields)


@transaction.atomic
def population_delete(*, actor: Actor, population: AreaPopulation) -> None:
    _refuse_unless_keeper(actor)
    audit_delete(actor=actor, obj=population)
    population.delete()


class DerivedOutcome(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ENTERED_KEPT = "entered_kept"  # an entered figure exists: the derived one is not saved


@transaction.atomic
def population_save_derived(
    *, actor: Actor, area: Area, year: int, inhabitants: int, derived_from: str
) -> DerivedOutcome:
    """Save a population derived from statistics, unless a figure was entered for that area and year."""
    _refuse_unless_keeper(actor)
    existing = AreaPopulation.objects.select_for_update().filter(area=area, year=year).first()
    derived_from = derived_from[:300]
    if existing is None:
        create_audited(
            model=AreaPopulation,
            actor=actor,
            area=area,
            year=year,
            inhabitants=inhabitants,
            source=PopulationSource.DERIVED,
            derived_from=derived_from,
        )
        return DerivedOutcome.CREATED
    if existing.source == PopulationSource.ENTERED:
        return DerivedOutcome.ENTERED_KEPT
    if existing.inhabitants == inhabitants and existing.derived_from == derived_from:
        return DerivedOutcome.UNCHANGED
    update_audited(obj=existing, actor=actor, fields={"inhabitants": inhabitants, "derived_from": derived_from})
    return DerivedOutcome.UPDATED
