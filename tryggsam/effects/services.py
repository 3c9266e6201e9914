"""Writes of effect studies: the policy is asked, the study validated, saved and audited in one
transaction (its many-to-many choices included)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor
from tryggsam.audit.writes import create_audited, set_m2m_audited, update_audited
from tryggsam.casework.models import Measure
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.effects.models import MAX_PERIODS, EffectStudy, Granularity
from tryggsam.effects.selectors import overlapping_ids
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.models import Area


def _check(
    measure: Measure, comparison_areas: list[Area], granularity: str, before_periods: int, after_periods: int
) -> None:
    if granularity not in Granularity.values:
        raise ServiceError(_("Okänd periodlängd."))
    for value in (before_periods, after_periods):
        if not isinstance(value, int) or not 2 <= value <= MAX_PERIODS:
            raise ServiceError(
                _("Antalet perioder före och efter starten ska vara mellan 2 och %(max)d.") % {"max": MAX_PERIODS}
            )
    area = measure.problem.area
    if area is not None and comparison_areas:
        overlapping = overlapping_ids(area)
        clash = [a.name for a in comparison_areas if a.pk in overlapping]
        if clash:
            raise ServiceError(
                _("Ett jämförelseområde får inte vara åtgärdens område, ligga i det eller innehålla det: %(areas)s")
                % {"areas": ", ".join(clash)}
            )


@transaction.atomic
def effect_study_save(
    *,
    actor: Actor,
    measure: Measure,
    comparison_areas: Iterable[Area] = (),
    categories: Iterable[IncidentCategory] = (),
    granularity: str = Granularity.MONTH,
    before_periods: int = 12,
    after_periods: int = 12,
) -> EffectStudy:
    """Create the measure's effect study or change it (one per measure). No comparison areas: the
    suggested ones are used; no categories: the problem's."""
    if not permissions.can_edit_effect_study(actor, measure):
        raise PermissionDeniedError(_("Du får inte ändra effektstudien för den här åtgärden."))
    areas, chosen = list(comparison_areas), list(categories)
    _check(measure, areas, granularity, before_periods, after_periods)
    fields: dict[str, Any] = {
        "granularity": granularity,
        "before_periods": before_periods,
        "after_periods": after_periods,
    }
    study = EffectStudy.objects.select_for_update().filter(measure=measure).first()
    if study is None:
        return create_audited(
            model=EffectStudy,
            actor=actor,
            measure=measure,
            m2m={"comparison_areas": areas, "categories": chosen},
            **fields,
        )
    changed = {name: value for name, value in fields.items() if getattr(study, name) != value}
    if changed:
        update_audited(obj=study, actor=actor, fields=changed)
    set_m2m_audited(obj=study, actor=actor, name="comparison_areas", values=areas)
    set_m2m_audited(obj=study, actor=actor, name="categories", values=chosen)
    return study
